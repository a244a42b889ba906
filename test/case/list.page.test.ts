/**
 * 办事进度 (U1): cards that tell cases apart (the summary as stored, the day filed, the status in
 * words and colour, the next step), pull-to-refresh and 重试 when loading fails, and a resident's
 * lookup of a case filed for them at the window or by 12348 (by code and phone).
 */
import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

type ListPage = { onLookupField(e: { detail: { value: string }; currentTarget: { dataset: { field: string } } }): void; onPullDownRefresh(): Promise<void> };
const page$ = (page: RenderedPage) => page.instance as unknown as ListPage;
type Card = { code: string; summary: string; filed: string; tone: string; next: string; yours: boolean };

beforeEach(() => {
  resetShown();
  clearStorage();
});

describe('办事进度', () => {
  it('tells cases apart: summary, day filed, status in words and colour, the next step (the resident’s own stands out)', async () => {
    const file = (summary: string) => callAs<{ id: string; code: string }>('list-villager', 'case', 'submit', { category: 'mediation', summary, orgId: 'qs-heping', applicant: { name: '郑大伯', phone: '13700008888' } });
    const fence = await file('篱笆被邻居推倒');
    const water = await file('水管漏到楼下');
    await callAs('seed-staff-qs', 'case', 'act', { caseId: water.id, command: { type: 'accept' } });
    await callAs('seed-staff-qs', 'case', 'act', { caseId: water.id, command: { type: 'requestMaterials', items: ['照片'] } });

    setPersona('list-villager');
    const page = renderPage('pages/case/list/index');
    await waitFor(page, (d) => d.loading === false);
    const cards = page.data.cases as Card[];
    const byCode = (code: string) => cards.find((c) => c.code === code) as Card;
    expect(byCode(fence.code)).toMatchObject({ summary: '篱笆被邻居推倒', tone: 'brand', yours: false });
    expect(byCode(water.code)).toMatchObject({ summary: '水管漏到楼下', tone: 'warning', yours: true });
    expect(byCode(water.code).next).toContain('材料');
    expect(byCode(fence.code).filed).toMatch(/^\d{1,2}月\d{1,2}日提交$/);
    expect(page.querySelectorAll('.status--warning')).toHaveLength(1);
    expect(page.dom?.textContent).toContain('篱笆被邻居推倒');

    // Pull to refresh reloads the list.
    await callAs('list-villager', 'case', 'submit', { category: 'consultation', summary: '承包地续期', applicant: { name: '郑大伯', phone: '13700008888' } });
    await page$(page).onPullDownRefresh();
    await waitFor(page, (d) => (d.cases as Card[]).length === 3);
  });

  it('offers 重试 when the service cannot be reached, and retrying shows the list', async () => {
    await callAs('list-offline', 'case', 'submit', { category: 'consultation', summary: '宅基地确权', applicant: { name: '冯婶', phone: '13700009999' } });
    setPersona('list-offline');
    const saved = process.env.DEVCLOUD_URL;
    process.env.DEVCLOUD_URL = 'http://127.0.0.1:9';
    const page = renderPage('pages/case/list/index', { real: ['t-button'] });
    await waitFor(page, (d) => d.failed === true, 15000);
    expect(page.dom?.textContent).toContain('没有连上服务');
    process.env.DEVCLOUD_URL = saved;
    page.querySelector('#retry >>> .t-button')?.dispatchEvent('tap');
    await waitFor(page, (d) => d.failed === false && (d.cases as Card[]).length === 1);
  }, 20000);

  it('finds a case filed for the resident at the window by its code and phone, and lists it as theirs', async () => {
    const registered = await callAs<{ code: string }>('seed-staff-qs', 'case', 'register', {
      channel: 'hotline12348',
      category: 'consultation',
      summary: '12348 来电：土地流转合同',
      orgId: 'qs-station',
      applicant: { name: '褚大娘', phone: '13700001111' },
    });
    setPersona('list-caller');
    const page = renderPage('pages/case/list/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.data.cases).toEqual([]);
    page.querySelector('#lookup-toggle')?.dispatchEvent('tap');
    await waitFor(page, (d) => d.lookupOpen === true);

    // A wrong phone: refused as no match, shown to the resident, nothing linked.
    page$(page).onLookupField({ detail: { value: registered.code.toLowerCase() }, currentTarget: { dataset: { field: 'code' } } });
    page$(page).onLookupField({ detail: { value: '13700002222' }, currentTarget: { dataset: { field: 'phone' } } });
    tap(page.querySelector('#link') ?? undefined);
    await waitFor(page, (d) => d.linking === false && shown.toasts.length > 0);
    expect(shown.refusals.at(-1)).toEqual({ code: 'NOT_FOUND', reason: 'no_match' });
    expect(page.data.cases).toEqual([]);

    page$(page).onLookupField({ detail: { value: '13700001111' }, currentTarget: { dataset: { field: 'phone' } } });
    tap(page.querySelector('#link') ?? undefined);
    await waitFor(page, (d) => (d.cases as Card[]).length === 1);
    expect((page.data.cases as Card[])[0]).toMatchObject({ code: registered.code });
    expect(shown.toasts.at(-1)?.title).toBe('已找到：法律咨询');
    await simulate.sleep(0);
  });
});
