/**
 * Timers run only for the platform's timer invocation (SOURCE wx_trigger, no OPENID). A request
 * shaped like a timer event, with or without a caller, is an ordinary call: a bad envelope that
 * runs nothing. The booking function's daily `openDays` timer is the witness: it opens the day
 * that enters a unit's horizon, so whether that day exists afterwards says whether it ran.
 */
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { tuesdayMornings } from '../support/hours';

let cloud: TestCloud;

/** 东坡村: Tuesday mornings, 14 days ahead. */
const TUESDAY_MORNINGS = tuesdayMornings('qs-dongpo');
/** Thursday 5 March 2026, 00:10 in Beijing: Tuesday 17 March has just entered the 14-day horizon. */
const THURSDAY_0010 = new Date('2026-03-04T16:10:00Z');
const ENTERING = { _id: 'qs-dongpo:2026-03-17' };
const TIMER_EVENT = { Type: 'Timer', TriggerName: 'openDays', Time: THURSDAY_0010.toISOString() };

/** POST /fn/booking with the body as given, as any HTTP client (or mini-program) could. */
async function post(body: unknown, openid?: string): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (openid) headers['x-devcloud-openid'] = openid;
  const res = await fetch(`${cloud.url}/fn/booking`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const badEnvelope = { status: 200, body: { ok: false, error: { code: 'BAD_REQUEST', details: { reason: 'bad_envelope' } } } };

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-03-02T02:00:00Z')); // Monday 2 March, 10:00
  await cloud.api('seed-staff-qs').booking.saveSchedule(TUESDAY_MORNINGS);
  cloud.clock.set(THURSDAY_0010);
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('timers', () => {
  it('does not run for a timer-shaped request without a caller', async () => {
    expect(cloud.db.find('slot_days', ENTERING)).toHaveLength(0);
    expect(await post(TIMER_EVENT)).toMatchObject(badEnvelope);
    expect(cloud.db.find('slot_days', ENTERING)).toHaveLength(0);
  });

  it('does not run for a timer-shaped request from a signed-in user, nor with an action beside it', async () => {
    expect(await post(TIMER_EVENT, 'demo-resident')).toMatchObject(badEnvelope);
    expect(await post(TIMER_EVENT, 'seed-staff-qs')).toMatchObject(badEnvelope);
    // With an action it is that action's call, never the timer.
    expect(await post({ ...TIMER_EVENT, action: 'myBookings', payload: {} }, 'demo-resident')).toMatchObject({ status: 200, body: { ok: true, data: { bookings: [] } } });
    expect(cloud.db.find('slot_days', ENTERING)).toHaveLength(0);
  });

  it('runs for the platform’s timer invocation', async () => {
    // devcloud's trigger path invokes as CloudBase does: the timer event, no OPENID, SOURCE wx_trigger.
    const run = await fetch(`${cloud.url}/trigger/booking`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await run.json()).toMatchObject({ ok: true, data: { ok: true } });
    expect(cloud.db.find('slot_days', ENTERING)).toHaveLength(1);
  });
});
