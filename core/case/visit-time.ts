// 来访时间: how far back staff may date a visit they register, so no case lands in a month already reported.
import { refuser, type AppError, type Refusals } from '../api/errors';
import type { WorkCalendar } from '../calendar';
import { addDays, daysBetween, shanghaiDay, type DayKey } from '../clock';
import { nthWorkingDayAfter } from '../clock/limit';

/** A PC's or phone's clock may run a little ahead of ours: a visit "now" on it is not in the future. */
export const VISIT_CLOCK_SKEW_MS = 60_000;
/**
 * How many days back a visit may be dated unless the deployment says otherwise: enough to enter a
 * month of a paper register kept while the system was down, not to rewrite older history.
 */
export const DEFAULT_MAX_BACKDATE_DAYS = 30;
/**
 * A month's figures are reported once it is closed: the end of the 5th working day of the next
 * month. Until then a visit may still be dated into last month (the register caught up after a
 * holiday); from then on only into this month, so a closed month's figures never change.
 */
export const CLOSING_WORKING_DAYS = 5;

export const VISIT_TIME_REFUSALS = {
  visit_in_future: { code: 'VALIDATION_FAILED', when: 'visitedAt is later than now (a minute’s clock skew allowed)' },
  visit_too_old: {
    code: 'VALIDATION_FAILED',
    when: `visitedAt is more Beijing days back than the deployment allows (REGISTER_MAX_BACKDATE_DAYS, default ${DEFAULT_MAX_BACKDATE_DAYS})`,
  },
  period_closed: {
    code: 'VALIDATION_FAILED',
    when: `visitedAt falls in a month already closed: any month before last, or last month after this month’s ${CLOSING_WORKING_DAYS}th working day`,
  },
} as const satisfies Refusals;

const refusal = refuser(VISIT_TIME_REFUSALS);

/** The last Beijing day on which a visit may still be dated into the month of `day`. */
export function monthClosesAfter(day: DayKey, calendar: WorkCalendar): DayKey {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return nthWorkingDayAfter(calendar, addDays(nextMonth, -1), CLOSING_WORKING_DAYS);
}

/**
 * Why a visit may not be registered as happening at `visitedAt`, or null: not in the future, not
 * more than `maxBackdateDays` Beijing days back, and not into a closed month (see CLOSING_WORKING_DAYS).
 */
export function visitTimeRefusal(visitedAt: Date, now: Date, calendar: WorkCalendar, maxBackdateDays = DEFAULT_MAX_BACKDATE_DAYS): AppError | null {
  if (visitedAt.getTime() > now.getTime() + VISIT_CLOCK_SKEW_MS) return refusal('visit_in_future', '来访时间不能晚于现在');
  const visitDay = shanghaiDay(visitedAt);
  const today = shanghaiDay(now);
  if (daysBetween(visitDay, today) > maxBackdateDays) return refusal('visit_too_old', `来访时间不能早于${maxBackdateDays}天前`, { maxBackdateDays });
  const closesAfter = monthClosesAfter(visitDay, calendar);
  if (today > closesAfter) return refusal('period_closed', '那个月的统计已经上报，不能再登记到那个月', { closedAfter: closesAfter });
  return null;
}
