import type { bookingContracts, InputOf } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { tuesdayMornings } from '../support/hours';

type BookInput = InputOf<typeof bookingContracts.book>;

let cloud: TestCloud;
const setClock = (now: string) =>
  fetch(`${cloud.url}/devcloud/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) });
/** The booking function as the mini-program calls it, signed in as `openid`. */
const as = (openid: string) => cloud.api(openid).booking;
/** What a refused call rejects with: the code and the reason, never the wording. */
const refused = (code: string, reason?: string) => (reason ? { code, details: { reason } } : { code });
const slotsOf = (openid = 'demo-resident') => as(openid).listSlots({ orgId: 'qs-dongpo' });
const free = async (day: string, time: string) => (await slotsOf()).days.find((d) => d.day === day)?.slots.find((s) => s.start === time)?.free;
const book = (openid: string, day: string, time: string, extra: Partial<BookInput> = {}) =>
  as(openid).book({ orgId: 'qs-dongpo', day, time, service: 'consultation', applicant: { name: '王秀英', phone: '13700001111' }, ...extra });

/** 东坡村: the advisor is in on Tuesday mornings; two people can be seen at once. */
const TUESDAY_MORNINGS = tuesdayMornings('qs-dongpo', { services: ['consultation', 'mediation'] });
const MONDAY_10AM = '2026-03-02T02:00:00Z'; // Monday 2 March, 10:00 in Beijing

/** Runs `body` with devcloud's clock at `now` (UTC), then puts it back to Monday 10:00. */
async function at(now: string, body: () => Promise<void>): Promise<void> {
  await setClock(now);
  try {
    await body();
  } finally {
    await setClock(MONDAY_10AM);
  }
}

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  await setClock(MONDAY_10AM);
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('a village room opens appointments', () => {
  it('shows nothing to book until the station sets its hours', async () => {
    expect(await slotsOf()).toMatchObject({ open: false, orgName: '东坡村公共法律服务工作室', days: [] });
  });

  it('knows no slots of a unit that does not exist', async () => {
    await expect(as('demo-resident').listSlots({ orgId: 'no-such-unit' })).rejects.toMatchObject(refused('NOT_FOUND', 'unit_not_found'));
  });

  it('turns 驻点时间 into slots on the coming Tuesdays', async () => {
    expect(await as('seed-staff-qs').saveSchedule(TUESDAY_MORNINGS)).toMatchObject({ daysKept: 0 });
    const slots = await slotsOf();
    expect(slots.services.map((s) => s.label)).toEqual(['法律咨询', '人民调解']);
    expect(slots.days.map((d) => d.dayLabel)).toEqual(['3月3日 周二', '3月10日 周二']);
    expect(slots.days[0]?.slots.map((s) => `${s.start} ${s.free}`)).toEqual(['09:00 2', '09:30 2', '10:00 2', '10:30 2']);
  });

  it('refuses the hours to anyone but the unit’s own office and those above it', async () => {
    // Staff of another station pass the role gate and are stopped at the unit.
    await expect(as('seed-staff-lh').saveSchedule(TUESDAY_MORNINGS)).rejects.toMatchObject(refused('FORBIDDEN', 'not_office'));
    // An advisor or a resident may not set hours anywhere: the dispatcher's role gate refuses them.
    for (const openid of ['demo-advisor', 'demo-resident']) {
      await expect(as(openid).saveSchedule(TUESDAY_MORNINGS)).rejects.toMatchObject(refused('FORBIDDEN'));
    }
    await expect(as('seed-staff-lh').getSchedule({ orgId: 'qs-dongpo' })).rejects.toMatchObject(refused('FORBIDDEN', 'not_office'));
  });
});

describe('booking a seat', () => {
  it('books, and a repeated request finds the same booking instead of a second seat', async () => {
    const first = await book('demo-resident', '2026-03-03', '09:00');
    expect(first).toMatchObject({ dayLabel: '3月3日 周二', time: '09:00', status: 'booked', statusLabel: '已预约', phone: '13700001111', canCancel: true });
    const again = await book('demo-resident', '2026-03-03', '09:00');
    expect(again.id).toBe(first.id);
    expect(await free('2026-03-03', '09:00')).toBe(1);
  });

  it('never seats more people than the slot holds, however many ask at once', async () => {
    const answers = await Promise.allSettled(Array.from({ length: 6 }, (_x, i) => book(`rush-${i}`, '2026-03-03', '09:30')));
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    const refusals = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason as unknown] : []));
    expect(refusals).toHaveLength(4);
    for (const refusal of refusals) expect(refusal).toMatchObject(refused('SLOT_FULL', 'slot_full'));
    expect(await free('2026-03-03', '09:30')).toBe(0);
    expect(cloud.db.find('bookings', { day: '2026-03-03', time: '09:30', status: 'booked' })).toHaveLength(2);
  });

  it('says what cannot be booked, by reason', async () => {
    await expect(book('demo-elder', '2026-03-03', '10:00', { service: 'notary' })).rejects.toMatchObject(refused('INVALID_STATE', 'service_not_offered'));
    await expect(book('demo-elder', '2026-03-04', '10:00')).rejects.toMatchObject(refused('INVALID_STATE', 'day_closed'));
    await expect(book('demo-elder', '2026-03-03', '11:00')).rejects.toMatchObject(refused('INVALID_STATE', 'time_not_offered'));
    await expect(book('demo-elder', '2026-03-03', '10:00', { applicant: { name: '', phone: '1' } })).rejects.toMatchObject(refused('VALIDATION_FAILED'));
    // Nothing refused took a seat.
    expect(await free('2026-03-03', '10:00')).toBe(2);
  });

  it('keeps the minimum notice: on the morning itself, 09:30 is too soon at 08:45', async () => {
    await at('2026-03-03T00:45:00Z', async () => {
      // Tuesday 08:45
      await expect(book('demo-elder', '2026-03-03', '09:00')).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'too_soon', leadMinutes: 60 } });
      const today = (await slotsOf('demo-elder')).days[0];
      expect(today?.slots.map((s) => `${s.start} ${s.open ? '可约' : '不可约'}`)).toEqual(['09:00 不可约', '09:30 不可约', '10:00 可约', '10:30 可约']);
    });
    await at('2026-03-03T01:40:00Z', async () => {
      // Tuesday 09:40: 09:00 has begun
      await expect(book('demo-elder', '2026-03-03', '09:00')).rejects.toMatchObject(refused('INVALID_STATE', 'slot_past'));
    });
  });

  it('lets one person hold three upcoming appointments at most', async () => {
    for (const time of ['10:00', '10:30']) await book('demo-resident', '2026-03-03', time);
    await expect(book('demo-resident', '2026-03-10', '09:00')).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'booking_limit', limit: 3 } });
    expect(await free('2026-03-10', '09:00')).toBe(2);
  });

  it('answers a repeated request at the limit with the booking it already made', async () => {
    const [held] = cloud.db.find('bookings', { openid: 'demo-resident', time: '10:30', status: 'booked' }) as Array<{ _id: string }>;
    expect((await book('demo-resident', '2026-03-03', '10:30')).id).toBe(held?._id);
    expect(await free('2026-03-03', '10:30')).toBe(1);
  });

  it('books for someone else as 代办, recorded as such', async () => {
    const proxied = await book('demo-migrant', '2026-03-10', '09:00', {
      service: 'mediation',
      applicant: { name: '李奶奶', phone: '13600002222' },
      proxy: { name: '李强', phone: '13600003333', relation: '孙子' },
    });
    expect(proxied).toMatchObject({ applicantName: '李奶奶', proxy: { name: '李强', relation: '孙子' } });
  });
});

describe('cancelling', () => {
  it('frees the seat when the resident cancels, and the seat can be booked again', async () => {
    const mine = await as('demo-resident').myBookings({});
    expect(mine.bookings.map((b) => b.time)).toEqual(['09:00', '10:00', '10:30']);
    const cancelled = await as('demo-resident').cancel({ bookingId: mine.bookings[0]!.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', statusLabel: '已取消', canCancel: false, cancelReason: null });
    expect(await free('2026-03-03', '09:00')).toBe(2);
    // Cancelled once is cancelled: a second cancel frees nothing.
    await expect(as('demo-resident').cancel({ bookingId: mine.bookings[0]!.id })).rejects.toMatchObject(refused('INVALID_STATE', 'not_cancellable'));
    expect(await free('2026-03-03', '09:00')).toBe(2);
    expect(await book('demo-resident', '2026-03-03', '09:00')).toMatchObject({ status: 'booked', statusLabel: '已预约' });
    expect(await free('2026-03-03', '09:00')).toBe(1);
  });

  it('lets the office cancel with a reason the resident reads, and nobody else', async () => {
    const day = await as('demo-advisor').dayBookings({ orgId: 'qs-dongpo', day: '2026-03-03' });
    // By time: the rebooking took the cancelled 09:00's record (one per person and slot).
    expect(day.bookings.map((b) => b.time)).toEqual(['09:00', '09:30', '09:30', '10:00', '10:30']);
    const target = day.bookings.find((b) => b.time === '10:00')!;
    expect(target.phone).toBe('137****1111'); // masked for the office
    await expect(as('seed-staff-qs').cancel({ bookingId: target.id })).rejects.toMatchObject(refused('VALIDATION_FAILED', 'office_reason_required'));
    // Someone else's booking answers as a missing one (test/app/audit.functions.test.ts compares the two).
    await expect(as('seed-staff-lh').cancel({ bookingId: target.id, reason: '律师出庭' })).rejects.toMatchObject(refused('NOT_FOUND', 'booking_not_found'));
    await expect(as('demo-elder').cancel({ bookingId: target.id, reason: '我不想' })).rejects.toMatchObject(refused('NOT_FOUND', 'booking_not_found'));
    await as('seed-staff-qs').cancel({ bookingId: target.id, reason: '法律顾问当天出庭，请改约' });
    const mine = await as('demo-resident').myBookings({});
    expect(mine.bookings.find((b) => b.id === target.id)).toMatchObject({ status: 'cancelled', statusLabel: '已取消', cancelReason: '法律顾问当天出庭，请改约' });
    // 我的预约: what is still to come, soonest first, then the rest.
    expect(mine.bookings.map((b) => `${b.time} ${b.status}`)).toEqual(['09:00 booked', '10:30 booked', '10:00 cancelled']);
  });

  it('lets the resident cancel only before the start, and finds no booking that does not exist', async () => {
    const held = (await as('demo-resident').myBookings({})).bookings.find((b) => b.time === '10:30' && b.status === 'booked')!;
    await at('2026-03-03T02:35:00Z', async () => {
      // Tuesday 10:35
      await expect(as('demo-resident').cancel({ bookingId: held.id })).rejects.toMatchObject(refused('INVALID_STATE', 'already_started'));
    });
    await expect(as('demo-resident').cancel({ bookingId: 'qs-dongpo:2026-03-03:1030:nobody' })).rejects.toMatchObject(refused('NOT_FOUND', 'booking_not_found'));
  });

  it('shows who is coming to the unit’s own office only', async () => {
    await expect(as('seed-staff-lh').dayBookings({ orgId: 'qs-dongpo', day: '2026-03-03' })).rejects.toMatchObject(refused('FORBIDDEN', 'not_office'));
    await expect(as('demo-resident').dayBookings({ orgId: 'qs-dongpo', day: '2026-03-03' })).rejects.toMatchObject(refused('FORBIDDEN'));
  });
});

describe('changing the hours', () => {
  it('moves days nobody booked at once and keeps the booked ones as they were', async () => {
    const wednesdays = { ...TUESDAY_MORNINGS, sessions: [{ weekday: 3, from: '14:00', to: '15:00' }] };
    expect(await as('seed-staff-qs').saveSchedule(wednesdays)).toMatchObject({ daysKept: 2 }); // both Tuesdays have bookings
    const days = (await slotsOf()).days.map((d) => d.dayLabel);
    expect(days).toEqual(['3月3日 周二', '3月4日 周三', '3月10日 周二', '3月11日 周三']);
    await as('seed-staff-qs').saveSchedule({ ...wednesdays, active: false });
    expect((await slotsOf()).open).toBe(false);
    await expect(book('demo-elder', '2026-03-04', '14:00')).rejects.toMatchObject(refused('INVALID_STATE', 'day_closed'));
    await as('seed-staff-qs').saveSchedule(TUESDAY_MORNINGS);
  });

  it('stores the sessions in the order of the week, whatever order they came in', async () => {
    const shuffled = {
      ...TUESDAY_MORNINGS,
      sessions: [
        { weekday: 2, from: '14:00', to: '15:00' },
        { weekday: 2, from: '09:00', to: '11:00' },
      ],
    };
    expect((await as('seed-staff-qs').saveSchedule(shuffled)).schedule.sessions.map((s) => s.from)).toEqual(['09:00', '14:00']);
    expect((await as('seed-staff-qs').getSchedule({ orgId: 'qs-dongpo' })).schedule).toEqual({ ...shuffled, heldSeats: 0, releaseMinutes: 1440, cancelMinutes: 0, sessions: [shuffled.sessions[1], shuffled.sessions[0]] });
    await as('seed-staff-qs').saveSchedule(TUESDAY_MORNINGS);
  });

  it('closes the days beyond a shortened horizon, keeping the booked ones paused', async () => {
    // Both Tuesdays hold bookings: 3-3 keeps its times, 3-10 (now beyond the horizon) is paused.
    expect(await as('seed-staff-qs').saveSchedule({ ...TUESDAY_MORNINGS, horizonDays: 3 })).toMatchObject({ daysKept: 2 });
    expect((await slotsOf()).days.map((d) => d.day)).toEqual(['2026-03-03']);
    // 3-10 holds the 代办 booking: it stands, but takes no one new.
    expect(await as('demo-migrant').myBookings({})).toMatchObject({ bookings: [{ day: '2026-03-10', status: 'booked' }] });
    await expect(book('demo-elder', '2026-03-10', '10:00')).rejects.toMatchObject(refused('INVALID_STATE', 'day_closed'));
    await as('seed-staff-qs').saveSchedule(TUESDAY_MORNINGS);
  });

  it('skips official holidays: no slots on the Tuesday of the National Day week', async () => {
    await at('2026-09-28T02:00:00Z', async () => {
      await as('seed-staff-qs').saveSchedule(TUESDAY_MORNINGS);
      // Horizon 14 days from Monday 28 September: 10-06 is inside it, but a holiday.
      expect((await slotsOf()).days.map((d) => d.day)).toEqual(['2026-09-29']);
    });
  });

  it('opens each day as it enters the horizon, by the daily timer', async () => {
    await at('2026-03-04T16:10:00Z', async () => {
      // Thursday 5 March, 00:10
      expect(cloud.db.find('slot_days', { _id: 'qs-dongpo:2026-03-17' })).toHaveLength(0);
      const run = await fetch(`${cloud.url}/trigger/booking`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(await run.json()).toMatchObject({ ok: true, data: { ok: true } });
      expect(cloud.db.find('slot_days', { _id: 'qs-dongpo:2026-03-17' })).toHaveLength(1);
    });
  });
});

describe('上门服务', () => {
  const ask = (openid: string, extra: Record<string, unknown>) =>
    cloud.api(openid).booking.requestHomeVisit({
      orgId: 'qs-dongpo',
      service: 'consultation',
      applicant: { name: '刘大爷', phone: '13700005555' },
      groups: [],
      address: '东坡村三组 12 号',
      preferredTimes: '工作日上午',
      summary: '儿子不给赡养费',
      ...extra,
    });

  it('opens a case at the village for someone aged 70 or more by birth date, marked for the 绿色通道', async () => {
    // Monday 2 March 2026: born 1 March 1956 is 70 since yesterday.
    const made = await ask('home-elder', { birthDate: '1956-03-01' });
    const [opened] = cloud.db.find('cases', { _id: made.caseId }) as Array<{ orgId: string; priorityGroups: string[]; summary: string; code: string }>;
    expect(opened).toMatchObject({ orgId: 'qs-dongpo', priorityGroups: ['elderly'], code: made.code });
    expect(opened?.summary).toContain('东坡村三组 12 号');
    expect(opened?.summary).toContain('70岁（按出生日期）');
  });

  it('takes a stated age or one of the groups, and refuses anyone else, by reason', async () => {
    await expect(ask('home-stated', { age: 72 })).resolves.toMatchObject({ code: expect.any(String) });
    await expect(ask('home-patient', { age: 45, groups: ['inpatient'] })).resolves.toMatchObject({ code: expect.any(String) });
    // Born 3 March 1956: 69 until tomorrow.
    await expect(ask('home-young', { birthDate: '1956-03-03' })).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'not_home_visit_eligible', age: 69 } });
    await expect(ask('home-none', {})).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'not_home_visit_eligible' } });
  });
});

describe('签到 on the day', () => {
  it('checks in by code, opens a case on the appointment channel naming the booking, and answers a repeat with the same case', async () => {
    const held = await book('checked-in', '2026-03-10', '10:30');
    await at('2026-03-10T02:35:00Z', async () => {
      // Tuesday 10 March, 10:35
      await expect(as('seed-staff-qs').checkIn({ orgId: 'qs-dongpo', day: '2026-03-10', code: held.code === '000000' ? '000001' : '000000' })).rejects.toMatchObject(refused('NOT_FOUND', 'code_not_found'));
      const first = await as('seed-staff-qs').checkIn({ orgId: 'qs-dongpo', day: '2026-03-10', code: held.code });
      expect(first.booking).toMatchObject({ id: held.id, status: 'attended', caseId: first.caseId });
      const [opened] = cloud.db.find('cases', { _id: first.caseId }) as Array<{ channel: string; orgId: string; summary: string }>;
      expect(opened).toMatchObject({ channel: 'appointment', orgId: 'qs-dongpo' });
      expect(opened?.summary).toContain(held.code);
      // Again by hand: the same case, no second one.
      expect((await as('seed-staff-qs').checkIn({ orgId: 'qs-dongpo', day: '2026-03-10', bookingId: held.id })).caseId).toBe(first.caseId);
      expect(cloud.db.find('cases', { _id: first.caseId })).toHaveLength(1);
      // Not this unit's office: refused before anything is looked up.
      await expect(as('seed-staff-lh').checkIn({ orgId: 'qs-dongpo', day: '2026-03-10', bookingId: held.id })).rejects.toMatchObject(refused('FORBIDDEN', 'not_office'));
    });
  });
});

describe('a booking made for someone else, in their own 我的预约', () => {
  it('is claimed by the applicant with its code and their phone, then theirs to see and cancel', async () => {
    const [proxied] = cloud.db.find('bookings', { openid: 'demo-migrant', status: 'booked' }) as Array<{ _id: string; code: string }>;
    await expect(as('li-nainai').claim({ code: proxied!.code, phone: '13600009999' })).rejects.toMatchObject(refused('NOT_FOUND', 'claim_not_found'));
    const claimed = await as('li-nainai').claim({ code: proxied!.code, phone: '136-0000-2222' });
    expect(claimed).toMatchObject({ id: proxied!._id, applicantName: '李奶奶', phone: '13600002222', proxy: { name: '李强', relation: '孙子' } });
    expect((await as('li-nainai').myBookings({})).bookings.map((b) => b.id)).toEqual([proxied!._id]);
    // Still the 代办's too.
    expect((await as('demo-migrant').myBookings({})).bookings.map((b) => b.id)).toContain(proxied!._id);
    await expect(as('li-nainai').cancel({ bookingId: proxied!._id })).resolves.toMatchObject({ status: 'cancelled' });
  });
});
