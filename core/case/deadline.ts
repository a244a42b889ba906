// The fields the `cases` document stores beside the state, for indexed queues and statistics.
import { dueAt, metDeadline } from '../clock';
import type { WorkCalendar } from '../calendar';
import { isOpen, RESOLVED_STATUSES, type CaseStatus } from './statuses';
import type { CaseState } from './types';

/**
 * The deadline to store as `cases.dueAt`: null once the case has left the open statuses or
 * while materials are awaited, so "dueAt < now" finds exactly the overdue open cases.
 */
export function caseDueAt(state: CaseState, calendar: WorkCalendar): Date | null {
  return isOpen(state.status) ? dueAt(state.clock, calendar) : null;
}

/**
 * Whether a resolved case met its time limit, stored as `cases.closedInTime` so the statistics
 * board counts 按期办结 with one aggregate instead of replaying each clock; null until resolved
 * (and for 不予受理/撤回, which no time limit judges).
 */
export function closedInTime(state: CaseState, calendar: WorkCalendar): boolean | null {
  const resolved = (RESOLVED_STATUSES as readonly CaseStatus[]).includes(state.status);
  return resolved && state.closedAt ? metDeadline(state.clock, state.closedAt, calendar) : null;
}

/** The fields the `cases` document stores beside the state, for indexed queues and statistics. */
export function queryFields(state: CaseState, calendar: WorkCalendar): { dueAt: Date | null; closedInTime: boolean | null } {
  return { dueAt: caseDueAt(state, calendar), closedInTime: closedInTime(state, calendar) };
}
