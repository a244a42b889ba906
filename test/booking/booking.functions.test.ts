import { startTestCloud, type TestCloud } from '../support/devcloud';

interface SlotsAnswer {
  open: boolean;
  orgName: string;
  services: Array<{ key: string; label: string }>;
  days: Array<{ day: string; dayLabel: string; slots: Array<{ start: string; free: number; open: boolean }> }>;
}
interface BookingView {
  id: string;
  day: string;
  dayLabel: string;
  time: string;
  status: string;
  statusLabel: string;
  applicantName: string;
  phone: string;
  cancelReason: string | null;
  canCancel: boolean;
}
type Answer<T> = { ok: boolean; data?: T; error?: { code: string; message: string; details?: unknown } };

let cloud: TestCloud;
let n = 0;
const rid = () => `book-${Date.now().toString(36)}-${n++}`;
const setClock = (now: string) =>
  fetch(`${cloud.url}/devcloud/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) });
const call = async <T>(action: string, payload: object, openid: string) =>
  (await cloud.call<Answer<T>>('booking', action, payload, { openid, requestId: rid() })).body;
const data = async <T>(action: string, payload: object, openid: string): Promise<T> => {
  const answer = await call<T>(action, payload, openid);
  if (!answer.ok) throw new Error(`booking.${action} as ${openid}: ${answer.error?.code} ${answer.error?.message}`);
  return answer.data as T;
};
const slotsOf = (openid = 'demo-resident') => data<SlotsAnswer>('listSlots', { orgId: 'qs-dongpo' }, openid);
const free = async (day: string, time: string) => (await slotsOf()).days.find((d) => d.day === day)?.slots.find((s) => s.start === time)?.free;
const book = (openid: string, day: string, time: string, extra: object = {}) =>
  call<BookingView>('book', { orgId: 'qs-dongpo', day, time, service: 'consultation', applicant: { name: '王秀英', phone: '13700001111' }, ...extra }, openid);

/** 东坡村: the advisor is in on Tuesday mornings; two people can be seen at once. */
const TUESDAY_MORNINGS = {
  orgId: 'qs-dongpo',
  sessions: [{ weekday: 2, from: '09:00', to: '11:00' }],
  slotMinutes: 30,
  capacity: 2,
  services: ['consultation', 'mediation'],
  horizonDays: 14,
  leadMinutes: 60,
  active: true,
};

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  await setClock('2026-03-02T02:00:00Z'); // Monday 2 March, 10:00 in Beijing
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('a village room opens appointments', () => {
  it('shows nothing to book until the station sets its hours', async () => {
    expect(await slotsOf()).toMatchObject({ open: false, orgName: '东坡村公共法律服务工作室', days: [] });
  });

  it('turns 驻点时间 into slots on the coming Tuesdays', async () => {
    expect(await data('saveSchedule', TUESDAY_MORNINGS, 'seed-staff-qs')).toMatchObject({ daysKept: 0 });
    const slots = await slotsOf();
    expect(slots.services.map((s) => s.label)).toEqual(['法律咨询', '人民调解']);
    expect(slots.days.map((d) => d.dayLabel)).toEqual(['3月3日 周二', '3月10日 周二']);
    expect(slots.days[0]?.slots.map((s) => `${s.start} ${s.free}`)).toEqual(['09:00 2', '09:30 2', '10:00 2', '10:30 2']);
  });

  it('refuses the hours to anyone but the unit’s own office and those above it', async () => {
    for (const openid of ['seed-staff-lh', 'demo-advisor', 'demo-resident']) {
      expect(await call('saveSchedule', TUESDAY_MORNINGS, openid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('booking a seat', () => {
  it('books, and a repeated request finds the same booking instead of a second seat', async () => {
    const first = await book('demo-resident', '2026-03-03', '09:00');
    expect(first).toMatchObject({ ok: true, data: { dayLabel: '3月3日 周二', time: '09:00', statusLabel: '已预约', phone: '13700001111', canCancel: true } });
    const again = await book('demo-resident', '2026-03-03', '09:00');
    expect(again.data?.id).toBe(first.data?.id);
    expect(await free('2026-03-03', '09:00')).toBe(1);
  });

  it('never seats more people than the slot holds, however many ask at once', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_x, i) => book(`rush-${i}`, '2026-03-03', '09:30')));
    expect(answers.filter((a) => a.ok)).toHaveLength(2);
    for (const refused of answers.filter((a) => !a.ok)) {
      expect(refused.error).toMatchObject({ code: 'SLOT_FULL', message: '这个时间已经约满了，请选其他时间' });
    }
    expect(await free('2026-03-03', '09:30')).toBe(0);
    expect(cloud.db.find('bookings', { day: '2026-03-03', time: '09:30', status: 'booked' })).toHaveLength(2);
  });

  it('explains in plain words what cannot be booked', async () => {
    expect((await book('demo-elder', '2026-03-03', '10:00', { service: 'notary' })).error).toMatchObject({
      code: 'INVALID_STATE',
      message: '这里不能预约这项服务，请换一项或换个地方',
    });
    expect((await book('demo-elder', '2026-03-04', '10:00')).error?.message).toBe('这一天不能预约，请选其他日子');
    expect((await book('demo-elder', '2026-03-03', '11:00')).error?.message).toBe('这个时间不接受预约，请选其他时间');
    expect((await book('demo-elder', '2026-03-03', '10:00', { applicant: { name: '', phone: '1' } })).error).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('keeps the minimum notice: on the morning itself, 09:30 is too soon at 08:45', async () => {
    await setClock('2026-03-03T00:45:00Z'); // Tuesday 08:45
    try {
      expect((await book('demo-elder', '2026-03-03', '09:00')).error?.message).toBe('请至少提前 1 小时预约，请选晚一些的时间');
      const today = (await slotsOf('demo-elder')).days[0];
      expect(today?.slots.map((s) => `${s.start} ${s.open ? '可约' : '不可约'}`)).toEqual(['09:00 不可约', '09:30 不可约', '10:00 可约', '10:30 可约']);
    } finally {
      await setClock('2026-03-02T02:00:00Z');
    }
  });

  it('lets one person hold three upcoming appointments at most', async () => {
    for (const time of ['10:00', '10:30']) expect((await book('demo-resident', '2026-03-03', time)).ok).toBe(true);
    expect((await book('demo-resident', '2026-03-10', '09:00')).error).toMatchObject({
      code: 'INVALID_STATE',
      message: '您已有 3 个还没到的预约，请先办完或取消一个再约',
    });
  });

  it('books for someone else as 代办, recorded as such', async () => {
    const proxied = await book('demo-migrant', '2026-03-10', '09:00', {
      service: 'mediation',
      applicant: { name: '李奶奶', phone: '13600002222' },
      proxy: { name: '李强', phone: '13600003333', relation: '孙子' },
    });
    expect(proxied.data).toMatchObject({ applicantName: '李奶奶', proxy: { name: '李强', relation: '孙子' } });
  });
});

describe('cancelling', () => {
  it('frees the seat when the resident cancels, and the seat can be booked again', async () => {
    const mine = await data<{ bookings: BookingView[] }>('myBookings', {}, 'demo-resident');
    expect(mine.bookings.map((b) => b.time)).toEqual(['09:00', '10:00', '10:30']);
    const cancelled = await data<BookingView>('cancel', { bookingId: mine.bookings[0]!.id }, 'demo-resident');
    expect(cancelled).toMatchObject({ statusLabel: '已取消', canCancel: false });
    expect(await free('2026-03-03', '09:00')).toBe(2);
    expect((await book('demo-resident', '2026-03-03', '09:00')).data).toMatchObject({ statusLabel: '已预约' });
    expect(await free('2026-03-03', '09:00')).toBe(1);
  });

  it('lets the office cancel with a reason the resident reads, and nobody else', async () => {
    const day = await data<{ bookings: BookingView[] }>('dayBookings', { orgId: 'qs-dongpo', day: '2026-03-03' }, 'demo-advisor');
    const target = day.bookings.find((b) => b.time === '10:00')!;
    expect(target.phone).toBe('137****1111'); // masked for the office
    expect(await call('cancel', { bookingId: target.id }, 'seed-staff-qs')).toMatchObject({ ok: false, error: { message: '请写明取消的原因，预约人会看到' } });
    expect(await call('cancel', { bookingId: target.id, reason: '律师出庭' }, 'seed-staff-lh')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('cancel', { bookingId: target.id, reason: '我不想' }, 'demo-elder')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await data('cancel', { bookingId: target.id, reason: '法律顾问当天出庭，请改约' }, 'seed-staff-qs');
    const mine = await data<{ bookings: BookingView[] }>('myBookings', {}, 'demo-resident');
    expect(mine.bookings.find((b) => b.id === target.id)).toMatchObject({ statusLabel: '已取消', cancelReason: '法律顾问当天出庭，请改约' });
  });

  it('shows who is coming to the unit’s own office only', async () => {
    expect(await call('dayBookings', { orgId: 'qs-dongpo', day: '2026-03-03' }, 'seed-staff-lh')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('dayBookings', { orgId: 'qs-dongpo', day: '2026-03-03' }, 'demo-resident')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('changing the hours', () => {
  it('moves days nobody booked at once and keeps the booked ones as they were', async () => {
    const wednesdays = { ...TUESDAY_MORNINGS, sessions: [{ weekday: 3, from: '14:00', to: '15:00' }] };
    expect(await data('saveSchedule', wednesdays, 'seed-staff-qs')).toMatchObject({ daysKept: 2 }); // both Tuesdays have bookings
    const days = (await slotsOf()).days.map((d) => d.dayLabel);
    expect(days).toEqual(['3月3日 周二', '3月4日 周三', '3月10日 周二', '3月11日 周三']);
    await data('saveSchedule', { ...wednesdays, active: false }, 'seed-staff-qs');
    expect((await slotsOf()).open).toBe(false);
    expect((await book('demo-elder', '2026-03-04', '14:00')).error?.message).toBe('这一天不能预约，请选其他日子');
    await data('saveSchedule', TUESDAY_MORNINGS, 'seed-staff-qs');
  });

  it('closes the days beyond a shortened horizon, keeping the booked ones paused', async () => {
    // Both Tuesdays hold bookings: 3-3 keeps its times, 3-10 (now beyond the horizon) is paused.
    expect(await data('saveSchedule', { ...TUESDAY_MORNINGS, horizonDays: 3 }, 'seed-staff-qs')).toMatchObject({ daysKept: 2 });
    expect((await slotsOf()).days.map((d) => d.day)).toEqual(['2026-03-03']);
    // 3-10 holds the 代办 booking: it stands, but takes no one new.
    expect(await data<{ bookings: BookingView[] }>('myBookings', {}, 'demo-migrant')).toMatchObject({ bookings: [{ day: '2026-03-10', statusLabel: '已预约' }] });
    expect((await book('demo-elder', '2026-03-10', '10:00')).error?.message).toBe('这一天不能预约，请选其他日子');
    await data('saveSchedule', TUESDAY_MORNINGS, 'seed-staff-qs');
  });

  it('skips official holidays: no slots on the Tuesday of the National Day week', async () => {
    await setClock('2026-09-28T02:00:00Z');
    try {
      await data('saveSchedule', TUESDAY_MORNINGS, 'seed-staff-qs');
      // Horizon 14 days from Monday 28 September: 10-06 is inside it, but a holiday.
      expect((await slotsOf()).days.map((d) => d.day)).toEqual(['2026-09-29']);
    } finally {
      await setClock('2026-03-02T02:00:00Z');
    }
  });

  it('opens each day as it enters the horizon, by the daily timer', async () => {
    await setClock('2026-03-04T16:10:00Z'); // Thursday 5 March, 00:10
    try {
      expect(cloud.db.find('slot_days', { _id: 'qs-dongpo:2026-03-17' })).toHaveLength(0);
      const run = await fetch(`${cloud.url}/trigger/booking`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(await run.json()).toMatchObject({ ok: true, data: { ok: true } });
      expect(cloud.db.find('slot_days', { _id: 'qs-dongpo:2026-03-17' })).toHaveLength(1);
    } finally {
      await setClock('2026-03-02T02:00:00Z');
    }
  });
});
