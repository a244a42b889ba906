import { createWorkCalendar } from '../calendar';
import { DEFAULT_MAX_BACKDATE_DAYS, monthClosesAfter, visitTimeRefusal } from './visit-time';

const calendar = createWorkCalendar();
/** A Beijing wall-clock time as an instant. */
const bj = (local: string) => new Date(`${local}+08:00`);
const reasonOf = (visit: string, now: string, maxDays?: number) => visitTimeRefusal(bj(visit), bj(now), calendar, maxDays)?.details?.reason ?? null;

describe('visit time of a registered case', () => {
  it('accepts a visit from now back to the limit, in this month', () => {
    expect(reasonOf('2026-11-23T09:00:00', '2026-11-23T10:00:00')).toBeNull();
    expect(reasonOf('2026-11-01T00:00:00', '2026-11-30T23:59:00')).toBeNull();
  });

  it('refuses a visit in the future, allowing a minute of clock skew', () => {
    expect(reasonOf('2026-11-23T10:00:59', '2026-11-23T10:00:00')).toBeNull();
    expect(reasonOf('2026-11-23T10:01:01', '2026-11-23T10:00:00')).toBe('visit_in_future');
  });

  it('refuses a visit more Beijing days back than the limit, counting whole days', () => {
    expect(DEFAULT_MAX_BACKDATE_DAYS).toBe(30);
    // 30 days back, at its first minute: allowed; the day before: not.
    expect(reasonOf('2026-12-01T00:00:00', '2026-12-31T23:00:00')).toBeNull();
    expect(reasonOf('2026-11-30T23:59:00', '2026-12-31T00:30:00')).toBe('visit_too_old');
    expect(reasonOf('1970-01-01T08:00:00', '2026-11-23T10:00:00')).toBe('visit_too_old');
  });

  it('takes the limit the deployment sets', () => {
    expect(reasonOf('2026-11-20T10:00:00', '2026-11-23T10:00:00', 3)).toBeNull();
    expect(reasonOf('2026-11-19T10:00:00', '2026-11-23T10:00:00', 3)).toBe('visit_too_old');
    expect(visitTimeRefusal(bj('2026-11-19T10:00:00'), bj('2026-11-23T10:00:00'), calendar, 3)?.details).toMatchObject({ maxBackdateDays: 3 });
  });

  it('keeps last month open until the end of this month’s 5th working day, then closes it', () => {
    // December 2026 starts on a Tuesday: Dec 1, 2, 3, 4 and 7 are its first five working days.
    expect(monthClosesAfter('2026-11-20', calendar)).toBe('2026-12-07');
    expect(reasonOf('2026-11-20T15:00:00', '2026-12-07T23:59:00')).toBeNull();
    expect(reasonOf('2026-11-20T15:00:00', '2026-12-08T00:00:00')).toBe('period_closed');
    // A weekend after the 5th working day does not reopen it.
    expect(reasonOf('2026-11-30T15:00:00', '2026-12-12T09:00:00')).toBe('period_closed');
    expect(visitTimeRefusal(bj('2026-11-30T15:00:00'), bj('2026-12-12T09:00:00'), calendar)?.details).toMatchObject({ closedAfter: '2026-12-07' });
  });

  it('counts working days on the official calendar: the National Day holiday and its make-up Saturday', () => {
    // Oct 1–7 2026 are holidays, Saturday Oct 10 is worked: Oct 8, 9, 10, 12, 13.
    expect(monthClosesAfter('2026-09-15', calendar)).toBe('2026-10-13');
    expect(reasonOf('2026-09-30T16:00:00', '2026-10-13T17:00:00')).toBeNull();
    expect(reasonOf('2026-09-30T16:00:00', '2026-10-14T08:00:00')).toBe('period_closed');
    expect(monthClosesAfter('2026-12-31', calendar)).toBe('2027-01-07');
  });

  it('always refuses the month before last, even within the day limit', () => {
    // Jan 30 is 30 days before Mar 1, but January closed on Feb 6.
    expect(reasonOf('2026-01-30T10:00:00', '2026-03-01T10:00:00', 60)).toBe('period_closed');
  });

  it('refuses with VALIDATION_FAILED: the receptionist corrects the date', () => {
    expect(visitTimeRefusal(bj('2026-11-20T15:00:00'), bj('2026-12-08T10:00:00'), calendar)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
