import { createWorkCalendar } from '../calendar/calendar';
import { deadlineFrom, timeLimitSchema } from './limit';
import { formatShanghai } from './shanghai';
import { periodLastDay, windowDates, windowState } from './window';

const official = createWorkCalendar();
const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
const at = (d: Date) => formatShanghai(d, 'YYYY-MM-DD HH:mm:ss.SSS');

describe('close of business (民法典 Art. 203: 有业务时间的，停止业务活动的时间为截止时间)', () => {
  it('ends a day limit kept at an office when the office closes, not at 24:00', () => {
    expect(at(deadlineFrom(bj('2026-03-02 09:00'), { amount: 7, unit: 'calendarDays', closesAt: '17:30' }, official))).toBe(
      '2026-03-09 17:29:59.999',
    );
    expect(at(deadlineFrom(bj('2026-03-02 09:00'), { amount: 2, unit: 'workingDays', closesAt: '17:00' }, official))).toBe(
      '2026-03-04 16:59:59.999',
    );
  });

  it('leaves every limit without a closing time at 24:00', () => {
    expect(at(deadlineFrom(bj('2026-03-02 09:00'), { amount: 7, unit: 'calendarDays' }, official))).toBe('2026-03-09 23:59:59.999');
  });

  it('refuses a closing time that is not HH:mm, and one on an hour limit', () => {
    expect(() => deadlineFrom(bj('2026-03-02 09:00'), { amount: 1, unit: 'calendarDays', closesAt: '25:00' }, official)).toThrow(RangeError);
    expect(() => deadlineFrom(bj('2026-03-02 09:00'), { amount: 1, unit: 'hours', closesAt: '17:00' }, official)).toThrow(RangeError);
    expect(timeLimitSchema.safeParse({ amount: 1, unit: 'workingDays', closesAt: '5pm' }).success).toBe(false);
    expect(timeLimitSchema.safeParse({ amount: 1, unit: 'workingDays', closesAt: '17:30' }).success).toBe(true);
  });
});

describe("the resident's statutory windows (民法典 Arts. 201–203)", () => {
  it('counts days from the day after the act: 60 days for administrative review (行政复议法 Art. 20)', () => {
    // Act known Tue 2026-03-03; day 60 is Sat 05-02, inside the 劳动节 break (05-01..05-05) → Wed 05-06.
    expect(periodLastDay('2026-03-03', { amount: 60, unit: 'days' }, official)).toBe('2026-05-06');
    // Act known Mon 2026-06-01; day 60 is Fri 07-31, a working day.
    expect(periodLastDay('2026-06-01', { amount: 60, unit: 'days' }, official)).toBe('2026-07-31');
  });

  it('ends a year on the corresponding day (劳动争议调解仲裁法 Art. 27), or the month end when there is none', () => {
    expect(periodLastDay('2026-03-10', { amount: 1, unit: 'years' }, official)).toBe('2027-03-10');
    // 2028-02-29 + 1 year has no 02-29: the month's last day, Wed 2029-02-28.
    expect(periodLastDay('2028-02-29', { amount: 1, unit: 'years' }, official)).toBe('2029-02-28');
    // 6 months from 08-31: 02-28 (2027), a Sunday → Mon 03-01.
    expect(periodLastDay('2026-08-31', { amount: 6, unit: 'months' }, official)).toBe('2027-03-01');
  });

  it('is urgent from the seventh day before the last day (法律援助法 Art. 44) and closed after its last instant', () => {
    const dates = windowDates('2026-06-01', { amount: 60, unit: 'days' }, official, '17:30');
    expect(dates.lastDay).toBe('2026-07-31');
    expect(at(dates.endsAt)).toBe('2026-07-31 17:29:59.999');
    expect(at(dates.urgentFrom)).toBe('2026-07-24 00:00:00.000');
    expect(windowState(dates, bj('2026-07-23 23:59'))).toBe('open');
    expect(windowState(dates, bj('2026-07-26 10:00'))).toBe('urgent'); // 55 days after the act
    expect(windowState(dates, bj('2026-07-31 17:29'))).toBe('urgent');
    expect(windowState(dates, bj('2026-07-31 17:30'))).toBe('closed');
  });

  it('refuses a malformed start or an empty period', () => {
    expect(() => periodLastDay('2026-02-30', { amount: 60, unit: 'days' }, official)).toThrow(RangeError);
    expect(() => periodLastDay('2026-02-01', { amount: 0, unit: 'days' }, official)).toThrow(RangeError);
  });
});
