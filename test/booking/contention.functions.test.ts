/**
 * 预约 under attack and under load, through POST /fn/booking as the mini-program calls it: held
 * seats for priority groups, the per-person limit taken atomically, cancels racing re-bookings,
 * reschedules under contention, the cut-off, and the timer's release, reconciliation and no-shows.
 * After every storm each slot balances: capacity − free − heldFree = holders = booked records.
 */
import type { bookingContracts, InputOf } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { tuesdayMornings } from '../support/hours';

type BookInput = InputOf<typeof bookingContracts.book>;
interface StoredTime {
  start: string;
  capacity: number;
  free: number;
  held?: number;
  heldFree?: number;
  holders: string[];
  heldBy?: string[];
}

let cloud: TestCloud;
const post = (path: string, body: unknown) =>
  fetch(`${cloud.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const setClock = (now: string) => post('/devcloud/clock', { now });
/** Fires the booking timer now, as the platform would; what it did shows in the data. */
const tick = async () => expect(await (await post('/trigger/booking', {})).json()).toMatchObject({ ok: true, data: { ok: true } });
const as = (openid: string) => cloud.api(openid).booking;
const refused = (code: string, reason: string) => ({ code, details: { reason } });
const ORG = 'qs-heping';
const request = (day: string, time: string, extra: Partial<BookInput> = {}): BookInput => ({
  orgId: ORG,
  day,
  time,
  service: 'consultation',
  applicant: { name: '王秀英', phone: '13700001111' },
  ...extra,
});
/** The raw envelope, as a script hammering POST /fn/booking would see it. */
const bookRaw = (openid: string, input: BookInput) => cloud.call<{ ok: boolean; error?: { code: string; details: { reason: string } } }>('booking', 'book', input, { openid });

const MONDAY_10AM = '2026-03-02T02:00:00Z';
/** 和平社区: Tuesday mornings, 5 seats a slot of which 1 is held for priority groups until the day before. */
const HOURS = tuesdayMornings(ORG, { capacity: 5, heldSeats: 1, releaseMinutes: 1440, leadMinutes: 0, cancelMinutes: 120 });

/** Every slot of the unit balances: seats taken = holders = booked records, none below zero. */
function assertBalanced(orgId = ORG): number {
  let checked = 0;
  for (const day of cloud.db.find('slot_days', { orgId }) as Array<{ day: string; times: Record<string, StoredTime> }>) {
    for (const t of Object.values(day.times)) {
      // A seat stays taken by a booking still booked, and by one used (attended) or wasted (missed).
      const records = cloud.db.find('bookings', { orgId, day: day.day, time: t.start, status: { $in: ['booked', 'attended', 'missed'] } }) as Array<{ holder: string }>;
      const taken = t.capacity - t.free - (t.heldFree ?? 0);
      expect({ slot: `${day.day} ${t.start}`, taken, holders: t.holders.length, records: records.length }).toEqual({
        slot: `${day.day} ${t.start}`,
        taken: t.holders.length,
        holders: records.length,
        records: records.length,
      });
      expect([...t.holders].sort()).toEqual(records.map((r) => r.holder).sort());
      expect(t.free).toBeGreaterThanOrEqual(0);
      expect(t.heldFree ?? 0).toBeGreaterThanOrEqual(0);
      checked += 1;
    }
  }
  return checked;
}

function slot(day: string, time: string): StoredTime {
  const [doc] = cloud.db.find('slot_days', { _id: `${ORG}:${day}` }) as Array<{ times: Record<string, StoredTime> }>;
  return doc!.times[`t${time.replace(':', '')}`]!;
}

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  await setClock(MONDAY_10AM);
  await as('seed-staff-qs').saveSchedule(HOURS);
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('绿色通道 held seats under a rush', () => {
  it('seats exactly 5 of 200 at once, at least one of them from a priority group; the rest SLOT_FULL', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_x, i) =>
        bookRaw(`rush-${i}`, request('2026-03-03', '09:00', i % 10 === 0 ? { priorityGroups: ['elderly'] } : {})),
      ),
    );
    const ok = answers.map((a, i) => ({ i, body: a.body })).filter((a) => a.body.ok);
    expect(ok).toHaveLength(5);
    expect(ok.some((a) => a.i % 10 === 0)).toBe(true);
    for (const a of answers.filter((x) => !x.body.ok)) expect(a.body.error).toMatchObject(refused('SLOT_FULL', 'slot_full'));
    expect(slot('2026-03-03', '09:00')).toMatchObject({ free: 0, heldFree: 0 });
    expect(assertBalanced()).toBeGreaterThan(0);
  }, 60000);

  it('keeps the held seat for priority groups until the release, then the timer gives it to everyone', async () => {
    // 09:30 on 3-10: 4 open seats taken, the held one left.
    for (let i = 0; i < 4; i++) await as(`early-${i}`).book(request('2026-03-10', '09:30'));
    await expect(as('ordinary').book(request('2026-03-10', '09:30'))).rejects.toMatchObject(refused('SLOT_FULL', 'slot_full'));
    const view = (await as('ordinary').listSlots({ orgId: ORG })).days.find((d) => d.day === '2026-03-10')!.slots.find((s) => s.start === '09:30');
    expect(view).toMatchObject({ free: 0, heldFree: 1, open: false, openPriority: true });
    // The day before at 09:30 the hold ends: released by the condition at once, moved by the timer.
    await setClock('2026-03-09T01:31:00Z');
    try {
      await tick();
      expect(slot('2026-03-10', '09:30')).toMatchObject({ free: 1, heldFree: 0 });
      // Run twice, nothing moves twice.
      await tick();
      expect(slot('2026-03-10', '09:30')).toMatchObject({ free: 1, heldFree: 0 });
      await expect(as('ordinary').book(request('2026-03-10', '09:30'))).resolves.toMatchObject({ status: 'booked', priority: false });
    } finally {
      await setClock(MONDAY_10AM);
    }
    assertBalanced();
  });

  it('gives a priority resident the held seat first, and a cancel returns it to the held pool', async () => {
    const mine = await as('granny').book(request('2026-03-10', '10:00', { priorityGroups: ['elderly'] }));
    expect(slot('2026-03-10', '10:00')).toMatchObject({ free: 4, heldFree: 0, heldBy: ['granny'] });
    await as('granny').cancel({ bookingId: mine.id });
    expect(slot('2026-03-10', '10:00')).toMatchObject({ free: 4, heldFree: 1, heldBy: [] });
    assertBalanced();
  });
});

describe('one person, many requests at once', () => {
  it('holds at most 3 of 10 parallel bookings for 10 different slots', async () => {
    // 柳树村 opens ten quarter-hour slots on Tuesday mornings.
    await as('seed-staff-qs').saveSchedule(tuesdayMornings('qs-liushu', { sessions: [{ weekday: 2, from: '09:00', to: '11:30' }], slotMinutes: 15, leadMinutes: 0 }));
    const times = Array.from({ length: 10 }, (_x, i) => `${String(9 + Math.floor((i * 15) / 60)).padStart(2, '0')}:${String((i * 15) % 60).padStart(2, '0')}`);
    const answers = await Promise.all(times.map((time) => bookRaw('hoarder', { ...request('2026-03-03', time), orgId: 'qs-liushu' })));
    const held = cloud.db.find('bookings', { openid: 'hoarder', status: 'booked' });
    expect(held.length).toBeLessThanOrEqual(3);
    expect(answers.filter((a) => a.body.ok).length).toBe(held.length);
    for (const a of answers.filter((x) => !x.body.ok)) expect(a.body.error).toMatchObject(refused('INVALID_STATE', 'booking_limit'));
    assertBalanced('qs-liushu');
  });

  it('leaves seats = holders = records after 50 cancels and 50 re-bookings of one slot at once', async () => {
    const first = await as('flipper').book(request('2026-03-10', '10:30'));
    await Promise.allSettled(
      Array.from({ length: 50 }, (_x, i) => [as('flipper').cancel({ bookingId: first.id }), as('flipper').book(request('2026-03-10', '10:30', { note: `第${i}次` }))]).flat(),
    );
    assertBalanced();
    // Whatever the interleaving, the person holds the seat exactly when their record says booked.
    const record = cloud.db.find('bookings', { _id: first.id }) as Array<{ status: string }>;
    expect(slot('2026-03-10', '10:30').holders.includes('flipper')).toBe(record[0]?.status === 'booked');
  }, 60000);
});

describe('改约', () => {
  it('never loses the old seat without the new one when six move into one last seat at once', async () => {
    // 3-03 10:30: fill to one open seat left; six residents holding 3-03 10:00 seats move there at once.
    const movers = await Promise.all(Array.from({ length: 4 }, (_x, i) => as(`mover-${i}`).book(request('2026-03-03', '10:00'))));
    const left = slot('2026-03-03', '10:30');
    for (let i = 0; i < left.free - 1; i++) await as(`filler-${i}`).book(request('2026-03-03', '10:30'));
    expect(slot('2026-03-03', '10:30').free).toBe(1);
    const answers = await Promise.allSettled(movers.map((b, i) => as(`mover-${i}`).reschedule({ bookingId: b.id, day: '2026-03-03', time: '10:30' })));
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const [i, a] of answers.entries()) {
      const old = cloud.db.find('bookings', { _id: movers[i]!.id }) as Array<{ status: string }>;
      // Moved: the old one is rescheduled and its seat gone; not moved: the old one stands, seat held.
      expect(old[0]?.status).toBe(a.status === 'fulfilled' ? 'rescheduled' : 'booked');
      expect(slot('2026-03-03', '10:00').holders.includes(`mover-${i}`)).toBe(a.status !== 'fulfilled');
      if (a.status === 'rejected') expect(a.reason).toMatchObject({ code: 'SLOT_FULL' });
    }
    assertBalanced();
  });

  it('keeps the cut-off: 2 hours before, the resident can neither cancel nor move it; the office still can', async () => {
    const b = await as('late-one').book(request('2026-03-10', '09:00'));
    await setClock('2026-03-10T00:30:00Z'); // Tuesday 08:30
    try {
      await expect(as('late-one').cancel({ bookingId: b.id })).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'past_cutoff', cancelMinutes: 120 } });
      await expect(as('late-one').reschedule({ bookingId: b.id, day: '2026-03-10', time: '10:30' })).rejects.toMatchObject(refused('INVALID_STATE', 'past_cutoff'));
      expect((await as('late-one').myBookings({})).bookings[0]).toMatchObject({ canCancel: false, canReschedule: false });
      await expect(as('seed-staff-qs').cancel({ bookingId: b.id, reason: '调解员临时外出' })).resolves.toMatchObject({ status: 'cancelled' });
    } finally {
      await setClock(MONDAY_10AM);
    }
    assertBalanced();
  });
});

describe('the timer', () => {
  it('frees a seat held by nobody only after the grace period, and twice changes nothing twice', async () => {
    const b = await as('crashed').book(request('2026-03-10', '10:00'));
    // A booking cut off between its seat and its record: the record never came.
    await cloud.db.handle({ action: 'database.removeDocument', collectionName: 'bookings', queryType: 'WHERE', query: JSON.stringify({ _id: b.id }), multi: false });
    expect(slot('2026-03-10', '10:00').holders).toContain('crashed');
    // Within the grace period the seat could be a booking in flight: left alone.
    await tick();
    expect(slot('2026-03-10', '10:00').holders).toContain('crashed');
    const free = slot('2026-03-10', '10:00').free;
    await setClock('2026-03-02T02:05:00Z');
    try {
      await tick();
      expect(slot('2026-03-10', '10:00').free).toBe(free + 1);
      await tick();
      expect(slot('2026-03-10', '10:00').free).toBe(free + 1);
    } finally {
      await setClock(MONDAY_10AM);
    }
    expect(slot('2026-03-10', '10:00').holders).not.toContain('crashed');
    assertBalanced();
  });

  it('marks a booking nobody checked in as a no-show once its slot ended plus the grace, once', async () => {
    await setClock('2026-03-03T03:30:00Z'); // Tuesday 11:30: the 10:30–11:00 slot ended half an hour ago
    try {
      const waiting = cloud.db.find('bookings', { orgId: ORG, day: '2026-03-03', status: 'booked' }).length;
      const missedBefore = cloud.db.find('bookings', { orgId: ORG, day: '2026-03-03', status: 'missed' }).length;
      expect(waiting).toBeGreaterThan(0);
      await tick();
      await tick();
      expect(cloud.db.find('bookings', { orgId: ORG, day: '2026-03-03', status: 'booked' })).toHaveLength(0);
      expect(cloud.db.find('bookings', { orgId: ORG, day: '2026-03-03', status: 'missed' })).toHaveLength(missedBefore + waiting);
    } finally {
      await setClock(MONDAY_10AM);
    }
  });
});

describe('驻点 hours name their advisor', () => {
  it('refuses one advisor in two villages at the same time, and one who does not serve the village', async () => {
    await as('seed-staff-qs').saveSchedule(tuesdayMornings('qs-dongpo', { sessions: [{ weekday: 2, from: '09:00', to: '11:00', advisorId: 'demo-advisor' }] }));
    await expect(
      as('seed-staff-qs').saveSchedule(tuesdayMornings('qs-shanxia', { sessions: [{ weekday: 2, from: '10:00', to: '12:00', advisorId: 'demo-advisor' }] })),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'advisor_busy', otherOrgId: 'qs-dongpo' } });
    // The afternoon is free.
    await expect(
      as('seed-staff-qs').saveSchedule(tuesdayMornings('qs-shanxia', { sessions: [{ weekday: 2, from: '14:00', to: '16:00', advisorId: 'demo-advisor' }] })),
    ).resolves.toMatchObject({ daysKept: 0 });
    await expect(
      as('seed-staff-qs').saveSchedule(tuesdayMornings('qs-liushu', { sessions: [{ weekday: 2, from: '09:00', to: '11:00', advisorId: 'demo-advisor' }] })),
    ).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'advisor_not_serving' } });
  });

  it('offers only services a person books: no 法治宣传 or 投诉 in a schedule', async () => {
    await expect(as('seed-staff-qs').saveSchedule(tuesdayMornings('qs-liushu', { services: ['publicity' as never] }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('N1 notices of a booking', () => {

  it('confirms on the next run, reminds the day before and an hour before, never a cancelled booking, and tells an office cancellation at once', async () => {
    const kept = await as('notice-kept').book(request('2026-03-10', '10:30'));
    const gone = await as('notice-gone').book(request('2026-03-10', '10:30'));
    await tick();
    await tick();
    expect((cloud.db.find('notices', {}) as Array<{ _id: string }>).filter((n) => n._id.startsWith(`booking:${kept.id}:booking.confirmed`))).toHaveLength(1);
    await as('notice-gone').cancel({ bookingId: gone.id });
    try {
      await setClock('2026-03-09T02:35:00Z'); // Monday 9 March 10:35: a day before 10:30 has passed
      await tick();
      await tick();
      await setClock('2026-03-10T01:35:00Z'); // Tuesday 09:35: an hour before
      await tick();
      const keys = (cloud.db.find('notices', {}) as Array<{ _id: string }>).map((n) => n._id);
      expect(keys.filter((k) => k.startsWith(`booking:${kept.id}:booking.dayBefore`))).toHaveLength(1);
      expect(keys.filter((k) => k.startsWith(`booking:${kept.id}:booking.hourBefore`))).toHaveLength(1);
      expect(keys.filter((k) => k.startsWith(`booking:${gone.id}:booking.dayBefore`) || k.startsWith(`booking:${gone.id}:booking.hourBefore`))).toEqual([]);
      await as('seed-staff-qs').cancel({ bookingId: kept.id, reason: '调解员生病，请改约' });
      const told = cloud.db.find('notices', {}) as Array<{ _id: string; body?: string }>;
      expect(told.filter((n) => n._id.startsWith(`booking:${kept.id}:booking.cancelled`))).toHaveLength(1);
    } finally {
      await setClock(MONDAY_10AM);
    }
  });
});
