/**
 * No dead ends for anyone: each persona walks 管理, every page it offers, 工作台's doors and every
 * queue with work in it, and the case page of a case from each. Every page offered is one the
 * persona's roles may open (core STAFF_DOORS, over the page's own action contract), every call those
 * pages make is answered, not refused, and every command button offered is one the function lets
 * this person use on this case now.
 */
import { caseContracts, COMMAND_GUIDE, mayCall, mayOpen, QUEUES, STATUS_HINTS, WORKER_STATUS_HINTS, type CommandType, type Role, type StaffPage } from '@core';
import { renderPage, simulate, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

jest.setTimeout(60000);

/** One of each kind of person: resident, village advisor, station staff, center staff, supervisor, admin. */
const PERSONAS = ['demo-resident', 'demo-advisor', 'seed-staff-qs', 'demo-staff', 'demo-supervisor', 'demo-admin'] as const;

interface Envelope {
  ok: boolean;
  error?: { code: string; details?: { reason?: string } };
}
type CallFunction = (opts: { name: string; data: { action?: string }; success?(res: { result: unknown }): void; fail?(err: unknown): void }) => void;

const cloud = (globalThis as unknown as { wx: { cloud: { callFunction: CallFunction } } }).wx.cloud;
const original = cloud.callFunction;
/** Every refusal a page heard during the walk: a refusal after a door was offered is a dead end. */
const refused: string[] = [];

beforeAll(async () => {
  cloud.callFunction = (opts) =>
    original({
      ...opts,
      success: (res) => {
        const body = res.result as Envelope;
        if (body && body.ok === false) refused.push(`${opts.name}.${opts.data.action ?? '?'}: ${body.error?.code} ${body.error?.details?.reason ?? ''}`);
        opts.success?.(res);
      },
    });
  // Work for every desk: new at the center, new at 青石镇's station, and one the station gave 东坡村's
  // advisor (an assignment, not a transfer: a pending transfer would show in the center's queues,
  // which other page tests sharing this devcloud expect to find empty).
  const submit = (summary: string, orgId?: string) =>
    callAs<{ id: string }>('demo-resident', 'case', 'submit', {
      category: 'mediation',
      summary: `${summary} ${Date.now().toString(36)}`,
      ...(orgId && { orgId }),
      applicant: { name: '王秀兰', phone: '13800000000' },
    });
  await submit('走查：中心的新事项');
  await submit('走查：工作站的新事项', 'qs-station');
  const sent = await submit('走查：交给村法律顾问的事项', 'qs-station');
  await callAs('seed-staff-qs', 'case', 'act', { caseId: sent.id, command: { type: 'assign', handler: { openid: 'demo-advisor', name: '林晓岚律师' } } });
});

afterAll(() => {
  cloud.callFunction = original;
});

beforeEach(() => {
  resetShown();
  clearStorage();
});

/** Until the page has nothing travelling (a page may load in two steps, e.g. 工作台 moving to a queue with work). */
async function settled(page: RenderedPage): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    await simulate.sleep(20);
    quiet = shown.inFlight === 0 && page.data.loading !== true ? quiet + 1 : 0;
  }
}

async function open(persona: string, page: string, properties: Record<string, unknown> = {}): Promise<RenderedPage> {
  setPersona(persona);
  const rendered = renderPage(page.replace(/^\//, ''), {}, properties);
  await settled(rendered);
  return rendered;
}

interface Door {
  url: StaffPage;
}

/** 工作台's doors by the button each shows, and the page behind it. */
const WORKBENCH_DOORS: Record<string, StaffPage> = {
  '#register': '/admin/case/register/index',
  '#ledger': '/admin/case/ledger/index',
  '#stats': '/admin/stats/index',
  '#appointments': '/admin/booking/appointments/index',
  '#schedule': '/admin/booking/schedule/index',
  '#audit': '/admin/identity/audit/index',
};

/** Links a staff page shows to a further staff page: where each sits, and where it goes. */
const LINKS: Partial<Record<StaffPage, Array<[string, StaffPage]>>> = {
  '/admin/legal-aid/queue/index': [['.to-settings', '/admin/legal-aid/settings/index']],
  '/admin/guide/edit/index': [['.to-providers', '/admin/guide/providers/index']],
  '/admin/org/units/index': [['.unit__main', '/admin/org/edit/index']],
};

describe.each(PERSONAS)('%s walks every page and command offered', (persona) => {
  let roles: Role[] = [];
  beforeAll(async () => {
    roles = (await callAs<{ roles: Role[] }>(persona, 'identity', 'whoami', {})).roles;
  });

  it('is offered on 管理 only the pages its roles open, and each opens without a refusal', async () => {
    refused.length = 0;
    const manage = await open(persona, 'pages/manage/index');
    const offered = (['daily', 'special', 'lead'] as const).flatMap((group) => (manage.data[group] as Door[]).map((d) => d.url));
    expect(offered.filter((url) => !mayOpen(roles, url))).toEqual([]);
    // Every worker has 工作台; a resident has nothing here.
    expect(offered.includes('/admin/case/workbench/index')).toBe(persona !== 'demo-resident');
    if (persona === 'demo-resident') expect(offered).toEqual([]);
    // The advisor's complaint in U1: 登记来访 offered, refused only at the end.
    if (persona === 'demo-advisor') expect(offered).not.toContain('/admin/case/register/index');
    const further: StaffPage[] = [];
    for (const url of offered) {
      const page = await open(persona, url);
      further.push(...(LINKS[url] ?? []).filter(([selector]) => page.querySelector(selector)).map(([, target]) => target));
    }
    // One step further: the links those pages show lead nowhere a refusal waits either.
    expect(further.filter((url) => !mayOpen(roles, url))).toEqual([]);
    for (const url of new Set(further)) await open(persona, url);
    expect(refused).toEqual([]);
  });

  it('finds on 工作台 only doors it may open, opens on a queue with work, and meets only commands it may use', async () => {
    if (!mayOpen(roles, '/admin/case/workbench/index')) return;
    refused.length = 0;
    const bench = await open(persona, 'admin/case/workbench/index');
    const doors = Object.entries(WORKBENCH_DOORS).filter(([id]) => bench.querySelector(id));
    expect(doors.filter(([, url]) => !mayOpen(roles, url))).toEqual([]);
    for (const [, url] of doors) await open(persona, url);

    const tiles = bench.data.queues as Array<{ key: string; count: number; on: boolean }>;
    const busy = tiles.filter((t) => t.count > 0).map((t) => t.key);
    if (busy.length > 0) expect(busy).toContain(tiles.find((t) => t.on)?.key);
    // Every queue with work, and the first case in it, as this person sees it.
    for (const queue of QUEUES.filter((q) => busy.includes(q))) {
      (bench.instance as unknown as { onQueue(e: { currentTarget: { dataset: { queue: string } } }): void }).onQueue({ currentTarget: { dataset: { queue } } });
      await waitFor(bench, (d) => d.loading === false && d.queue === queue);
      await settled(bench);
      const first = (bench.data.cases as Array<{ id: string }>)[0];
      if (!first) continue;
      const page = await open(persona, 'pages/case/detail/index', { caseId: first.id });
      const offered = (page.data.buttons as Array<{ type: string }>).map((b) => b.type);
      const { commands } = await callAs<{ commands: string[] }>(persona, 'case', 'get', { caseId: first.id });
      expect(offered.filter((c) => !commands.includes(c))).toEqual([]);
      if (offered.length > 0) expect(mayCall({ openid: persona, roles, grants: [] }, caseContracts.act.access)).toBe(true);
    }
    expect(refused).toEqual([]);
  });
});

describe('the worker’s case page', () => {
  type Modal = { title?: string; success?(r: { confirm: boolean }): void };
  const wx = (globalThis as unknown as { wx: { showModal(o: Modal): void } }).wx;
  const press = async (page: RenderedPage, type: string) => {
    page.querySelector(`.command--${type}`)?.querySelector('.stub')?.dispatchEvent('tap');
    await simulate.sleep(10);
  };

  it('speaks to the worker, leads with the way forward, asks before 签收 and says where a 分流 sent the case', async () => {
    const { id } = await callAs<{ id: string }>('demo-resident', 'case', 'submit', {
      category: 'mediation',
      summary: `走查：工作人员的办理页 ${Date.now().toString(36)}`,
      applicant: { name: '王秀兰', phone: '13800000000' },
    });
    setPersona('demo-staff');
    const page = renderPage('pages/case/detail/index', { real: ['unit-picker'] }, { caseId: id });
    await settled(page);
    expect(page.data.hint).toBe(WORKER_STATUS_HINTS.received);
    expect(page.dom?.textContent).not.toContain(STATUS_HINTS.received);
    const buttons = page.data.buttons as Array<{ type: CommandType; kind: string; explain: string }>;
    expect(buttons[0]).toMatchObject({ kind: 'primary' });
    expect(COMMAND_GUIDE[buttons[0]!.type].place).toBe('forward');
    expect(buttons.map((b) => b.explain)).toEqual(buttons.map((b) => COMMAND_GUIDE[b.type].explain));
    expect(page.dom?.textContent).toContain(COMMAND_GUIDE.triage.explain);

    // 签收 cannot be undone: a dialog asks, and 再想想 sends nothing.
    const saved = wx.showModal;
    const asked: string[] = [];
    wx.showModal = (o) => {
      asked.push(o.title ?? '');
      o.success?.({ confirm: false });
    };
    try {
      await press(page, 'accept');
      await settled(page);
    } finally {
      wx.showModal = saved;
    }
    expect(asked).toEqual([COMMAND_GUIDE.accept.confirm?.title]);
    expect(shown.functionCalls).not.toContain('case.act');

    // 分流 from the unit tree: the status line then says where it went, not the 已受理 it kept.
    await press(page, 'triage');
    await settled(page);
    const picker = page.querySelector('.field--orgId');
    picker?.querySelectorAll('.unit').find((u) => u.dom?.textContent?.includes('青石镇公共法律服务工作站'))?.dispatchEvent('tap');
    await simulate.sleep(10);
    expect(page.data.values).toMatchObject({ orgId: 'qs-station' });
    page.querySelector('#confirm')?.querySelector('.stub')?.dispatchEvent('tap');
    await waitFor(page, (d) => d.active === '' && d.working === false);
    expect(page.data.status).toBe('已分流到青石镇公共法律服务工作站');
  });
});
