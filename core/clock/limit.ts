import * as z from 'zod/mini';
import type { WorkCalendar } from '../calendar/calendar';
import { addDays, dayEnd, dayStart, shanghaiDay, type DayKey } from './shanghai';

/**
 * A time limit (限时办结) as the law or the county's rules state it, e.g. legal aid decision
 * { amount: 7, unit: 'calendarDays' } (法律援助法 Art. 43). The table per category lives with the
 * categories; this module only computes.
 */
export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
  /**
   * 'HH:mm' Beijing time: for a day limit kept at an office, the last day ends when the office
   * closes rather than at 24:00 (民法典 Art. 203: 有业务时间的，停止业务活动的时间为截止时间).
   * Absent for every limit that ends at midnight, which is most of them.
   */
  closesAt?: string;
}

export type TimeUnit = 'calendarDays' | 'workingDays' | 'hours';

export const HOUR_MS = 3_600_000;

const CLOSING_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Day limits count whole days; hour limits may be fractional (e.g. 0.5 h for a call-back). */
export const timeLimitSchema = z.union([
  z.object({
    amount: z.int().check(z.nonnegative()),
    unit: z.enum(['calendarDays', 'workingDays']),
    closesAt: z.optional(z.string().check(z.regex(CLOSING_TIME))),
  }),
  z.object({ amount: z.number().check(z.nonnegative()), unit: z.literal('hours') }),
]);

export function assertTimeLimit(limit: TimeLimit): void {
  const valid =
    limit.unit === 'hours'
      ? Number.isFinite(limit.amount) && limit.amount >= 0
      : Number.isInteger(limit.amount) && limit.amount >= 0 && (limit.closesAt === undefined || CLOSING_TIME.test(limit.closesAt));
  if (limit.unit === 'hours' && limit.closesAt !== undefined) throw new RangeError('An hour limit has no closing time');
  if (!valid) throw new RangeError(`Invalid time limit: ${limit.amount} ${limit.unit}`);
}

/**
 * When a limit started at `start` runs out, Beijing time.
 *
 * Day limits follow how Chinese law counts periods (民法典 Arts. 201, 203): 开始的当日不计入，
 * 自下一日开始计算 — the day of receipt is not counted, so N days end on the Nth day after it;
 * the last day ends at 24:00 (23:59:59.999), so anything done that day is in time.
 * - calendarDays: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日 — a last
 *   day that is not a working day moves to the next working day. Ordinary weekends count as rest
 *   days here (the older 民法通则 Art. 154 said 星期日或者其他法定休假日 outright), while a 调休
 *   working Saturday or Sunday does not move.
 * - workingDays: the Nth working day after the day of receipt; 0 means the first working day
 *   on or after it (a same-day limit received on a holiday is due on the next working day).
 * - hours: exactly N hours later, around the clock, for urgent matters where days are too coarse.
 */
export function deadlineFrom(start: Date, limit: TimeLimit, calendar: WorkCalendar): Date {
  assertTimeLimit(limit);
  switch (limit.unit) {
    case 'hours':
      return new Date(start.getTime() + limit.amount * HOUR_MS);
    case 'calendarDays':
      return lastInstantOf(nextWorkingDayFrom(calendar, addDays(shanghaiDay(start), limit.amount)), limit.closesAt);
    case 'workingDays':
      return lastInstantOf(nthWorkingDayAfter(calendar, shanghaiDay(start), limit.amount), limit.closesAt);
  }
}

/**
 * The last instant of a period's last day: 24:00 (23:59:59.999), or the office's close of
 * business 'HH:mm' where the period is kept at an office (民法典 Art. 203, second paragraph).
 */
export function lastInstantOf(day: DayKey, closesAt?: string): Date {
  if (closesAt === undefined) return dayEnd(day);
  if (!CLOSING_TIME.test(closesAt)) throw new RangeError(`Not an 'HH:mm' closing time: ${closesAt}`);
  const [hours, minutes] = closesAt.split(':').map(Number) as [number, number];
  return new Date(dayStart(day).getTime() + (hours * 60 + minutes) * 60_000 - 1);
}

/** The day itself if it is a working day, else the next one. */
export function nextWorkingDayFrom(calendar: WorkCalendar, day: DayKey): DayKey {
  let current = day;
  while (!calendar.isWorkingDay(current)) current = addDays(current, 1);
  return current;
}

/** The nth working day after `day` (n > 0), or the first on or after it (n = 0). */
export function nthWorkingDayAfter(calendar: WorkCalendar, day: DayKey, n: number): DayKey {
  if (n === 0) return nextWorkingDayFrom(calendar, day);
  let current = day;
  for (let counted = 0; counted < n; counted += 1) current = nextWorkingDayFrom(calendar, addDays(current, 1));
  return current;
}

/** The nth working day before `day` (n > 0), or `day` itself (n = 0). */
export function nthWorkingDayBefore(calendar: WorkCalendar, day: DayKey, n: number): DayKey {
  let current = day;
  for (let counted = 0; counted < n; counted += 1) {
    do current = addDays(current, -1);
    while (!calendar.isWorkingDay(current));
  }
  return current;
}
