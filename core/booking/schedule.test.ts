import { createWorkCalendar } from '../calendar';
import { SCHEDULE_DEFAULTS, orderSessions, slotDayOf, replanDay, scheduleInputSchema, slotKey, timesOn, whyNotBookable, type Schedule } from './schedule';

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
  ...SCHEDULE_DEFAULTS,
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

  const refusal = (code: string, reason: string, more: object = {}) => expect.objectContaining({ code, details: { reason, ...more } });

  it('names the real obstacle, by reason', () => {
    expect(whyNotBookable(null, '09:00', 'consultation', 'me', at)).toEqual(refusal('INVALID_STATE', 'day_closed'));
    expect(whyNotBookable({ ...day, active: false }, '09:00', 'consultation', 'me', at)).toEqual(refusal('INVALID_STATE', 'day_closed'));
    expect(whyNotBookable(day, '11:00', 'consultation', 'me', at)).toEqual(refusal('INVALID_STATE', 'time_not_offered'));
    expect(whyNotBookable(day, '09:00', 'notary', 'me', at)).toEqual(refusal('INVALID_STATE', 'service_not_offered'));
    expect(whyNotBookable(day, '09:00', 'consultation', 'me', bj('2026-03-03 08:30'))).toEqual(refusal('INVALID_STATE', 'too_soon', { leadMinutes: 60 }));
    expect(whyNotBookable(day, '09:00', 'consultation', 'me', bj('2026-03-03 09:10'))).toEqual(refusal('INVALID_STATE', 'slot_past'));
    const full = { ...day, times: { ...day.times, [slotKey('09:00')]: { ...day.times[slotKey('09:00')]!, free: 0, holders: ['a', 'b'] } } };
    expect(whyNotBookable(full, '09:00', 'consultation', 'me', at)).toEqual(refusal('SLOT_FULL', 'slot_full'));
    // A seat already held by the caller is no obstacle: a retry.
    expect(whyNotBookable(full, '09:00', 'consultation', 'a', at)).toBeNull();
  });

  it('calls it a race when every rule holds and the seat was still missed', () => {
    expect(whyNotBookable(day, '09:00', 'consultation', 'me', at)).toEqual(refusal('CONFLICT', 'retry_race'));
  });
});

describe('orderSessions', () => {
  it('orders by weekday, then by the clock, leaving the input as it was', () => {
    const given = [
      { weekday: 3, from: '14:00', to: '15:00' },
      { weekday: 1, from: '14:00', to: '15:00' },
      { weekday: 1, from: '09:00', to: '10:00' },
    ];
    expect(orderSessions(given).map((s) => `${s.weekday} ${s.from}`)).toEqual(['1 09:00', '1 14:00', '3 14:00']);
    expect(given[0]?.weekday).toBe(3);
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
