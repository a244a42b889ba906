import { createWorkCalendar } from '../calendar/calendar';
import { deadlineFrom, timeLimitSchema, type TimeLimit } from './limit';
import { formatShanghai } from './shanghai';

const official = createWorkCalendar();
/** A Beijing wall-clock time, e.g. '2026-09-30 10:00'. */
const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
/** What a staff member sees as the deadline. */
const due = (receivedAt: string, limit: TimeLimit, calendar = official) =>
  formatShanghai(deadlineFrom(bj(receivedAt), limit, calendar), 'YYYY-MM-DD HH:mm:ss.SSS');

const days = (amount: number): TimeLimit => ({ amount, unit: 'calendarDays' });
const workingDays = (amount: number): TimeLimit => ({ amount, unit: 'workingDays' });
const hours = (amount: number): TimeLimit => ({ amount, unit: 'hours' });

describe('calendar-day limits (e.g. legal aid decision, 7 days, 法律援助法 Art. 43)', () => {
  it('do not count the day of receipt and end at 23:59:59.999 of the last day', () => {
    // Mon 2026-03-02 + 7 = Mon 2026-03-09, a working day.
    expect(due('2026-03-02 09:00', days(7))).toBe('2026-03-09 23:59:59.999');
    expect(due('2026-03-02 23:59', days(7))).toBe('2026-03-09 23:59:59.999');
  });

  it('move a last day in the National Day break to the first working day after it', () => {
    // Received on the eve (Wed 09-30): day 7 is 10-07, still 国庆 → Thu 10-08.
    expect(due('2026-09-30 16:30', days(7))).toBe('2026-10-08 23:59:59.999');
  });

  it('move a last day in the Spring Festival break to the first working day after it', () => {
    // Fri 02-13 + 7 = 02-20, inside 02-15..02-23 → Tue 02-24.
    expect(due('2026-02-13 10:00', days(7))).toBe('2026-02-24 23:59:59.999');
    // Received on the 调休 Saturday eve 02-14: + 7 = 02-21 → 02-24.
    expect(due('2026-02-14 10:00', days(7))).toBe('2026-02-24 23:59:59.999');
  });

  it('move a last day on an ordinary weekend to Monday', () => {
    // Sat 03-07 + 7 = Sat 03-14 → Mon 03-16.
    expect(due('2026-03-07 10:00', days(7))).toBe('2026-03-16 23:59:59.999');
  });

  it('do not move a last day on a 调休 working Sunday', () => {
    // Sun 09-13 + 7 = Sun 09-20, the National Day make-up working day.
    expect(due('2026-09-13 10:00', days(7))).toBe('2026-09-20 23:59:59.999');
  });

  it('run a 30-day mediation received on 09-01 past the National Day break', () => {
    expect(due('2026-09-01 09:00', days(30))).toBe('2026-10-08 23:59:59.999');
  });

  it('give a lawyer-assignment limit of 3 days after a 09-28 decision until 10-08', () => {
    expect(due('2026-09-28 17:00', days(3))).toBe('2026-10-08 23:59:59.999');
  });

  it('treat 0 days as "today", rolled to the next working day when today is a holiday', () => {
    expect(due('2026-09-30 09:00', days(0))).toBe('2026-09-30 23:59:59.999');
    expect(due('2026-10-03 09:00', days(0))).toBe('2026-10-08 23:59:59.999');
  });
});

describe('working-day limits (e.g. consultation reply, 1 working day)', () => {
  it('end on the next working day after receipt', () => {
    expect(due('2026-03-02 09:00', workingDays(1))).toBe('2026-03-03 23:59:59.999');
    // Friday → Monday.
    expect(due('2026-03-06 16:00', workingDays(1))).toBe('2026-03-09 23:59:59.999');
  });

  it('count a 调休 Saturday as a working day (Fri 02-13 → Sat 02-14)', () => {
    expect(due('2026-02-13 17:30', workingDays(1))).toBe('2026-02-14 23:59:59.999');
  });

  it('skip the whole Spring Festival break when received on its eve (Sat 02-14 → Tue 02-24)', () => {
    expect(due('2026-02-14 11:00', workingDays(1))).toBe('2026-02-24 23:59:59.999');
    expect(due('2026-02-14 11:00', workingDays(5))).toBe('2026-02-28 23:59:59.999');
  });

  it('skip the National Day break and count the 调休 Saturday 10-10', () => {
    expect(due('2026-09-30 16:30', workingDays(1))).toBe('2026-10-08 23:59:59.999');
    expect(due('2026-09-30 16:30', workingDays(3))).toBe('2026-10-10 23:59:59.999');
    expect(due('2026-09-30 16:30', workingDays(4))).toBe('2026-10-12 23:59:59.999');
  });

  it('count the 调休 Sunday 09-20 when received on Saturday 09-19', () => {
    expect(due('2026-09-19 10:00', workingDays(1))).toBe('2026-09-20 23:59:59.999');
  });

  it('start counting from the Beijing day, not the UTC or process day', () => {
    // 2026-09-29T15:59:59Z is Tue 09-29 23:59:59 in Beijing; one second later is Wed 09-30 00:00:01.
    expect(formatShanghai(deadlineFrom(new Date('2026-09-29T15:59:59Z'), workingDays(1), official))).toBe('2026-09-30 23:59');
    expect(formatShanghai(deadlineFrom(new Date('2026-09-29T16:00:01Z'), workingDays(1), official))).toBe('2026-10-08 23:59');
    expect(deadlineFrom(new Date('2026-09-29T16:00:01Z'), workingDays(1), official).toISOString()).toBe(
      '2026-10-08T15:59:59.999Z',
    );
  });

  it('treat 0 working days as the first working day on or after receipt', () => {
    expect(due('2026-09-30 09:00', workingDays(0))).toBe('2026-09-30 23:59:59.999');
    expect(due('2026-10-03 09:00', workingDays(0))).toBe('2026-10-08 23:59:59.999');
  });
});

describe('a year chinese-days does not know (2027)', () => {
  it('gets New Year 2027 wrong without overrides and right with the admin-entered notice', () => {
    // Thu 2026-12-31, 1 working day: the package thinks Fri 2027-01-01 is a working day.
    expect(due('2026-12-31 10:00', workingDays(1))).toBe('2027-01-01 23:59:59.999');
    const withNotice = createWorkCalendar([
      { date: '2027-01-01', kind: 'holiday' },
      { date: '2027-01-02', kind: 'holiday' },
      { date: '2027-01-03', kind: 'holiday' },
    ]);
    expect(due('2026-12-31 10:00', workingDays(1), withNotice)).toBe('2027-01-04 23:59:59.999');
    // 7 calendar days from Fri 2026-12-25 end on 2027-01-01 → Mon 2027-01-04.
    expect(due('2026-12-25 10:00', days(7), withNotice)).toBe('2027-01-04 23:59:59.999');
  });

  it('honours a made-up 调休 Saturday entered for 2027', () => {
    const withMakeUpDay = createWorkCalendar([{ date: '2027-02-06', kind: 'workday' }]);
    // Fri 2027-02-05, 1 working day: Saturday 02-06 counts.
    expect(due('2027-02-05 10:00', workingDays(1), withMakeUpDay)).toBe('2027-02-06 23:59:59.999');
    expect(due('2027-02-05 10:00', workingDays(1))).toBe('2027-02-08 23:59:59.999');
  });
});

describe('hour limits', () => {
  it('run around the clock, through holidays, to the exact minute', () => {
    expect(due('2026-09-30 10:15', hours(24))).toBe('2026-10-01 10:15:00.000');
    expect(due('2026-09-30 10:15', hours(0.5))).toBe('2026-09-30 10:45:00.000');
  });

  it('are exact elapsed time across the New York DST switch', () => {
    // 2026-03-08T06:30Z is 14:30 Beijing; New York springs forward 30 minutes later.
    const deadline = deadlineFrom(new Date('2026-03-08T06:30:00Z'), hours(24), official);
    expect(deadline.toISOString()).toBe('2026-03-09T06:30:00.000Z');
  });
});

describe('limit validation', () => {
  it.each<TimeLimit>([days(-1), workingDays(1.5), hours(Number.NaN), hours(Number.POSITIVE_INFINITY)])(
    'rejects %o',
    (limit) => {
      expect(() => deadlineFrom(bj('2026-03-02 09:00'), limit, official)).toThrow(RangeError);
      expect(timeLimitSchema.safeParse(limit).success).toBe(false);
    },
  );

  it('accepts the limits the categories table uses', () => {
    for (const limit of [days(7), workingDays(1), days(30), hours(0.5)]) {
      expect(timeLimitSchema.safeParse(limit).success).toBe(true);
    }
  });
});
