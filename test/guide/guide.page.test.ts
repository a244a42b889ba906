import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/* 服务指南, 服务地图 and the provider notice for residents; the 一次性告知 ticked from the list; the staff pages. */

type Handler = (e: unknown) => void;
/** Calls a page method as a tap would, with its event. */
function call(page: RenderedPage, method: string, e: unknown = {}): void {
  const fn = (page.instance as unknown as Record<string, Handler | undefined>)[method];
  if (!fn) throw new Error(`the page has no ${method}`);
  fn.call(page.instance, e);
}
const wxAny = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const text = (page: RenderedPage) => page.dom?.textContent ?? '';

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-elder');
});
afterEach(() => {
  delete wxAny.getLocation;
  delete wxAny.openLocation;
});

describe('服务指南', () => {
  it('lists every service in plain words from devcloud and opens one', async () => {
    const page = renderPage('pages/guide/list/index');
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['guide.catalogue']);
    const entries = page.data.entries as Array<{ service: string; title: string }>;
    expect(entries.map((e) => e.title)).toEqual(['法律咨询', '法律援助', '人民调解', '律师服务', '公证服务', '司法鉴定', '仲裁服务', '行政复议', '投诉建议']);
    call(page, 'onOpen', { currentTarget: { dataset: { service: 'notary' } } });
    expect(shown.navigations).toEqual(['/pages/guide/entry/index?service=notary']);
  });

  it('shows what to bring and why, what may replace it, the limit with its source, fees and waivers, and leads to applying', async () => {
    const page = renderPage('pages/guide/entry/index', {}, { service: 'notary' });
    await waitFor(page, (d) => d.loading === false);
    expect(shown.titles).toEqual(['公证服务']);
    const t = text(page);
    expect(t).toContain('亲属关系证明');
    expect(t).toContain('为什么要：办继承、赡养、委托时');
    expect(t).toContain('可签承诺书代替（告知承诺）');
    expect(t).toContain('依据：本县服务承诺');
    expect(t).toContain('《公证法》第四十六条');
    tap(page.querySelector('#apply') ?? undefined);
    await simulate.sleep(10);
    expect(shown.navigations).toEqual(['/pages/case/apply/index?category=notary']);
  });

  it('sends legal aid to its self-check first', async () => {
    const page = renderPage('pages/guide/entry/index', {}, { service: 'legalAid' });
    await waitFor(page, (d) => d.loading === false);
    tap(page.querySelector('#apply') ?? undefined);
    await simulate.sleep(10);
    expect(shown.navigations).toEqual(['/pages/legal-aid/check/index']);
  });

  it('is reachable from 首页 and from a unit’s 公示栏', async () => {
    const home = renderPage('pages/home/index');
    await waitFor(home, (d) => d.loading === false);
    tap(home.querySelector('#guide') ?? undefined);
    const notice = renderPage('pages/org/detail/index', {}, { orgId: 'qs-dongpo' });
    await waitFor(notice, (d) => d.loading === false);
    call(notice, 'onGuide');
    expect(shown.navigations).toEqual(['/pages/guide/list/index', '/pages/guide/list/index']);
  });
});

describe('服务地图', () => {
  it('with location refused, lists by township and still opens a place', async () => {
    wxAny.getLocation = (opts: { fail?: (e: unknown) => void }) => opts.fail?.({ errMsg: 'getLocation:fail auth deny' });
    const page = renderPage('pages/guide/map/index');
    await waitFor(page, (d) => d.loading === false);
    tap(page.querySelector('#locate') ?? undefined);
    await simulate.sleep(10);
    expect(page.data.note).toBe('没有获得您的位置，按乡镇列出');
    expect(shown.functionCalls).toEqual(['guide.places']);
    const entries = page.data.entries as Array<{ key: string; name: string; distance: string }>;
    expect(entries[0]?.name).toBe('青禾县公共法律服务中心');
    expect(entries.every((e) => e.distance === '')).toBe(true);
    // The county's 司法局 (tier bureau, under the center: scripts/seed) is no township and no place of the map.
    expect((page.data.townships as Array<{ name: string }>).map((t) => t.name)).toEqual(['柳河乡', '青石镇', '杏林镇']);
    expect((page.data.markers as unknown[]).length).toBeGreaterThan(15);

    call(page, 'onTownship', { currentTarget: { dataset: { id: 'lh-station' } } });
    await waitFor(page, (d) => d.loading === false && (d.entries as Array<{ name: string }>)[0]?.name === '柳河乡公共法律服务工作站');
    expect((page.data.entries as Array<{ name: string }>).map((e) => e.name)).toContain('柳河乡人民调解委员会');
    call(page, 'onOpen', { currentTarget: { dataset: { key: 'provider:lh-mediation' } } });
    call(page, 'onOpen', { currentTarget: { dataset: { key: 'unit:lh-station' } } });
    expect(shown.navigations).toEqual(['/pages/guide/place/index?providerId=lh-mediation', '/pages/org/detail/index?orgId=lh-station']);
  });

  it('with location allowed, puts the nearest first with its distance; a pin opens its notice', async () => {
    wxAny.getLocation = (opts: { type: string; success?: (r: unknown) => void }) => {
      expect(opts.type).toBe('gcj02');
      opts.success?.({ latitude: 28.4871, longitude: 112.3035 });
    };
    const page = renderPage('pages/guide/map/index');
    await waitFor(page, (d) => d.loading === false);
    tap(page.querySelector('#locate') ?? undefined);
    await waitFor(page, (d) => d.loading === false && d.note === '离您最近的在前面');
    const entries = page.data.entries as Array<{ key: string; name: string; distance: string }>;
    expect(entries[0]).toMatchObject({ name: '青石镇法律服务所', distance: '0公里' });
    call(page, 'onMarker', { detail: { markerId: 0 } });
    expect(shown.navigations).toEqual(['/pages/guide/place/index?providerId=qs-grassroots']);
  });

  it('opens a provider’s notice with its licence and credit, and 咨询 / 预约 / 导航', async () => {
    const opened: unknown[] = [];
    wxAny.openLocation = (opts: unknown) => void opened.push(opts);
    const page = renderPage('pages/guide/place/index', {}, { providerId: 'qh-notary' });
    await waitFor(page, (d) => d.loading === false);
    const t = text(page);
    expect(t).toContain('公证机构执业证 09990001');
    expect(t).toContain('近三年无行政处罚记录');
    tap(page.querySelector('#call') ?? undefined);
    tap(page.querySelector('#book') ?? undefined);
    tap(page.querySelector('#navigate') ?? undefined);
    await simulate.sleep(10);
    expect(shown.calls).toEqual(['0999-6020001']);
    expect(shown.navigations).toEqual(['/pages/case/apply/index?category=notary']);
    expect(opened).toEqual([expect.objectContaining({ latitude: 28.4551, longitude: 112.3362, name: '青禾县公证处' })]);
  });
});

describe('一次性告知 ticked from the 服务指南', () => {
  it('the worker ticks from the service’s list; the resident’s case page shows each item with why and what may replace it', async () => {
    const { id } = await callAs<{ id: string }>('page-guide-applicant', 'case', 'submit', { category: 'notary', summary: '想办继承公证', applicant: { name: '赵大娘', phone: '13800000021' } });
    await callAs('demo-staff', 'case', 'act', { caseId: id, command: { type: 'assign', handler: { openid: 'demo-staff', name: '陈静' } } });
    await callAs('demo-staff', 'case', 'act', { caseId: id, command: { type: 'accept' } });

    setPersona('demo-staff');
    const worker = renderPage('pages/case/detail/index', {}, { caseId: id });
    await waitFor(worker, (d) => d.loading === false);
    tap(worker.querySelector('.command--requestMaterials') ?? undefined);
    await waitFor(worker, (d) => (d.materialOptions as unknown[]).length > 0);
    expect((worker.data.materialOptions as Array<{ name: string }>).map((m) => m.name)).toEqual(['身份证', '户口簿', '亲属关系证明', '财产凭证', '委托书']);
    call(worker, 'onTick', { currentTarget: { dataset: { ref: 'notary.kinshipProof' } } });
    call(worker, 'onTick', { currentTarget: { dataset: { ref: 'notary.powerOfAttorney' } } });
    tap(worker.querySelector('#confirm') ?? undefined);
    await waitFor(worker, (d) => d.working === false && d.active === '');
    expect(shown.functionCalls).toEqual(['case.get', 'guide.entry', 'case.act']);

    resetShown();
    setPersona('page-guide-applicant');
    const resident = renderPage('pages/case/detail/index', {}, { caseId: id });
    await waitFor(resident, (d) => d.loading === false);
    expect(resident.data.missing).toEqual([
      { name: '亲属关系证明', why: expect.stringContaining('关系'), replaceWith: expect.stringContaining('告知承诺书') },
      { name: '委托书', why: expect.stringContaining('委托书'), replaceWith: '本人来办的不用。' },
    ]);
    expect(text(resident)).toContain('没有的话：可以签《证明事项告知承诺书》代替');
  });
});

describe('staff pages', () => {
  it('lists the entries with one call, edits one entry and counts the most often missing items on a tap', async () => {
    setPersona('demo-staff');
    const list = renderPage('admin/guide/edit/index');
    await waitFor(list, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['guide.catalogue']);
    tap(list.querySelector('#tally') ?? undefined);
    await waitFor(list, (d) => d.tally !== null);
    expect((list.data.tally as { items: Array<{ text: string }> }).items.map((i) => i.text)).toContain('公证服务：亲属关系证明');

    resetShown();
    const edit = renderPage('admin/guide/edit/index', {}, { service: 'complaint' });
    await waitFor(edit, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['guide.entry']);
    call(edit, 'onField', { currentTarget: { dataset: { field: 'fees' } }, detail: { value: '免费，不收任何费用。' } });
    call(edit, 'onAddMaterial');
    const last = (edit.data.materials as unknown[]).length - 1;
    call(edit, 'onMaterial', { currentTarget: { dataset: { index: last, field: 'name' } }, detail: { value: '身份证' } });
    call(edit, 'onMaterial', { currentTarget: { dataset: { index: last, field: 'why' } }, detail: { value: '核实投诉人身份。' } });
    call(edit, 'onRemover', { currentTarget: { dataset: { index: last, value: 'dataSharing' } } });
    tap(edit.querySelector('#save') ?? undefined);
    await waitFor(edit, () => shown.toasts.length > 0);
    expect(shown.toasts).toEqual([{ title: '已保存' }]);
    const entry = await callAs<{ fees: string; materials: Array<{ id: string; name: string; removedBy: string | null }> }>('demo-elder', 'guide', 'entry', { service: 'complaint' });
    expect(entry.fees).toBe('免费，不收任何费用。');
    expect(entry.materials.at(-1)).toMatchObject({ id: 'item3', name: '身份证', removedBy: 'dataSharing' });
  });

  it('adds a provider to the directory, which then shows on the map', async () => {
    setPersona('demo-staff');
    const page = renderPage('admin/guide/providers/index');
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['guide.providers']);
    tap(page.querySelector('#new') ?? undefined);
    await waitFor(page, (d) => (d.stations as unknown[]).length > 0);
    const field = (name: string, value: string) => call(page, 'onField', { currentTarget: { dataset: { field: name } }, detail: { value } });
    field('id', 'xl-lawyer-he');
    field('name', '何文斌律师');
    field('address', '杏林镇街道12号');
    field('phone', '13900000006');
    field('hours', '每周三 9:00-12:00');
    field('licence', '律师执业证 14309990000001');
    call(page, 'onKind', { currentTarget: { dataset: { value: 'lawyer' } } });
    call(page, 'onService', { currentTarget: { dataset: { value: 'lawyer' } } });
    call(page, 'onStation', { currentTarget: { dataset: { value: 'xl-station' } } });
    tap(page.querySelector('#save') ?? undefined);
    await waitFor(page, (d) => d.editing === false && d.loading === false);
    expect((page.data.providers as Array<{ name: string }>).map((p) => p.name)).toContain('何文斌律师');
    const { places } = await callAs<{ places: Array<{ name: string }> }>('demo-elder', 'guide', 'places', { stationId: 'xl-station' });
    expect(places.map((p) => p.name)).toContain('何文斌律师');
  });
});

describe('before applying', () => {
  it('我要办事 links the chosen service to its 服务指南 entry', async () => {
    setPersona('page-guide-before');
    const page = renderPage('pages/case/apply/index');
    expect(page.querySelector('#to-guide')).toBeFalsy();
    call(page, 'onCategory', { currentTarget: { dataset: { value: 'mediation' } } });
    await simulate.sleep(10);
    page.querySelector('#to-guide')?.dispatchEvent('tap');
    await simulate.sleep(10);
    expect(shown.navigations).toEqual(['/pages/guide/entry/index?service=mediation']);
  });
});
