import { renderPage, simulate, tap, waitFor } from '../support/page';
import { callAs, clearStorage, PHOTO, resetShown, setPersona, shown, storageValue } from '../support/page-setup';

type Handler = (e: { detail: { value: string | boolean }; currentTarget: { dataset: Record<string, string> } }) => void;
type RegisterPage = Record<'onField' | 'onChannel' | 'onCategory' | 'onGroup' | 'onProxy' | 'onUnit', Handler>;

const DRAFT = 'draft.register';

const handlers = (page: ReturnType<typeof renderPage>) => page.instance as unknown as RegisterPage;
const type = (page: ReturnType<typeof renderPage>, field: string, value: string) =>
  handlers(page).onField({ detail: { value }, currentTarget: { dataset: { field } } });
const choose = (page: ReturnType<typeof renderPage>, handler: 'onChannel' | 'onCategory' | 'onGroup', value: string) =>
  handlers(page)[handler]({ detail: { value: '' }, currentTarget: { dataset: { value } } });

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-staff');
});

describe('登记来访', () => {
  it('registers a hotline call with a 代办人 and a priority group, keeping the draft until it succeeds', async () => {
    const page = renderPage('admin/case/register/index', { real: ['unit-picker'] });
    await waitFor(page, (d) => d.loading === false);
    // The staff member's own unit comes first and is the default.
    expect((page.data.units as Array<{ id: string }>)[0]?.id).toBe('qh-center');
    expect(page.dom?.textContent).toContain('已选：青禾县公共法律服务中心');

    const summary = `登记测试：电话咨询赡养纠纷 ${Date.now().toString(36)}`;
    choose(page, 'onChannel', 'hotline12348');
    choose(page, 'onCategory', 'mediation');
    type(page, 'summary', summary);
    type(page, 'name', '刘桂芳');
    type(page, 'phone', '0999-1234567');
    handlers(page).onProxy({ detail: { value: true }, currentTarget: { dataset: {} } });
    type(page, 'proxyName', '刘强');
    type(page, 'proxyPhone', '13700000000');
    type(page, 'relation', '儿子');
    choose(page, 'onGroup', 'elderly');
    choose(page, 'onGroup', 'women');
    choose(page, 'onGroup', 'women');
    const draft = storageValue(DRAFT) as { form: Record<string, unknown>; requestId: string };
    expect(draft.form).toMatchObject({ channel: 'hotline12348', category: 'mediation', summary, hasProxy: true, groups: ['elderly'] });
    expect(draft.requestId).toBeTruthy();

    // Leaving and coming back keeps what was typed, and the same requestId.
    const again = renderPage('admin/case/register/index');
    await waitFor(again, (d) => d.loading === false);
    expect(again.data.form).toMatchObject({ summary, name: '刘桂芳', proxyName: '刘强', relation: '儿子', groups: ['elderly'] });
    expect((again.data.channels as Array<{ value: string; on: boolean }>).find((c) => c.on)?.value).toBe('hotline12348');
    // The 代办人 fields are open again because the switch came back from the draft too.
    expect(again.querySelector('.proxy')).toBeTruthy();
    expect((storageValue(DRAFT) as { requestId: string }).requestId).toBe(draft.requestId);

    tap(again.querySelector('#submit') ?? undefined);
    await waitFor(again, () => shown.navigations.length > 0);
    const caseId = /caseId=(.+)$/.exec(shown.navigations[0] ?? '')?.[1] ?? '';
    expect(shown.navigations).toEqual([`/pages/case/detail/index?caseId=${caseId}`]);
    const code = /编号(\w+)$/.exec(shown.toasts.at(-1)?.title ?? '')?.[1] ?? '';
    expect(code).toMatch(/^TJ\d{12}$/);
    expect(storageValue(DRAFT)).toBeUndefined();

    const found = await callAs<{ case: { id: string; summary: string; applicantName: string; priority: string; orgId: string } }>('demo-staff', 'case', 'findByCode', { code });
    expect(found.case).toMatchObject({ id: caseId, summary, applicantName: '刘桂芳', priority: 'green', orgId: 'qh-center' });
  });

  it('registers a walk-in only once the receptionist has signed by hand, with the visitor’s papers photographed', async () => {
    const page = renderPage('admin/case/register/index', { real: ['signature-pad', 'unit-picker'] });
    await waitFor(page, (d) => d.loading === false);
    const summary = `来访登记：工伤赔偿 ${Date.now().toString(36)}`;
    choose(page, 'onChannel', 'walkIn');
    choose(page, 'onCategory', 'consultation');
    type(page, 'summary', summary);
    type(page, 'name', '钱守义');
    type(page, 'phone', '13600001111');
    page.querySelector('#files')?.dispatchEvent('add', { detail: { files: [{ url: PHOTO }] } });
    await waitFor(page, (d) => (d.form as { files: Array<{ status: string }> }).files[0]?.status === 'done');

    // Not signed yet: nothing is sent.
    tap(page.querySelector('#submit') ?? undefined);
    await simulate.sleep(20);
    expect(shown.toasts.at(-1)?.title).toBe('请接待人在下方手写签名');
    expect(shown.navigations).toEqual([]);

    // A real signature is more than a dot: strokes across the pad.
    const pad = page.querySelector('#signature')?.querySelector('#pad');
    pad?.dispatchEvent('touchstart', { touches: [{ x: 10, y: 40 }] });
    for (let i = 0; i < 12; i++) pad?.dispatchEvent('touchmove', { touches: [{ x: 10 + i * 8, y: 40 + (i % 3) * 6 }] });
    pad?.dispatchEvent('touchend');
    await waitFor(page, (d) => d.signed === true);
    expect(shown.strokes).toBe(12);

    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, () => shown.navigations.length > 0);
    const code = /编号(\w+)$/.exec(shown.toasts.at(-1)?.title ?? '')?.[1] ?? '';
    const found = await callAs<{ timeline: Array<{ files: Array<{ name: string }> }> }>('demo-staff', 'case', 'findByCode', { code });
    expect(found.timeline[0]?.files.map((f) => f.name)).toEqual(['照片1', '接待人签名']);
  });

  it('shows the server’s checks in a dialog when the matter is left out, and keeps the draft', async () => {
    const page = renderPage('admin/case/register/index');
    await waitFor(page, (d) => d.loading === false);
    choose(page, 'onChannel', 'hotline12348');
    choose(page, 'onCategory', 'consultation');
    type(page, 'name', '赵六');
    type(page, 'phone', '13600000002');
    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, (d) => d.submitting === false && shown.modals.length > 0);
    expect(shown.modals.at(-1)).toEqual({ title: '请检查填写内容', content: '请填写办理事项' });
    expect(shown.navigations).toEqual([]);
    expect((storageValue(DRAFT) as { form: { name: string } }).form.name).toBe('赵六');
  });

  it('sends the code of the 咨询 a request follows on from, and says so when no such case is found', async () => {
    const page = renderPage('admin/case/register/index');
    await waitFor(page, (d) => d.loading === false);
    choose(page, 'onChannel', 'hotline12348');
    choose(page, 'onCategory', 'lawyer');
    type(page, 'summary', `接着咨询办理 ${Date.now().toString(36)}`);
    type(page, 'followOf', 'zx209901010001');
    type(page, 'name', '钱七');
    type(page, 'phone', '13600000003');
    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, (d) => d.submitting === false && shown.modals.length + shown.toasts.length > 0);
    expect(shown.navigations).toEqual([]);
    expect(shown.refusals.at(-1)).toMatchObject({ code: 'NOT_FOUND', reason: 'follow_of_not_found' });
  });

  it('asks for the category before sending anything', async () => {
    const page = renderPage('admin/case/register/index');
    await waitFor(page, (d) => d.loading === false);
    type(page, 'summary', '咨询');
    tap(page.querySelector('#submit') ?? undefined);
    await simulate.sleep(10);
    expect(shown.toasts.at(-1)?.title).toBe('请选择办理类别');
    expect(page.data.submitting).toBe(false);
  });

  it('registers to a unit below the staff member’s own, picked from the tree of units', async () => {
    const page = renderPage('admin/case/register/index', { real: ['unit-picker'] });
    await waitFor(page, (d) => d.loading === false);
    const picker = page.querySelector('#unit');
    const rows = () => picker?.querySelectorAll('.unit') ?? [];
    const namesOf = () => (picker?.querySelectorAll('.unit__name') ?? []).map((n) => n.dom?.textContent);
    // The tree opens on the center and its stations, villages folded under each station.
    const names = namesOf();
    expect(names[0]).toBe('青禾县公共法律服务中心');
    expect(names).toContain('青石镇公共法律服务工作站');
    expect(names).not.toContain('东坡村公共法律服务工作室');
    // Found by part of its name, with where it sits.
    (picker?.instance as unknown as { onQuery(e: { detail: { value: string } }): void }).onQuery({ detail: { value: '青石' } });
    await simulate.sleep(10);
    expect(namesOf()).toEqual(['青石镇公共法律服务工作站']);
    expect(picker?.querySelector('.unit__where')?.dom?.textContent).toBe('青禾县公共法律服务中心');
    rows()[0]?.dispatchEvent('tap');
    await simulate.sleep(10);
    expect(page.data.form).toMatchObject({ orgId: 'qs-station' });
    expect(page.dom?.textContent).toContain('已选：青石镇公共法律服务工作站');
    choose(page, 'onChannel', 'agency');
    choose(page, 'onCategory', 'consultation');
    type(page, 'summary', `登记测试：土地承包 ${Date.now().toString(36)}`);
    type(page, 'name', '孙七');
    type(page, 'phone', '13600000003');
    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, () => shown.navigations.length > 0);
    const code = /编号(\w+)$/.exec(shown.toasts.at(-1)?.title ?? '')?.[1] ?? '';
    const found = await callAs<{ case: { orgId: string } }>('demo-staff', 'case', 'findByCode', { code });
    expect(found.case.orgId).toBe('qs-station');
  });
});
