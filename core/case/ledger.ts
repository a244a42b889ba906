// What the appliers check against the transition table, so a tampered ledger cannot replay
// into a made-up state, and the clock rule they share.
import { isPaused, resumeClock, type ClockState } from '../clock';
import { corrupt } from './refusals';
import type { CaseStatus } from './statuses';
import { STAYS, TRANSITIONS } from './transitions';
import type { CaseEvent, CaseState, CommandType } from './types';

/** The status the event moves the case to, if the table has that move from where it stands. */
export function moveTo(state: CaseState, event: CaseEvent, command: CommandType, to: CaseStatus): CaseStatus {
  if (!TRANSITIONS.some((t) => t.from === state.status && t.command === command && t.to === to)) throw corrupt(event, state);
  return to;
}

/** The one status the table sends the command to from where the case stands. */
export function targetOf(state: CaseState, command: CommandType, event: CaseEvent): CaseStatus {
  const target = TRANSITIONS.find((t) => t.from === state.status && t.command === command);
  if (!target) throw corrupt(event, state);
  return target.to;
}

/** A command that keeps the status must be allowed where the case stands. */
export function stay(state: CaseState, event: CaseEvent, command: CommandType): void {
  if (!(STAYS[command] ?? []).includes(state.status)) throw corrupt(event, state);
}

/** Leaving 待补材料 by any door restarts the clock, so it is paused exactly while materials are awaited. */
export function clockOnLeaving(state: CaseState, at: Date): ClockState {
  return isPaused(state.clock) ? resumeClock(state.clock, at) : state.clock;
}
