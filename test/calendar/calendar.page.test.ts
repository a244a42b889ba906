import { renderPage, waitFor, type RenderedPage } from '../support/page';
import { clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 节假日安排 for the admin. Page tests share one devcloud and 首页's test expects the 2027 warning,
 * so this file saves 2026 (a year the package knows: an override equal to the notice changes nothing).
 */

type Handler = (e: unknown) => void;
const on = (page: RenderedPage) => page.instance as unknown as Record<'onYear' | 'onField' | 'onSave', Handler>;
const field = (page: RenderedPage, name: string, value: string) => on(page).onField({ currentTarget: { dataset: { field: name } }, detail: { value } });

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-admin');
});

describe('节假日安排', () => {
  it('opens with one call, warning of the first missing year and offering it', async () => {
    const page = renderPage('admin/calendar/index');
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['calendar.get']);
    const missing = page.data.missing as number[];
    expect(missing.length).toBeGreaterThan(0);
    expect(page.data.year).toBe(String(missing[0]));
    expect(page.dom?.textContent).toContain(`${missing[0]}年的节假日安排还没有录入`);
  });

  it('refuses dates it cannot read before calling, then saves a year with its source', async () => {
    const page = renderPage('admin/calendar/index');
    await waitFor(page, (d) => d.loading === false);
    on(page).onYear({ detail: { value: '2026' } });
    field(page, 'source', '国务院办公厅关于2026年部分节假日安排的通知');
    field(page, 'holidays', '2026-01-01\n1月2日');
    expect(page.querySelector('#save')).toBeTruthy();
    on(page).onSave({});
    expect(shown.modals[0]?.title).toBe('日期格式不对');
    expect(shown.functionCalls).toEqual(['calendar.get']);

    field(page, 'holidays', '2026-01-01\n2026-01-02 2026-01-03');
    field(page, 'workdays', '2026-01-04');
    on(page).onSave({});
    await waitFor(page, () => shown.toasts.length > 0);
    expect(shown.toasts).toEqual([{ title: '2026年已保存' }]);
    expect(shown.functionCalls).toEqual(['calendar.get', 'calendar.saveYear']);
    expect((page.data.years as Array<{ text: string }>).map((y) => y.text)).toEqual([expect.stringMatching(/^2026年：4天，依据 国务院办公厅关于2026年部分节假日安排的通知/)]);
  });

  it('opens a year already entered with its days, to correct', async () => {
    const page = renderPage('admin/calendar/index');
    await waitFor(page, (d) => d.loading === false);
    on(page).onYear({ detail: { value: '2026' } });
    expect(page.data).toMatchObject({ holidays: '2026-01-01\n2026-01-02\n2026-01-03', workdays: '2026-01-04' });
  });
});
