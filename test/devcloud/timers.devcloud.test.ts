import { startTestCloud, type TestCloud } from '../support/devcloud';

/**
 * The booking function's timer (tick: opening days, held-seat release, reminders) runs for the platform's timer event only. Over
 * devcloud's /fn transport every call is the mini-program's (SOURCE wx_client), so a body shaped
 * like the timer event, with or without a persona, must never run it.
 */
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  // Open every day of the week, so whatever day the test runs a tick has days to open.
  await cloud.api('demo-staff').booking.saveSchedule({
    orgId: 'qh-center',
    sessions: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '11:00' })),
    slotMinutes: 30,
    capacity: 2,
    services: ['consultation'],
    horizonDays: 14,
    leadMinutes: 0,
    active: true,
  });
}, 60000);
afterAll(async () => {
  await cloud.close();
});

const DAY_MS = 24 * 60 * 60 * 1000;
const slotDays = () => cloud.db.listCollections().find((c) => c.name === 'slot_days')?.count ?? 0;
const timerRuns = () => cloud.host.recentLogs().filter((l) => l.fn === 'booking' && /"msg":"timer"/.test(l.line)).length;

async function postFn(body: object, headers: Record<string, string>): Promise<{ status: number; body: { ok: boolean } }> {
  const res = await fetch(`${cloud.url}/fn/booking`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean } };
}

describe('booking tick', () => {
  // A horizon on before each call: every day in reach is then new (a holiday week cannot close them all), so a run shows.
  let horizons = 0;
  beforeEach(() => cloud.clock.set(new Date(Date.now() + ++horizons * 14 * DAY_MS)));
  afterAll(() => cloud.clock.reset());

  it.each([
    ['no persona', {}],
    ['a resident', { 'x-devcloud-openid': 'demo-resident' }],
    ['the admin', { 'x-devcloud-openid': 'demo-admin' }],
    ['an all-digit persona', { 'x-devcloud-openid': '0' }],
  ])('never runs for a timer-shaped body POSTed to /fn/booking with %s', async (_who, headers) => {
    const days = slotDays();
    const runs = timerRuns();
    const answer = await postFn({ Type: 'Timer', TriggerName: 'tick', Time: cloud.clock.now().toISOString() }, headers);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.ok).toBe(false);
    expect(timerRuns()).toBe(runs);
    expect(slotDays()).toBe(days);
  });

  it('runs for the platform timer (POST /trigger/booking) and opens the days that came into reach', async () => {
    const days = slotDays();
    const res = await fetch(`${cloud.url}/trigger/booking`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await res.json()).toMatchObject({ ok: true, data: { fn: 'booking', trigger: 'tick', ok: true } });
    expect(timerRuns()).toBeGreaterThan(0);
    expect(slotDays()).toBeGreaterThan(days);
  });
});
