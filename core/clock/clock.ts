import * as z from 'zod/mini';
import { AppError } from '../api/errors';
import { workingDaysAfter, type WorkCalendar } from '../calendar/calendar';
import { HOUR_MS, assertTimeLimit, deadlineFrom, nthWorkingDayAfter, nthWorkingDayBefore, timeLimitSchema, type TimeLimit } from './limit';
import { addDays, dayEnd, daysBetween, shanghaiDay } from './shanghai';

/** A stretch while the clock waited on the applicant (一次性告知 → materials back); open while `to` is absent. */
export interface ClockPause {
  from: Date;
  to?: Date;
}

/**
 * The time-limit clock of a case, as stored on the case document. Plain data: every change
 * returns a new state, so the timeline can be replayed and a write can be retried idempotently.
 */
export interface ClockState {
  startedAt: Date;
  limit: TimeLimit;
  pauses: ClockPause[];
}

export type ClockStatus =
  | { kind: 'running' | 'dueSoon' | 'overdue'; dueAt: Date; /** negative once overdue */ remainingMs: number }
  | { kind: 'paused'; pausedAt: Date; /** what was left when the pause began */ remainingMs: number };

export interface ClockStatusOptions {
  /** How long before the deadline a case is flagged 即将到期. */
  dueSoon?: TimeLimit;
}

/**
 * Two working days: flagged from the start of the last working day before the deadline day, so
 * staff see on Friday what is due Monday, and on 09-30 what is due after the National Day week.
 */
export const DEFAULT_DUE_SOON: TimeLimit = { amount: 2, unit: 'workingDays' };

export const clockStateSchema = z
  .object({
    startedAt: z.date(),
    limit: timeLimitSchema,
    pauses: z.array(z.object({ from: z.date(), to: z.optional(z.date()) })),
  })
  .check(z.refine(pausesInOrder, { message: '暂停记录的时间顺序有误' }));

type ClosedPause = Required<ClockPause>;

function clockError(reason: 'alreadyPaused' | 'notPaused' | 'outOfOrder', message: string): AppError {
  return new AppError('INVALID_STATE', message, { reason });
}

/** Pauses must follow the start and each other, and only the last may be open. */
function pausesInOrder(state: ClockState): boolean {
  let earliest = state.startedAt.getTime();
  return state.pauses.every(({ from, to }, index) => {
    if (from.getTime() < earliest) return false;
    if (to === undefined) return index === state.pauses.length - 1;
    earliest = to.getTime();
    return to.getTime() >= from.getTime();
  });
}

function lastPause(state: ClockState): ClockPause | undefined {
  return state.pauses[state.pauses.length - 1];
}

function openPause(state: ClockState): ClockPause | undefined {
  const last = lastPause(state);
  return last && last.to === undefined ? last : undefined;
}

export function isPaused(state: ClockState): boolean {
  return openPause(state) !== undefined;
}

export function startClock(startedAt: Date, limit: TimeLimit): ClockState {
  if (Number.isNaN(startedAt.getTime())) throw new RangeError('Invalid Date');
  assertTimeLimit(limit);
  return { startedAt, limit, pauses: [] };
}

/** Stops the clock, e.g. when the 一次性告知 of missing materials goes out. */
export function pauseClock(state: ClockState, at: Date): ClockState {
  if (isPaused(state)) throw clockError('alreadyPaused', '办理时限已经暂停，不能重复暂停');
  const lastEnd = lastPause(state)?.to ?? state.startedAt;
  if (at.getTime() < lastEnd.getTime()) throw clockError('outOfOrder', '暂停时间不能早于受理或上次恢复计时的时间');
  return { ...state, pauses: [...state.pauses, { from: at }] };
}

/** Restarts the clock, e.g. when the missing materials arrive. */
export function resumeClock(state: ClockState, at: Date): ClockState {
  const open = openPause(state);
  if (!open) throw clockError('notPaused', '办理时限没有暂停，无需恢复计时');
  if (at.getTime() < open.from.getTime()) throw clockError('outOfOrder', '恢复计时的时间不能早于暂停时间');
  return { ...state, pauses: [...state.pauses.slice(0, -1), { from: open.from, to: at }] };
}

/**
 * How pauses move the deadline, in the limit's own unit so that day limits stay whole days:
 * - hours: later by the paused duration, to the millisecond.
 * - days: later by the days each pause covered, counted the way the limit counts — from the day
 *   after it began through the day it ended (all of them for calendar days, the working days
 *   among them for working days). The day a pause begins was already counted, as the day of
 *   receipt is not; the day it ends is given back whole, as if the complete materials had been
 *   received that day. So a pause within one day costs nothing and the hour never matters.
 */
function deadlineAfter(state: ClockState, pauses: readonly ClosedPause[], calendar: WorkCalendar): Date {
  const { startedAt, limit } = state;
  if (limit.unit === 'hours') {
    const pausedMs = pauses.reduce((sum, { from, to }) => sum + (to.getTime() - from.getTime()), 0);
    return new Date(deadlineFrom(startedAt, limit, calendar).getTime() + pausedMs);
  }
  const skippedDays = pauses.reduce((sum, { from, to }) => {
    const [first, last] = [shanghaiDay(from), shanghaiDay(to)];
    return sum + (limit.unit === 'calendarDays' ? daysBetween(first, last) : workingDaysAfter(calendar, first, last));
  }, 0);
  return deadlineFrom(startedAt, { ...limit, amount: limit.amount + skippedDays }, calendar);
}

function closedPauses(state: ClockState): ClosedPause[] {
  return state.pauses.flatMap(({ from, to }) => (to === undefined ? [] : [{ from, to }]));
}

/**
 * The deadline staff see, or null while paused: it depends on when the clock resumes, and a
 * stored null keeps paused cases out of "dueAt < now" overdue queries.
 */
export function dueAt(state: ClockState, calendar: WorkCalendar): Date | null {
  return isPaused(state) ? null : deadlineAfter(state, closedPauses(state), calendar);
}

/** The last instant that still counts as running; never after the deadline. */
function dueSoonFrom(due: Date, threshold: TimeLimit, calendar: WorkCalendar): Date {
  assertTimeLimit(threshold);
  const dueDay = shanghaiDay(due);
  const from =
    threshold.unit === 'hours'
      ? new Date(due.getTime() - threshold.amount * HOUR_MS)
      : dayEnd(
          threshold.unit === 'calendarDays'
            ? addDays(dueDay, -threshold.amount)
            : nthWorkingDayBefore(calendar, dueDay, threshold.amount),
        );
  return from.getTime() < due.getTime() ? from : due;
}

/**
 * The deadlines that are 即将到期 at `now`, as a closed range: a running clock is dueSoon exactly
 * when its deadline falls inside it. Lets a queue count due-soon cases with one indexed query on
 * the stored deadline instead of listing and judging each (clock.property.test.ts checks the two agree).
 */
export function dueSoonWindow(now: Date, calendar: WorkCalendar, threshold: TimeLimit = DEFAULT_DUE_SOON): { from: Date; until: Date } {
  assertTimeLimit(threshold);
  const today = shanghaiDay(now);
  // A deadline day D is flagged once the day `threshold` before it has ended, i.e. while fewer
  // than `threshold` days (or working days) lie between today and D.
  const until =
    threshold.amount === 0
      ? new Date(now.getTime() - 1) // a zero threshold flags nothing: the deadline itself is the alarm
      : threshold.unit === 'hours'
      ? new Date(now.getTime() + threshold.amount * HOUR_MS - 1)
      : threshold.unit === 'calendarDays'
        ? dayEnd(addDays(today, threshold.amount - 1))
        : dayEnd(nthWorkingDayAfter(calendar, addDays(today, -1), threshold.amount));
  return { from: now, until };
}

/**
 * Where the case stands at `now`. A paused case reports 'paused' with the time it had left, unless
 * the pause began after the deadline: a late 一次性告知 does not excuse an overdue case.
 */
export function clockStatus(
  state: ClockState,
  now: Date,
  calendar: WorkCalendar,
  options: ClockStatusOptions = {},
): ClockStatus {
  const open = openPause(state);
  if (open) {
    const dueWhenPaused = deadlineAfter(state, closedPauses(state), calendar);
    if (open.from.getTime() > dueWhenPaused.getTime()) {
      return { kind: 'overdue', dueAt: dueWhenPaused, remainingMs: dueWhenPaused.getTime() - now.getTime() };
    }
    return { kind: 'paused', pausedAt: open.from, remainingMs: dueWhenPaused.getTime() - open.from.getTime() };
  }
  const due = deadlineAfter(state, closedPauses(state), calendar);
  const remainingMs = due.getTime() - now.getTime();
  if (remainingMs < 0) return { kind: 'overdue', dueAt: due, remainingMs };
  const soon = dueSoonFrom(due, options.dueSoon ?? DEFAULT_DUE_SOON, calendar);
  return { kind: now.getTime() > soon.getTime() ? 'dueSoon' : 'running', dueAt: due, remainingMs };
}

/**
 * Whether a matter closed at `at` met its time limit (按期办结), judged as the clock judged it
 * then: closing during a pause is on time unless the pause itself began after the deadline.
 */
export function metDeadline(state: ClockState, at: Date, calendar: WorkCalendar): boolean {
  return clockStatus(state, at, calendar).kind !== 'overdue';
}
