import { CASE_CATEGORIES, counterKey } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

// The runtime modules run in this test process against devcloud through the real wx-server-sdk,
// exactly as inside a function instance (DEVCLOUD_SERVICE_URL must be set before they load).
let cloud: TestCloud;
type Counters = typeof import('../../cloudfunctions/_runtime/counters');
let nextSequence: Counters['nextSequence'];
let drawSequence: Counters['drawSequence'];
let CLAIM_WINDOW: number;

beforeAll(async () => {
  // Seeded: the last test submits through the case function as a resident does.
  cloud = await startTestCloud({ seed: true });
  process.env.DEVCLOUD_SERVICE_URL = cloud.serviceUrl;
  ({ nextSequence, drawSequence, CLAIM_WINDOW } = jest.requireActual<Counters>('../../cloudfunctions/_runtime/counters'));
});
afterAll(async () => {
  delete process.env.DEVCLOUD_SERVICE_URL;
  cloud.clock.reset();
  await cloud.close();
});

describe('nextSequence', () => {
  it('hands out 1..300 exactly once to 300 concurrent callers, the first ones racing to create the counter', async () => {
    const now = new Date();
    const values = await Promise.all(Array.from({ length: 300 }, () => nextSequence('TJ20261122', now)));
    expect(new Set(values).size).toBe(300);
    expect(Math.min(...values)).toBe(1);
    expect(Math.max(...values)).toBe(300);
  }, 60000);

  it('keeps separate sequences apart', async () => {
    const now = new Date();
    expect(await nextSequence('ZX20261122', now)).toBe(1);
    expect(await nextSequence('ZX20261123', now)).toBe(1);
    expect(await nextSequence('ZX20261122', now)).toBe(2);
  });

  it('keeps the counter document the same size however many requests draw, remembering the latest', async () => {
    const now = new Date();
    const size = () => JSON.stringify(cloud.db.find('counters', { _id: 'FL20261122' })).length;
    let n = 0;
    const draw = async (count: number) => {
      const values: number[] = [];
      // Batches of 100 at once: concurrent, as callers are, without queueing thousands of sockets.
      for (let i = 0; i < count; i += 100) {
        const batch = await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => drawSequence('FL20261122', now, { id: `request-${String(n++).padStart(4, '0')}`, at: now })));
        values.push(...batch.map((d) => ('value' in d ? d.value : -1)));
      }
      return values;
    };
    const first = await draw(CLAIM_WINDOW);
    const atWindow = size();
    const more = await draw(CLAIM_WINDOW);
    const values = [...first, ...more];
    expect(new Set(values).size).toBe(2 * CLAIM_WINDOW);
    expect(Math.max(...values)).toBe(2 * CLAIM_WINDOW);
    // Twice the values, the same document: only the digits of the last value may differ.
    expect(size()).toBeLessThanOrEqual(atWindow + 2);
    expect(size()).toBeLessThan(8 * 1024);
    const [doc] = cloud.db.find('counters', { _id: 'FL20261122' }) as Array<{ value: number; recent: Array<{ id: string }> }>;
    expect(doc).toMatchObject({ value: 2 * CLAIM_WINDOW });
    expect(doc?.recent).toHaveLength(CLAIM_WINDOW);
    expect(doc?.recent.at(-1)?.id).toBe(`request-${String(2 * CLAIM_WINDOW - 1).padStart(4, '0')}`);
  }, 120000);

  it('draws once per request: a retry or a twin is told when its request drew, and nothing moves', async () => {
    const at = new Date('2026-11-22T02:00:00Z');
    const claim = { id: 'twin-request', at };
    const twins = await Promise.all(Array.from({ length: 10 }, () => drawSequence('XZ20261122', at, claim)));
    expect(twins.filter((d) => 'value' in d)).toEqual([{ value: 1 }]);
    expect(twins.filter((d) => 'takenAt' in d)).toEqual(Array.from({ length: 9 }, () => ({ takenAt: at })));
    expect(await drawSequence('XZ20261122', at, claim)).toEqual({ takenAt: at });
    expect(await drawSequence('XZ20261122', at, { id: 'another', at })).toEqual({ value: 2 });
    // A request whose first drawer died draws again on purpose.
    expect(await drawSequence('XZ20261122', at, claim, { retake: true })).toEqual({ value: 3 });
  });

  it('goes on after the last claim of a day numbered before the window existed', async () => {
    await cloud.db.insertMany('counters', [{ _id: 'GZ20261122', claims: ['a1', 'b2', 'c3'], updatedAt: new Date() }]);
    expect(await nextSequence('GZ20261122', new Date())).toBe(4);
    expect(await nextSequence('GZ20261122', new Date())).toBe(5);
  });
});

describe('counters made ahead by the case function\'s hourly timer', () => {
  /** Every wire request the call makes, as `npm run bench` counts them (each is a round trip on CloudBase). */
  const roundTrips = async (run: () => Promise<unknown>) => {
    cloud.db.resetCounters();
    await run();
    return Object.values(cloud.db.counters()).reduce((a, b) => a + b, 0);
  };
  const submit = (category: 'mediation' | 'consultation', summary: string) =>
    cloud.api('demo-resident').case.submit({ category, summary, applicant: { name: '王秀英', phone: '13812345678' } });
  const counter = (id: string) => cloud.db.find('counters', { _id: id })[0] as { value: number; recent: unknown[] } | undefined;

  it('makes today\'s and tomorrow\'s (Beijing days) once, so a day\'s first submission costs 6 round trips like any other', async () => {
    // 00:30 on 10 March in Beijing (still the 9th in UTC), at the start of a minute (one rate-limit
    // window for the whole test), on days no one has numbered.
    cloud.clock.set(new Date('2027-03-09T16:30:00.000Z'));
    // The caller's first write of the minute opens their rate-limit window: done before counting, as the bench does.
    await cloud.api('demo-resident').case.act({ caseId: 'no-such-case', command: { type: 'addNote', text: '预热', visibility: 'internal' } }).catch(() => undefined);
    // Before the timer ran: the day's first draw makes its counter (the fallback, one more).
    expect(await roundTrips(() => submit('consultation', '计时器之前'))).toBe(7);
    expect(counter('case-ZX-20270310')).toMatchObject({ value: 1 });

    expect(await cloud.triggers.fireNow('case')).toMatchObject({ trigger: 'sweepIdempotency', ok: true });
    // Nine categories, today's and tomorrow's, made at zero; today's drawn-on counter left as it was.
    expect(counter('case-TJ-20270310')).toMatchObject({ value: 0, recent: [] });
    expect(counter('case-TJ-20270311')).toMatchObject({ value: 0, recent: [] });
    expect(counter('case-ZX-20270310')).toMatchObject({ value: 1 });
    const days = [new Date('2027-03-10T04:00:00Z'), new Date('2027-03-11T04:00:00Z')];
    const keys = days.flatMap((day) => CASE_CATEGORIES.map((category) => counterKey(category, day)));
    expect(cloud.db.find('counters', { _id: { $in: keys } })).toHaveLength(2 * CASE_CATEGORIES.length);
    const made = cloud.db.find('counters', {});
    expect(await cloud.triggers.fireNow('case')).toMatchObject({ ok: true });
    expect(cloud.db.find('counters', {})).toEqual(made);

    let first = '';
    expect(await roundTrips(async () => void ({ code: first } = await submit('mediation', '当天第一件')))).toBe(6);
    expect(first).toBe('TJ202703100001');
    expect(await roundTrips(() => submit('mediation', '当天第二件'))).toBe(6);
  }, 30000);
});
