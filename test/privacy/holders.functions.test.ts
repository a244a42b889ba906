import { fieldKeysFrom, protectPhoneWith } from '../../cloudfunctions/_runtime/protect';
import { DEV_ONLY_FIELD_KEY_ENV } from '../../devcloud/server';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * Deleting a person's past bookings also takes their key off the slot day's holders, so no list of
 * who sat which seat keeps their openid; the others' seats stay as they were, and the seat counts
 * still add up (free + held free + holders = capacity).
 */

let cloud: TestCloud;
const DAY = '2026-03-03';

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-03-02T02:00:00Z'));
  const time = { start: '09:00', end: '09:30', capacity: 3, free: 1, held: 0, heldFree: 0, heldBy: [], lastCall: new Date(`${DAY}T09:00:00+08:00`), releaseAt: new Date(`${DAY}T09:00:00+08:00`), advisorId: null };
  await cloud.db.insertMany('slot_days', [
    { _id: `qs-dongpo:${DAY}`, orgId: 'qs-dongpo', day: DAY, active: true, services: ['consultation'], times: { t0900: { ...time, holders: ['demo-resident', 'someone-else'], since: { 'demo-resident': 1, 'someone-else': 2 } } } },
  ]);
  await cloud.db.insertMany('bookings', [
    {
      _id: `qs-dongpo:${DAY}:0900:demo-resident`,
      orgId: 'qs-dongpo',
      day: DAY,
      time: '09:00',
      startsAt: new Date(`${DAY}T09:00:00+08:00`),
      service: 'consultation',
      openid: 'demo-resident',
      holder: 'demo-resident',
      seat: 'general',
      applicant: { name: '王秀英', ...protectPhoneWith(fieldKeysFrom(DEV_ONLY_FIELD_KEY_ENV), '13956780005') },
      proxy: null,
      note: '',
      status: 'attended',
      createdAt: new Date('2026-03-02T02:00:00Z'),
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
    },
  ]);
}, 60000);
afterAll(async () => {
  await cloud.close();
});

it('takes the person off the past slot day with their bookings', async () => {
  cloud.clock.set(new Date('2026-03-04T02:00:00Z'));
  const request = await cloud.api('demo-resident').privacy.requestDeletion({ categories: ['bookings'] });
  const done = await cloud.api('demo-admin').privacy.processDeletion({ id: request.id, decision: 'carry_out' });
  expect(done.items).toEqual([expect.objectContaining({ category: 'bookings', outcome: 'deleted', count: 1 })]);

  const [day] = cloud.db.find('slot_days', { _id: `qs-dongpo:${DAY}` }) as Array<{ times: Record<string, { holders: string[]; since: Record<string, number>; free: number; heldFree: number; capacity: number }> }>;
  expect(JSON.stringify(day)).not.toContain('demo-resident');
  const t = day?.times.t0900;
  expect(t?.holders).toEqual(['someone-else']);
  expect((t?.free ?? 0) + (t?.heldFree ?? 0) + (t?.holders.length ?? 0)).toBe(t?.capacity);
});
