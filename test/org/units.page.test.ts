import { renderPage, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/* 单位和公示栏 for the admin: the tree, a new village room under a station, its 公示栏 edited. */

type Handler = (e: unknown) => void;
const on = (page: RenderedPage) => page.instance as unknown as Record<'onField' | 'onService' | 'onNew' | 'onOpen', Handler>;
const field = (page: RenderedPage, name: string, value: string) => on(page).onField({ currentTarget: { dataset: { field: name } }, detail: { value } });
interface Row {
  id: string;
  name: string;
  depth: number;
  childTier: string;
}

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-admin');
});

describe('单位和公示栏', () => {
  it('opens with one call on the tree: center, then each station with its rooms below it', async () => {
    const page = renderPage('admin/org/units/index');
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['org.list']);
    const rows = page.data.rows as Row[];
    expect(rows[0]).toMatchObject({ id: 'qh-center', depth: 0, childTier: 'station' });
    const station = rows.findIndex((r) => r.id === 'qs-station');
    expect(rows[station + 1]).toMatchObject({ id: 'qs-dongpo', depth: 2, childTier: '' });
    on(page).onNew({ currentTarget: { dataset: { id: 'qs-station', tier: 'room' } } });
    expect(shown.navigations).toEqual(['/admin/org/edit/index?parentId=qs-station&tier=room']);
  });

  it('creates a room under a station with its 公示栏 and map position, then edits its 驻点时间', async () => {
    const page = renderPage('admin/org/edit/index', {}, { parentId: 'qs-station', tier: 'room' });
    expect(shown.functionCalls).toEqual([]);
    expect(shown.titles).toEqual(['新建公共法律服务工作室']);
    field(page, 'id', 'qs-yangliu');
    field(page, 'name', '杨柳村公共法律服务工作室');
    field(page, 'address', '杨柳村村委会');
    field(page, 'duty', '法律咨询、人民调解');
    field(page, 'contactPerson', '林晓岚律师');
    field(page, 'contactPhone', '13900000001');
    field(page, 'officeHours', '每周五 9:00-12:00');
    field(page, 'supervisionPhone', '0999-12348');
    field(page, 'lng', '87.61');
    field(page, 'lat', '43.79');
    tap(page.querySelector('#save') ?? undefined);
    await waitFor(page, (d) => d.saving === false && shown.toasts.length > 0);
    expect(shown.toasts).toEqual([{ title: '已保存' }]);
    const { org } = await callAs<{ org: Record<string, unknown> }>('demo-resident', 'org', 'get', { id: 'qs-yangliu' });
    expect(org).toMatchObject({ tier: 'room', path: ['qh-center', 'qs-station'], services: ['consultation', 'mediation'], location: { lat: 43.79, lng: 87.61 } });

    resetShown();
    const edit = renderPage('admin/org/edit/index', {}, { unitId: 'qs-yangliu' });
    await waitFor(edit, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['org.get']);
    expect((edit.data.form as Record<string, string>).officeHours).toBe('每周五 9:00-12:00');
    field(edit, 'officeHours', '每周二、周五 9:00-12:00');
    tap(edit.querySelector('#save') ?? undefined);
    await waitFor(edit, () => shown.toasts.length > 0);
    const after = await callAs<{ org: { notice: { officeHours: string } } }>('demo-resident', 'org', 'get', { id: 'qs-yangliu' });
    expect(after.org.notice.officeHours).toBe('每周二、周五 9:00-12:00');
  });

  it('shows the function’s refusal when a supervisor tries to save', async () => {
    setPersona('demo-supervisor');
    const page = renderPage('admin/org/edit/index', {}, { unitId: 'qs-dongpo' });
    await waitFor(page, (d) => d.loading === false);
    tap(page.querySelector('#save') ?? undefined);
    await waitFor(page, () => shown.toasts.length > 0);
    expect(shown.functionCalls).toEqual(['org.get', 'org.save']);
    expect(shown.toasts[0]?.title).toBeTruthy();
    const { org } = await callAs<{ org: { updatedAt?: unknown; name: string } }>('demo-resident', 'org', 'get', { id: 'qs-dongpo' });
    expect(org.name).toBe('东坡村公共法律服务工作室');
  });
});
