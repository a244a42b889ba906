// The resident's own statutory windows (申请期限): how long they have to apply for review, for
// arbitration, to sue. Nobody's performance is judged by them; they make a request urgent.
import type { WorkCalendar } from '../calendar/calendar';
import { lastInstantOf, nextWorkingDayFrom } from './limit';
import { addDays, dayStart, isDayKey, type DayKey } from './shanghai';

/** Periods in law are days, months or years (民法典 Art. 200). */
export type PeriodUnit = 'days' | 'months' | 'years';

export interface StatutoryPeriod {
  amount: number;
  unit: PeriodUnit;
}

/**
 * 法律援助法 Art. 44(1): a deadline fewer than seven days away (距法定时效或者期限届满不足七日) is
 * urgent enough for legal aid to come first and the paperwork after; the center flags a request
 * the same way, from the start of the seventh day before the last one.
 */
export const URGENT_WITHIN_DAYS = 7;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The corresponding day `months` later, or that month's last day when it has none (民法典 Art. 202). */
function addMonths(day: DayKey, months: number): DayKey {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const date = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/**
 * The last day of a period that began on `from` (the day the act was known, an award received …),
 * as 民法典 Arts. 201–203 count it: the first day is not counted; months and years end on the
 * corresponding day (or the month's last); a last day that is a rest day moves to the next
 * working day, as the case clock's calendar days do.
 */
export function periodLastDay(from: DayKey, period: StatutoryPeriod, calendar: WorkCalendar): DayKey {
  if (!isDayKey(from)) throw new RangeError(`Not a 'YYYY-MM-DD' day: ${from}`);
  if (!Number.isInteger(period.amount) || period.amount < 1) throw new RangeError(`Invalid period: ${period.amount} ${period.unit}`);
  const nominal =
    period.unit === 'days' ? addDays(from, period.amount) : addMonths(from, period.unit === 'months' ? period.amount : period.amount * 12);
  return nextWorkingDayFrom(calendar, nominal);
}

/** Where a resident's window stands: its last day and instant, and from when it is urgent. */
export interface WindowDates {
  lastDay: DayKey;
  /** The last instant: 24:00, or the office's close of business when filed in person (民法典 Art. 203). */
  endsAt: Date;
  /** From the start of the seventh day before the last day (URGENT_WITHIN_DAYS). */
  urgentFrom: Date;
}

export function windowDates(from: DayKey, period: StatutoryPeriod, calendar: WorkCalendar, closesAt?: string): WindowDates {
  const lastDay = periodLastDay(from, period, calendar);
  return { lastDay, endsAt: lastInstantOf(lastDay, closesAt), urgentFrom: dayStart(addDays(lastDay, -URGENT_WITHIN_DAYS)) };
}

export type WindowState = 'open' | 'urgent' | 'closed';

/** Whether the window is still comfortably open, closing soon, or already closed at `now`. */
export function windowState(dates: Pick<WindowDates, 'endsAt' | 'urgentFrom'>, now: Date): WindowState {
  const t = now.getTime();
  if (t > new Date(dates.endsAt).getTime()) return 'closed';
  return t >= new Date(dates.urgentFrom).getTime() ? 'urgent' : 'open';
}
