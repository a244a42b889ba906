/**
 * timer: the one function that acts because time passed (cloudfunctions/timer). It has no actions
 * anyone may call, only its trigger; its rules are the deadlines' owners' (core/notify for
 * delivery, quiet hours and the materials deadline, core/clock for due-soon), and core/notify/schedule.ts holds the periods it scans by.
 */
import type { Contracts } from '../api/action';

export const timerContracts = {} satisfies Contracts;
