import { renderPage, simulate, tap, waitFor } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

interface Summary {
  id: string;
  code: string;
}
interface Row {
  id: string;
  code: string;
  green: boolean;
  due: string;
  overdue: boolean;
}
interface Tile {
  key: string;
  label: string;
  count: number;
  on: boolean;
}
type WorkbenchPage = { onCode(e: { detail: { value: string } }): void };

const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
let n = 0;
const submit = (summary: string, priorityGroups: string[] = []) =>
  callAs<Summary>('demo-resident', 'case', 'submit', {
    category: 'mediation',
    summary,
    applicant: { name: '王秀兰', phone: '13800000000' },
    priorityGroups,
  });

let fresh: Summary;
let taken: Summary;
let late: Summary;

beforeAll(async () => {
  // A new request waiting for triage at the county center (the resident's default unit), and one
  // the center's staff member has signed for, so it sits in 我承办的 instead.
  fresh = await submit(`工作台测试：邻居占地 ${Date.now()}-${n++}`, ['elderly']);
  taken = await submit(`工作台测试：欠薪 ${Date.now()}-${n++}`);
  await callAs('demo-staff', 'case', 'act', { caseId: taken.id, command: { type: 'accept' } });
  // A hotline call registered ten days after the fact: its one-working-day limit has long passed.
  const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
  late = await callAs<Summary>('demo-staff', 'case', 'register', {
    channel: 'hotline12348',
    category: 'consultation',
    summary: `工作台测试：电话咨询 ${Date.now()}-${n++}`,
    orgId: 'qh-center',
    applicant: { name: '李四', phone: '13900001111' },
    visitedAt: tenDaysAgo,
  });
});

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-staff');
});

const tiles = (page: ReturnType<typeof renderPage>) => page.data.queues as Tile[];
const rows = (page: ReturnType<typeof renderPage>) => page.data.cases as Row[];

describe('工作台', () => {
  it('shows every queue with its real count and the new requests, green channel marked', async () => {
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    expect(tiles(page).map((t) => t.label)).toEqual(['待分流', '我承办的', '待接收转办', '待补材料', '即将到期', '已超期', '我首办的']);
    const counts = Object.fromEntries(tiles(page).map((t) => [t.key, t.count]));
    expect(counts.new).toBeGreaterThanOrEqual(1);
    expect(counts.mine).toBeGreaterThanOrEqual(1);
    expect(tiles(page).find((t) => t.on)?.key).toBe('new');

    const mine = rows(page).find((r) => r.id === fresh.id);
    expect(mine).toMatchObject({ code: fresh.code, green: true });
    expect(mine?.due).toMatch(/^\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(rows(page).map((r) => r.id)).not.toContain(taken.id);

    const row = page.querySelectorAll('.case').find((c) => c.dom?.textContent?.includes(fresh.code));
    const text = row?.dom?.textContent ?? '';
    expect(text).toContain('人民调解');
    expect(text).toContain('王秀兰');
    expect(text).toContain('绿色通道');
    expect(text).toContain('办结期限');
    expect(page.dom?.textContent).toContain(`${counts.new}待分流`);
  });

  it('switches to another queue on a tap', async () => {
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    const tile = page.querySelectorAll('.queue').find((q) => q.dom?.textContent?.includes('我承办的'));
    tile?.dispatchEvent('tap');
    await waitFor(page, (d) => d.loading === false && d.queue === 'mine');
    expect(tiles(page).find((t) => t.on)?.key).toBe('mine');
    expect(rows(page).map((r) => r.id)).toContain(taken.id);
    expect(rows(page).map((r) => r.id)).not.toContain(fresh.id);
  });

  it('takes a tap made while the first list is still loading, and shows that queue’s list', async () => {
    const page = renderPage('admin/case/workbench/index');
    expect(page.data.loading).toBe(true);
    page.querySelectorAll('.queue').find((q) => q.dom?.textContent?.includes('我承办的'))?.dispatchEvent('tap');
    await waitFor(page, (d) => d.loading === false && (d.cases as unknown[]).length > 0);
    expect(tiles(page).find((t) => t.on)?.key).toBe('mine');
    expect(rows(page).map((r) => r.id)).toContain(taken.id);
    expect(rows(page).map((r) => r.id)).not.toContain(fresh.id);
  });

  it('shows an overdue case in red in 已超期', async () => {
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    expect(tiles(page).find((t) => t.key === 'overdue')?.count).toBeGreaterThanOrEqual(1);
    page.querySelectorAll('.queue').find((q) => q.dom?.textContent?.includes('已超期'))?.dispatchEvent('tap');
    await waitFor(page, (d) => d.loading === false && d.queue === 'overdue');
    const row = page.querySelectorAll('.case').find((c) => c.dom?.textContent?.includes(late.code));
    expect(row?.dom?.textContent).toContain('已超期，期限');
    expect(rows(page).find((r) => r.id === late.id)).toMatchObject({ overdue: true });
    expect(page.querySelectorAll('.case__due--over').length).toBeGreaterThanOrEqual(1);
    expect(row?.dom?.textContent).not.toContain('绿色通道');
  });

  it('says so kindly when a queue is empty', async () => {
    // Which queue is empty depends on what other tests did to the shared devcloud: take any.
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    const empty = tiles(page).find((t) => t.count === 0);
    if (!empty) throw new Error('expected at least one empty queue in the seed');
    page.querySelectorAll('.queue').find((q) => q.dom?.textContent?.includes(empty.label))?.dispatchEvent('tap');
    await waitFor(page, (d) => d.loading === false && d.queue === empty.key);
    expect(page.dom?.textContent).toContain('这里暂时没有事项');
  });

  it('opens a case from the list', async () => {
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    page.querySelectorAll('.case').find((c) => c.dom?.textContent?.includes(fresh.code))?.dispatchEvent('tap');
    await simulate.sleep(10);
    expect(shown.navigations).toEqual([`/pages/case/detail/index?caseId=${fresh.id}`]);
  });

  it('finds a case by its code, typed in any case', async () => {
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    (page.instance as unknown as WorkbenchPage).onCode({ detail: { value: ` ${fresh.code.toLowerCase()} ` } });
    tap(page.querySelector('#lookup') ?? undefined);
    await waitFor(page, () => shown.navigations.length > 0);
    expect(shown.navigations).toEqual([`/pages/case/detail/index?caseId=${fresh.id}`]);
  });

  it('explains an unknown code in plain words', async () => {
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    (page.instance as unknown as WorkbenchPage).onCode({ detail: { value: 'TJ000000000000' } });
    tap(page.querySelector('#lookup') ?? undefined);
    await waitFor(page, (d) => d.looking === false && shown.toasts.length > 0);
    expect(shown.toasts.at(-1)?.title).toBe('没有这个编号的案件，请核对后再输入');
    expect(shown.navigations).toEqual([]);
  });

  it('finds a case from a scanned code', async () => {
    const saved = wxMock.scanCode;
    wxMock.scanCode = (opts: { success(res: { result: string }): void }) => opts.success({ result: taken.code });
    try {
      const page = renderPage('admin/case/workbench/index');
      await waitFor(page, (d) => d.loading === false);
      tap(page.querySelector('#scan') ?? undefined);
      await waitFor(page, () => shown.navigations.length > 0);
      expect(shown.navigations).toEqual([`/pages/case/detail/index?caseId=${taken.id}`]);
    } finally {
      wxMock.scanCode = saved;
    }
  });

  it('takes staff to the walk-in registration, the ledger, the statistics and the appointments', async () => {
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    const doors: Array<[string, string, string]> = [
      ['#register', '/admin/case/register/index', '登记来访'],
      ['#ledger', '/admin/case/ledger/index', '服务台账'],
      ['#stats', '/admin/stats/index', '统计'],
      ['#appointments', '/admin/booking/appointments/index', '预约名单'],
      ['#schedule', '/admin/booking/schedule/index', '预约时间'],
    ];
    for (const [id, , label] of doors) expect(page.querySelector(id)?.dom?.textContent?.trim()).toBe(label);
    for (const [id] of doors) {
      tap(page.querySelector(id) ?? undefined);
      await simulate.sleep(10);
    }
    expect(shown.navigations).toEqual(doors.map(([, url]) => url));
  });

  it('offers a supervisor the appointments and their hours too', async () => {
    setPersona('demo-supervisor');
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.data).toMatchObject({ failed: false, canSeeBookings: true, canSetSchedule: true });
    expect(page.querySelector('#appointments')).toBeTruthy();
    expect(page.querySelector('#schedule')).toBeTruthy();
  });

  it('takes a supervisor to 操作记录, which staff are not offered', async () => {
    setPersona('demo-supervisor');
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.data).toMatchObject({ failed: false, canSeeAuditLog: true });
    expect(page.querySelector('#audit')?.dom?.textContent?.trim()).toBe('操作记录');
    tap(page.querySelector('#audit') ?? undefined);
    await simulate.sleep(10);
    expect(shown.navigations).toEqual(['/admin/identity/audit/index']);
    setPersona('demo-staff');
    const staff = renderPage('admin/case/workbench/index');
    await waitFor(staff, (d) => d.loading === false);
    expect(staff.data).toMatchObject({ failed: false, canSeeAuditLog: false });
    expect(staff.querySelector('#audit')).toBeFalsy();
  });

  it('offers an advisor the appointment list but neither registration, the ledger, the statistics nor the hours, which are the units’ own', async () => {
    setPersona('demo-advisor');
    const page = renderPage('admin/case/workbench/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.data.failed).toBe(false);
    expect(page.querySelector('#register')).toBeFalsy();
    expect(page.querySelector('#ledger')).toBeFalsy();
    expect(page.querySelector('#stats')).toBeFalsy();
    expect(page.querySelector('#schedule')).toBeFalsy();
    tap(page.querySelector('#appointments') ?? undefined);
    await simulate.sleep(10);
    expect(shown.navigations).toEqual(['/admin/booking/appointments/index']);
  });
});
