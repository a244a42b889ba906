// The transition table: the guard, the appliers and the drawing in docs/case-states.md all read it.
import { CASE_STATUSES, OPEN_STATUSES, TRANSFERABLE, type CaseStatus } from './statuses';
import type { CommandType } from './types';

export interface Transition {
  from: CaseStatus;
  command: CommandType;
  to: CaseStatus;
}

const moves = (from: readonly CaseStatus[], command: CommandType, to: CaseStatus): Transition[] =>
  from.map((f) => ({ from: f, command, to }));

/**
 * Every status change. Reassigning (改派) goes back to 已指派 so the new handler signs for it;
 * a declined transfer returns to wherever the sender had it, hence one row per origin.
 * No reassigning or transferring while materials are awaited: the clock is paused on the
 * applicant's side, and moving the case would hide who owes the applicant an answer.
 */
export const TRANSITIONS: readonly Transition[] = [
  ...moves(['received', 'assigned', 'accepted', 'inProgress'], 'assign', 'assigned'),
  ...moves(['received', 'assigned'], 'accept', 'accepted'),
  ...moves(['accepted'], 'start', 'inProgress'),
  ...moves(['accepted', 'inProgress'], 'requestMaterials', 'awaitingMaterials'),
  ...moves(['awaitingMaterials'], 'supplyMaterials', 'inProgress'),
  ...moves(TRANSFERABLE, 'transfer', 'transferPending'),
  ...moves(['transferPending'], 'acceptTransfer', 'accepted'),
  ...TRANSFERABLE.map((to) => ({ from: 'transferPending' as const, command: 'declineTransfer' as const, to })),
  ...moves(['accepted', 'inProgress'], 'resolve', 'resolved'),
  ...moves(['received', 'assigned', 'accepted', 'inProgress', 'awaitingMaterials'], 'reject', 'rejected'),
  ...moves(OPEN_STATUSES, 'withdraw', 'withdrawn'),
  ...moves(['resolved'], 'evaluate', 'evaluated'),
  ...moves(['resolved'], 'autoClose', 'closed'),
  ...moves(OPEN_STATUSES, 'recordAidDecision', 'resolved'),
];

/** Commands that record something without moving the case, and where they are allowed. */
export const STAYS: Partial<Record<CommandType, readonly CaseStatus[]>> = {
  triage: ['received', 'assigned'],
  addNote: CASE_STATUSES,
  remind: OPEN_STATUSES,
  recordMaterials: OPEN_STATUSES,
  addFiles: OPEN_STATUSES,
  // Once the handler has signed for it: referring is handling, and the receipt is theirs to keep.
  refer: ['accepted', 'inProgress'],
  recordAcceptance: ['accepted', 'inProgress'],
  // 人民调解: the outcome before 办结; the agreement's performance followed up after (Art 31).
  recordMediation: ['accepted', 'inProgress'],
  recordPerformance: ['resolved', 'evaluated', 'closed'],
};

/** Where a command may be used at all, by the table; who may use it is `guard`'s question. */
export function allowedFrom(command: CommandType): CaseStatus[] {
  return [...(STAYS[command] ?? []), ...TRANSITIONS.filter((t) => t.command === command).map((t) => t.from)];
}
