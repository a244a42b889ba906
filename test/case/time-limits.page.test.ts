import { renderPage, simulate, tap, waitFor } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * C2 on the pages: the 工作台 leads with a request whose resident's own window closes soon and shows
 * its last day; the case page shows the outside body's period to the resident and the worker, and
 * the worker refers the case and records the body's acceptance through the page's own forms.
 */

interface Summary {
  id: string;
  code: string;
}
interface Row {
  id: string;
  urgent: boolean;
  applyBy: string;
}

/** The Beijing date `days` ago, 'YYYY-MM-DD'. */
const beijingDay = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
let n = 0;

let urgent: Summary;
let notary: Summary;

beforeAll(async () => {
  urgent = await callAs<Summary>('demo-staff', 'case', 'register', {
    channel: 'hotline12348',
    category: 'adminReview',
    summary: `期限测试：对罚款决定不服 ${Date.now()}-${n++}`,
    orgId: 'qh-center',
    applicant: { name: '孙大爷', phone: '13900004444' },
    actOn: beijingDay(55),
  });
  notary = await callAs<Summary>('demo-resident', 'case', 'submit', {
    category: 'notary',
    summary: `期限测试：继承公证 ${Date.now()}-${n++}`,
    applicant: { name: '王秀兰', phone: '13800000000' },
  });
  await callAs('demo-staff', 'case', 'act', { caseId: notary.id, command: { type: 'accept' } });
});

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-staff');
});

describe('工作台 and the resident’s own deadline', () => {
  it('puts an administrative-review request 55 days after the act first, marked urgent, with the last day to apply', async () => {
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    const rows = page.data.cases as Row[];
    expect(rows[0]).toMatchObject({ id: urgent.id, urgent: true });
    expect(rows[0]?.applyBy).toMatch(/^申请行政复议的最后一天：\d{1,2}月\d{1,2}日/);
    const row = page.querySelectorAll('.case').find((c) => c.dom?.textContent?.includes(urgent.code));
    expect(row?.dom?.textContent).toContain('期限紧急');
    expect(row?.dom?.textContent).toContain('申请行政复议的最后一天');
    expect(page.querySelectorAll('.case__apply--urgent').length).toBeGreaterThanOrEqual(1);
  });

  it('shows the last day on the case page too', async () => {
    const page = renderPage('pages/case/detail/index', {}, { caseId: urgent.id });
    await waitFor(page, (d) => d.loading === false && d.code !== '');
    expect(page.data.urgent).toBe(true);
    expect(page.querySelector('.apply--urgent')?.dom?.textContent).toContain('申请行政复议的最后一天');
  });
});

describe('a notarization on the case page', () => {
  it('lets the handler refer it and record the office’s acceptance, then shows the office’s period, not the center’s', async () => {
    const page = renderPage('pages/case/detail/index', {}, { caseId: notary.id });
    await waitFor(page, (d) => d.loading === false && d.code !== '');
    expect(page.data.commitment).toBe('中心承诺：2个工作日内转交公证处');
    expect(page.data.outside).toBe('');

    page.querySelectorAll('.command').find((b) => b.dom?.textContent?.includes('转交受理机构'))?.dispatchEvent('tap');
    await waitFor(page, (d) => d.active === 'refer');
    page.querySelectorAll('.option').find((o) => o.dom?.textContent?.includes('公证处'))?.dispatchEvent('tap');
    page.querySelector('#confirm')?.dispatchEvent('tap');
    await waitFor(page, (d) => d.active === '' && d.outside !== '');
    expect(page.data.outside).toContain('公证处受理后15个工作日内出具公证书');
    expect(page.data.due).toBe(''); // the center's clock has stopped at the referral

    page.querySelectorAll('.command').find((b) => b.dom?.textContent?.includes('登记机构已受理'))?.dispatchEvent('tap');
    await waitFor(page, (d) => d.active === 'recordAcceptance');
    page.querySelector('#confirm')?.dispatchEvent('tap'); // today, as the form starts
    await waitFor(page, (d) => d.active === '' && String(d.outside).includes('已于'));
    expect(page.querySelector('.outside')?.dom?.textContent).toContain('这是公证处的法定期限');
  });

  it('shows the resident the office’s period on their own case page', async () => {
    setPersona('demo-resident');
    const page = renderPage('pages/case/detail/index', {}, { caseId: notary.id });
    await waitFor(page, (d) => d.loading === false && d.code !== '');
    expect(page.data.commitment).toBe('');
    expect(page.querySelector('.outside')?.dom?.textContent).toMatch(/公证处已于\d{1,2}月\d{1,2}日受理，一般在\d{1,2}月\d{1,2}日前出具公证书/);
  });
});

describe('登记来访 asks for the date the resident’s window runs from', () => {
  type Handler = (e: { detail: { value: string }; currentTarget: { dataset: Record<string, string> } }) => void;
  type RegisterPage = Record<'onField' | 'onChannel' | 'onCategory', Handler>;
  const call = (page: ReturnType<typeof renderPage>, handler: keyof RegisterPage, value: string, dataset: Record<string, string> = { value }) =>
    (page.instance as unknown as RegisterPage)[handler]({ detail: { value }, currentTarget: { dataset } });
  type ActDate = { instance: { data: { windows: Array<{ value: string; on: boolean }> }; onActOn(e: { detail: { value: string } }): void } };

  it('only for a category that has one, and registers an urgent review request with it', async () => {
    const page = renderPage('admin/case/register/index', { real: ['act-date'] });
    await waitFor(page, (d) => d.loading === false);
    const actDate = () => page.querySelector('#act-date') as unknown as ActDate & { dom?: { textContent: string } };
    call(page, 'onChannel', 'hotline12348');
    call(page, 'onCategory', 'mediation');
    await simulate.sleep(0);
    expect(actDate().dom?.textContent ?? '').toBe('');
    call(page, 'onCategory', 'consultation');
    await simulate.sleep(0);
    // Several windows: the worker picks which; the first is on until then.
    expect(actDate().instance.data.windows.map((w) => [w.value, w.on])).toEqual([
      ['adminReview', true],
      ['labourArbitration', false],
      ['labourSuit', false],
      ['adminLitigation', false],
    ]);
    call(page, 'onCategory', 'adminReview');
    await simulate.sleep(0);
    expect(actDate().dom?.textContent).toContain('知道或者应当知道该行政行为之日');
    actDate().instance.onActOn({ detail: { value: beijingDay(56) } });
    call(page, 'onField', `期限测试：登记复议 ${Date.now()}-${n++}`, { field: 'summary' });
    call(page, 'onField', '周大娘', { field: 'name' });
    call(page, 'onField', '13900006666', { field: 'phone' });
    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, () => shown.navigations.length > 0);
    const caseId = /caseId=(.+)$/.exec(shown.navigations[0] ?? '')?.[1] ?? '';
    const detail = await callAs<{ case: { urgent: boolean; applyBy: { kind: string } | null } }>('demo-staff', 'case', 'get', { caseId });
    expect(detail.case).toMatchObject({ urgent: true, applyBy: { kind: 'adminReview' } });
  });
});

describe('我要办事 asks the resident for the date their own window runs from', () => {
  type Handlers = {
    onCategory(e: { currentTarget: { dataset: Record<string, string> } }): void;
    onField(e: { detail: { value: string }; currentTarget: { dataset: Record<string, string> } }): void;
  };
  const handlers = (page: ReturnType<typeof renderPage>) => page.instance as unknown as Handlers;
  const text = (page: ReturnType<typeof renderPage>) => page.querySelector('#act-date')?.dom?.textContent ?? '';

  it('only for a category that carries one; the request comes out urgent with its last day', async () => {
    setPersona('demo-resident');
    const page = renderPage('pages/case/apply/index', { real: ['act-date'] });
    handlers(page).onCategory({ currentTarget: { dataset: { value: 'mediation' } } });
    await simulate.sleep(0);
    expect(text(page)).not.toContain('知道或者应当知道');
    handlers(page).onCategory({ currentTarget: { dataset: { value: 'adminReview' } } });
    await simulate.sleep(0);
    expect(text(page)).toContain('知道或者应当知道该行政行为之日');
    // The resident picks the date on the component's own picker (what its bindchange receives).
    const picker = page.querySelector('#act-date') as unknown as { instance: { onActOn(e: { detail: { value: string } }): void } };
    picker.instance.onActOn({ detail: { value: beijingDay(57) } });
    await waitFor(page, (d) => (d.form as { actOn: string }).actOn === beijingDay(57));
    expect(text(page)).toContain(beijingDay(57));
    handlers(page).onField({ detail: { value: `期限测试：对罚款不服 ${Date.now()}-${n++}` }, currentTarget: { dataset: { field: 'summary' } } });
    handlers(page).onField({ detail: { value: '吴大伯' }, currentTarget: { dataset: { field: 'name' } } });
    handlers(page).onField({ detail: { value: '13900007777' }, currentTarget: { dataset: { field: 'phone' } } });
    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, (d) => d.submitted !== null);
    const caseId = (page.data.submitted as { id: string }).id;
    const detail = await callAs<{ case: { urgent: boolean; applyBy: { kind: string; lastDay: string } | null } }>('demo-staff', 'case', 'get', { caseId });
    expect(detail.case).toMatchObject({ urgent: true, applyBy: { kind: 'adminReview' } });
  });
});
