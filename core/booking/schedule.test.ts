import { createWorkCalendar } from '../calendar';
import { toBookingView, type Booking } from './booking';
import { slotDayOf, replanDay, scheduleInputSchema, slotKey, timesOn, whyNotBookable, type Schedule } from './schedule';

const calendar = createWorkCalendar();
const schedule: Schedule = {
  orgId: 'qs-dongpo',
  sessions: [
    { weekday: 2, from: '09:00', to: '10:45' },
    { weekday: 2, from: '14:00', to: '15:00' },
  ],
  slotMinutes: 30,
  capacity: 2,
  services: ['consultation'],
  horizonDays: 14,
  leadMinutes: 60,
  active: true,
};
const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);

describe('timesOn', () => {
  it('cuts each session into whole slots, dropping a remainder too short for one', () => {
    expect(timesOn(schedule, '2026-03-03', calendar).map((t) => `${t.start}-${t.end}`)).toEqual([
      '09:00-09:30',
      '09:30-10:00',
      '10:00-10:30',
      '14:00-14:30',
      '14:30-15:00',
    ]);
  });

  it('opens nothing on other weekdays or on an official holiday that falls on the day', () => {
    expect(timesOn(schedule, '2026-03-04', calendar)).toEqual([]);
    expect(timesOn(schedule, '2026-10-06', calendar)).toEqual([]); // Tuesday of the National Day week
  });

  it('closes booking for a slot at its start less the minimum notice, in Beijing time', () => {
    expect(timesOn(schedule, '2026-03-03', calendar)[0]?.lastCall).toEqual(bj('2026-03-03 08:00'));
  });
});

describe('the schedule form', () => {
  const valid = { ...schedule };
  it('accepts a sound schedule', () => {
    expect(scheduleInputSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    [{ sessions: [{ weekday: 2, from: '09:00', to: '10:00' }, { weekday: 2, from: '09:30', to: '11:00' }] }, '同一天的时段不能重叠'],
    [{ sessions: [{ weekday: 2, from: '10:00', to: '09:00' }] }, '结束时间要晚于开始时间'],
    [{ sessions: [{ weekday: 2, from: '09:00', to: '09:20' }] }, '每个时段至少要放下一个预约'],
    [{ sessions: [{ weekday: 2, from: '9:00', to: '10:00' }] }, '时间格式应为 HH:mm，如 09:00'],
    [{ capacity: 0 }, '每个时段至少接待 1 人'],
    [{ services: [] }, '请至少选择一项可预约的服务'],
  ])('refuses %j: %s', (change, message) => {
    const parsed = scheduleInputSchema.safeParse({ ...valid, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
  });
});

describe('whyNotBookable', () => {
  const day = slotDayOf(schedule, '2026-03-03', calendar);
  const at = bj('2026-03-02 10:00');

  it('names the real obstacle', () => {
    expect(whyNotBookable(null, '09:00', 'consultation', 'me', at)?.message).toBe('这一天不能预约，请选其他日子');
    expect(whyNotBookable(day, '11:00', 'consultation', 'me', at)?.message).toBe('这个时间不接受预约，请选其他时间');
    expect(whyNotBookable(day, '09:00', 'notary', 'me', at)?.message).toBe('这里不能预约这项服务，请换一项或换个地方');
    expect(whyNotBookable(day, '09:00', 'consultation', 'me', bj('2026-03-03 08:30'))?.message).toBe('请至少提前 1 小时预约，请选晚一些的时间');
    expect(whyNotBookable(day, '09:00', 'consultation', 'me', bj('2026-03-03 09:10'))?.message).toBe('这个时间已经过了，请选其他时间');
    const full = { ...day, times: { ...day.times, [slotKey('09:00')]: { ...day.times[slotKey('09:00')]!, free: 0, holders: ['a', 'b'] } } };
    expect(whyNotBookable(full, '09:00', 'consultation', 'me', at)).toMatchObject({ code: 'SLOT_FULL' });
    // A seat already held by the caller is no obstacle: a retry.
    expect(whyNotBookable(full, '09:00', 'consultation', 'a', at)).toBeNull();
  });
});

describe('replanDay', () => {
  it('replaces a day nobody booked and keeps a booked day’s times, taking the new services and pause', () => {
    const before = slotDayOf(schedule, '2026-03-03', calendar);
    const fresh = slotDayOf({ ...schedule, sessions: [], services: ['mediation'], active: false }, '2026-03-03', calendar);
    expect(replanDay(before, fresh)).toEqual({ doc: fresh, kept: false });
    const booked = { ...before, times: { ...before.times, [slotKey('09:00')]: { ...before.times[slotKey('09:00')]!, free: 1, holders: ['a'] } } };
    const plan = replanDay(booked, fresh);
    expect(plan.kept).toBe(true);
    expect(plan.doc).toMatchObject({ times: booked.times, services: ['mediation'], active: false });
  });
});

describe('toBookingView', () => {
  const booking: Booking = {
    orgId: 'qs-dongpo',
    day: '2026-03-03',
    time: '09:00',
    startsAt: bj('2026-03-03 09:00'),
    service: 'consultation',
    openid: 'me',
    applicant: { name: '王秀英', phone: '13700001111' },
    proxy: null,
    note: '',
    status: 'booked',
    createdAt: bj('2026-03-02 10:00'),
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
  };

  it('shows the owner their number and the office a masked one; only the office cancels after the start', () => {
    expect(toBookingView('id', booking, '东坡村公共法律服务工作室', bj('2026-03-02 12:00'), 'owner')).toMatchObject({ phone: '13700001111', canCancel: true, dayLabel: '3月3日 周二' });
    expect(toBookingView('id', booking, '东坡村公共法律服务工作室', bj('2026-03-03 09:10'), 'owner').canCancel).toBe(false);
    expect(toBookingView('id', booking, '东坡村公共法律服务工作室', bj('2026-03-03 09:10'), 'office')).toMatchObject({ phone: '137****1111', canCancel: true });
  });
});
