import { AppError } from '../api/errors';
import { createWorkCalendar } from '../calendar/calendar';
import {
  clockStateSchema,
  clockStatus,
  dueAt,
  isPaused,
  metDeadline,
  pauseClock,
  resumeClock,
  startClock,
  type ClockState,
} from './clock';
import type { TimeLimit } from './limit';
import { formatShanghai } from './shanghai';

const official = createWorkCalendar();
/** A Beijing wall-clock time, e.g. '2026-09-30 10:00'. */
const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
const shown = (date: Date | null) => (date ? formatShanghai(date, 'YYYY-MM-DD HH:mm:ss.SSS') : null);

const legalAidDecision: TimeLimit = { amount: 7, unit: 'calendarDays' };
const threeWorkingDays: TimeLimit = { amount: 3, unit: 'workingDays' };

/** Applies pause/resume pairs given as Beijing wall times. */
function withPauses(state: ClockState, ...spans: Array<[from: string, to?: string]>): ClockState {
  return spans.reduce((current, [from, to]) => {
    const paused = pauseClock(current, bj(from));
    return to === undefined ? paused : resumeClock(paused, bj(to));
  }, state);
}

function expectClockError(action: () => unknown, reason: string): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_STATE');
    expect((error as AppError).details).toEqual({ reason });
    return;
  }
  throw new Error(`expected a ${reason} error`);
}

describe('dueAt without pauses', () => {
  it('is the limit counted from receipt', () => {
    const clock = startClock(bj('2026-09-30 16:30'), legalAidDecision);
    expect(shown(dueAt(clock, official))).toBe('2026-10-08 23:59:59.999');
  });
});

describe('pausing for missing materials (一次性告知)', () => {
  it('does not count the days from the notice to the day the materials arrive', () => {
    // Legal aid received Mon 09-21 → due Mon 09-28. Notice Tue 09-22, materials Thu 09-24:
    // 09-23 and 09-24 are not counted, so day 7 becomes Wed 09-30.
    const clock = withPauses(startClock(bj('2026-09-21 09:00'), legalAidDecision), ['2026-09-22 15:00', '2026-09-24 10:00']);
    expect(shown(dueAt(clock, official))).toBe('2026-09-30 23:59:59.999');
  });

  it('adds up two pauses and still rolls a weekend last day to Monday', () => {
    // Received Mon 03-02 (due 03-09). Pause 03-03→03-04 skips 1 day, 03-05→03-09 skips 4:
    // 03-02 + 12 = Sat 03-14 → Mon 03-16.
    const clock = withPauses(
      startClock(bj('2026-03-02 09:00'), legalAidDecision),
      ['2026-03-03 10:00', '2026-03-04 10:00'],
      ['2026-03-05 11:00', '2026-03-09 08:30'],
    );
    expect(clock.pauses).toHaveLength(2);
    expect(shown(dueAt(clock, official))).toBe('2026-03-16 23:59:59.999');
  });

  it('costs nothing when paused and resumed on the same day', () => {
    const clock = withPauses(startClock(bj('2026-03-02 09:00'), legalAidDecision), ['2026-03-03 09:00', '2026-03-03 17:00']);
    expect(shown(dueAt(clock, official))).toBe('2026-03-09 23:59:59.999');
  });

  it('extends a calendar-day limit across the National Day break day for day', () => {
    // Received Thu 09-24 → day 7 is 10-01 → due 10-08. Paused Mon 09-28 → Fri 10-09:
    // 4 days counted before, then 10-10, 10-11, 10-12 → due Mon 10-12.
    const clock = withPauses(startClock(bj('2026-09-24 10:00'), legalAidDecision), ['2026-09-28 09:00', '2026-10-09 10:00']);
    expect(shown(dueAt(startClock(bj('2026-09-24 10:00'), legalAidDecision), official))).toBe('2026-10-08 23:59:59.999');
    expect(shown(dueAt(clock, official))).toBe('2026-10-12 23:59:59.999');
  });

  it('extends a working-day limit only by the working days the pause covered', () => {
    // Received Mon 09-28, 3 working days → Thu 10-08. Paused Tue 09-29 → Fri 10-09 covers the
    // working days 09-30, 10-08, 10-09; counting resumes on the 调休 Saturday 10-10, then Mon 10-12.
    const clock = withPauses(startClock(bj('2026-09-28 09:00'), threeWorkingDays), ['2026-09-29 10:00', '2026-10-09 09:00']);
    expect(shown(dueAt(clock, official))).toBe('2026-10-12 23:59:59.999');
  });

  it('does not move a working-day deadline for a pause inside a holiday', () => {
    // Received 09-30, 1 working day → 10-08. A pause 10-02 → 10-05 covers no working day.
    const clock = withPauses(startClock(bj('2026-09-30 09:00'), { amount: 1, unit: 'workingDays' }), [
      '2026-10-02 10:00',
      '2026-10-05 10:00',
    ]);
    expect(shown(dueAt(clock, official))).toBe('2026-10-08 23:59:59.999');
  });

  it('extends an hour limit by exactly the paused time', () => {
    const clock = withPauses(startClock(bj('2026-05-01 09:00'), { amount: 48, unit: 'hours' }), ['2026-05-01 10:00', '2026-05-01 13:30']);
    expect(shown(dueAt(clock, official))).toBe('2026-05-03 12:30:00.000');
  });

  it('has no deadline while paused, so stored paused cases never match an overdue query', () => {
    const clock = withPauses(startClock(bj('2026-03-02 09:00'), legalAidDecision), ['2026-03-03 10:00']);
    expect(isPaused(clock)).toBe(true);
    expect(dueAt(clock, official)).toBeNull();
  });

  it('returns new states and leaves the old ones untouched', () => {
    const started = startClock(bj('2026-03-02 09:00'), legalAidDecision);
    const paused = pauseClock(started, bj('2026-03-03 10:00'));
    const resumed = resumeClock(paused, bj('2026-03-04 10:00'));
    expect(started.pauses).toEqual([]);
    expect(paused.pauses).toEqual([{ from: bj('2026-03-03 10:00') }]);
    expect(resumed.pauses).toEqual([{ from: bj('2026-03-03 10:00'), to: bj('2026-03-04 10:00') }]);
  });
});

describe('pause and resume errors', () => {
  const started = startClock(bj('2026-03-02 09:00'), legalAidDecision);

  it('refuses to pause a paused clock', () => {
    expectClockError(() => pauseClock(pauseClock(started, bj('2026-03-03 10:00')), bj('2026-03-03 11:00')), 'alreadyPaused');
  });

  it('refuses to resume a running clock', () => {
    expectClockError(() => resumeClock(started, bj('2026-03-03 10:00')), 'notPaused');
    expectClockError(() => resumeClock(withPauses(started, ['2026-03-03 10:00', '2026-03-04 10:00']), bj('2026-03-05 10:00')), 'notPaused');
  });

  it('refuses to resume before the pause began', () => {
    expectClockError(() => resumeClock(pauseClock(started, bj('2026-03-03 10:00')), bj('2026-03-03 09:59')), 'outOfOrder');
  });

  it('refuses a pause before receipt or before the last resume', () => {
    expectClockError(() => pauseClock(started, bj('2026-03-02 08:59')), 'outOfOrder');
    expectClockError(() => pauseClock(withPauses(started, ['2026-03-03 10:00', '2026-03-04 10:00']), bj('2026-03-04 09:00')), 'outOfOrder');
  });

  it('explains itself in Chinese for the staff member who clicked', () => {
    expect(() => resumeClock(started, bj('2026-03-03 10:00'))).toThrow('办理时限没有暂停，无需恢复计时');
  });
});

describe('clockStatus', () => {
  // Received Mon 09-28, 3 working days → due Thu 10-08 23:59:59.999.
  const clock = startClock(bj('2026-09-28 09:00'), threeWorkingDays);

  it('is running until the last working day before the deadline day begins', () => {
    expect(clockStatus(clock, bj('2026-09-29 23:59'), official)).toEqual({
      kind: 'running',
      dueAt: new Date('2026-10-08T15:59:59.999Z'),
      remainingMs: 9 * 86_400_000 + 60_000 - 1,
    });
  });

  it('is dueSoon from 09-30, the last working day before the deadline day, through the holiday', () => {
    expect(clockStatus(clock, bj('2026-09-30 00:00'), official).kind).toBe('dueSoon');
    expect(clockStatus(clock, bj('2026-10-03 12:00'), official).kind).toBe('dueSoon');
    expect(clockStatus(clock, bj('2026-10-08 23:59'), official).kind).toBe('dueSoon');
  });

  it('shows on a Friday what is due the next Monday', () => {
    const monday = startClock(bj('2026-11-16 09:00'), { amount: 5, unit: 'workingDays' }); // due Mon 11-23
    expect(clockStatus(monday, bj('2026-11-19 17:00'), official).kind).toBe('running');
    expect(clockStatus(monday, bj('2026-11-20 10:00'), official).kind).toBe('dueSoon');
  });

  it('is overdue from the first millisecond after the deadline, with negative remaining time', () => {
    const status = clockStatus(clock, bj('2026-10-09 00:00'), official);
    expect(status).toEqual({ kind: 'overdue', dueAt: new Date(bj('2026-10-09 00:00').getTime() - 1), remainingMs: -1 });
  });

  it('takes a due-soon threshold in hours', () => {
    const dueSoon: TimeLimit = { amount: 24, unit: 'hours' };
    expect(clockStatus(clock, bj('2026-10-07 23:59'), official, { dueSoon }).kind).toBe('running');
    expect(clockStatus(clock, bj('2026-10-08 00:00'), official, { dueSoon }).kind).toBe('dueSoon');
  });

  it('takes a due-soon threshold in calendar days', () => {
    const dueSoon: TimeLimit = { amount: 2, unit: 'calendarDays' };
    expect(clockStatus(clock, bj('2026-10-06 23:59'), official, { dueSoon }).kind).toBe('running');
    expect(clockStatus(clock, bj('2026-10-07 00:00'), official, { dueSoon }).kind).toBe('dueSoon');
  });

  it('reports a paused clock with the time it had left, even long after the old deadline', () => {
    const paused = pauseClock(clock, bj('2026-10-08 10:00'));
    expect(clockStatus(paused, bj('2026-10-20 10:00'), official)).toEqual({
      kind: 'paused',
      pausedAt: bj('2026-10-08 10:00'),
      remainingMs: 14 * 3_600_000 - 1,
    });
  });

  it('does not turn a working-day clock paused on its last day overdue over the weekend', () => {
    // 1 working day from Thu 03-05 → Fri 03-06. Paused Fri afternoon, checked Sunday.
    const paused = withPauses(startClock(bj('2026-03-05 09:00'), { amount: 1, unit: 'workingDays' }), ['2026-03-06 15:00']);
    expect(clockStatus(paused, bj('2026-03-08 12:00'), official).kind).toBe('paused');
    // Materials back Monday 03-09: the pause covered one working day (Monday), so the limit
    // moves by one working day and the reply is due at the end of Monday.
    const resumed = resumeClock(paused, bj('2026-03-09 09:00'));
    expect(shown(dueAt(resumed, official))).toBe('2026-03-09 23:59:59.999');
    expect(clockStatus(resumed, bj('2026-03-09 09:00'), official).kind).toBe('dueSoon');
  });

  it('keeps a case overdue when the pause only began after the deadline', () => {
    const latePause = pauseClock(clock, bj('2026-10-09 10:00'));
    expect(clockStatus(latePause, bj('2026-10-09 11:00'), official)).toEqual({
      kind: 'overdue',
      dueAt: new Date(bj('2026-10-09 00:00').getTime() - 1),
      remainingMs: -(11 * 3_600_000 + 1),
    });
  });
});

describe('a clock in 2027 with the admin-entered notice', () => {
  it('skips the entered New Year holiday', () => {
    const calendar = createWorkCalendar([
      { date: '2027-01-01', kind: 'holiday' },
      { date: '2027-01-02', kind: 'holiday' },
      { date: '2027-01-03', kind: 'holiday' },
    ]);
    // Thu 2026-12-31, 3 working days, paused Mon 01-04 → Tue 01-05 (skips 01-05): 01-04, 01-06, 01-07.
    const clock = withPauses(startClock(bj('2026-12-31 10:00'), threeWorkingDays), ['2027-01-04 10:00', '2027-01-05 16:00']);
    expect(shown(dueAt(clock, calendar))).toBe('2027-01-07 23:59:59.999');
    expect(shown(dueAt(clock, official))).toBe('2027-01-06 23:59:59.999');
  });
});

describe('clockStateSchema', () => {
  it('accepts a stored clock and rejects pauses out of order', () => {
    const stored = withPauses(startClock(bj('2026-03-02 09:00'), legalAidDecision), ['2026-03-03 10:00', '2026-03-04 10:00'], ['2026-03-05 10:00']);
    expect(clockStateSchema.safeParse(stored).success).toBe(true);
    const openInTheMiddle = { ...stored, pauses: [{ from: bj('2026-03-03 10:00') }, { from: bj('2026-03-05 10:00'), to: bj('2026-03-06 10:00') }] };
    expect(clockStateSchema.safeParse(openInTheMiddle).success).toBe(false);
    const beforeReceipt = { ...stored, pauses: [{ from: bj('2026-03-01 10:00'), to: bj('2026-03-04 10:00') }] };
    expect(clockStateSchema.safeParse(beforeReceipt).success).toBe(false);
    const endsBeforeStart = { ...stored, pauses: [{ from: bj('2026-03-04 10:00'), to: bj('2026-03-03 10:00') }] };
    expect(clockStateSchema.safeParse(endsBeforeStart).success).toBe(false);
  });
});

describe('metDeadline (按期办结)', () => {
  const clock = startClock(bj('2026-09-30 16:30'), legalAidDecision); // due 10-08, after National Day

  it('counts a matter closed on its last day as on time, and one closed a minute into the next as late', () => {
    expect(metDeadline(clock, bj('2026-10-08 23:59'), official)).toBe(true);
    expect(metDeadline(clock, bj('2026-10-09 00:01'), official)).toBe(false);
  });

  it('gives back the days the applicant took to bring missing materials', () => {
    const waited = withPauses(clock, ['2026-10-02 09:00', '2026-10-06 09:00']);
    expect(metDeadline(waited, bj('2026-10-10 10:00'), official)).toBe(true);
  });

  it('counts closing during a pause as on time, unless the 一次性告知 itself came after the deadline', () => {
    expect(metDeadline(withPauses(clock, ['2026-10-05 09:00']), bj('2026-10-20 10:00'), official)).toBe(true);
    expect(metDeadline(withPauses(clock, ['2026-10-12 09:00']), bj('2026-10-20 10:00'), official)).toBe(false);
  });
});
