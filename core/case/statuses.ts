// The statuses a case passes through, and the sets of them the rest of the code asks about.

export const CASE_STATUSES = [
  'received',
  'assigned',
  'accepted',
  'inProgress',
  'awaitingMaterials',
  'transferPending',
  'resolved',
  'evaluated',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses where the matter is still being worked on and the clock counts. */
export const OPEN_STATUSES = [
  'received',
  'assigned',
  'accepted',
  'inProgress',
  'awaitingMaterials',
  'transferPending',
] as const satisfies readonly CaseStatus[];

/** Nothing more happens to the matter itself; only workers' notes (e.g. 回访) may follow. */
export const TERMINAL_STATUSES = ['evaluated', 'closed', 'rejected', 'withdrawn'] as const satisfies readonly CaseStatus[];

/** 办结 (resolved, then rated or closed unrated): the outcome the office's 办结率 counts. */
export const RESOLVED_STATUSES = ['resolved', 'evaluated', 'closed'] as const satisfies readonly CaseStatus[];

/** Where a case may be transferred from, and so where a declined transfer returns it. */
export const TRANSFERABLE = ['received', 'assigned', 'accepted', 'inProgress'] as const satisfies readonly CaseStatus[];
export type TransferableStatus = (typeof TRANSFERABLE)[number];

export function isOpen(status: CaseStatus): boolean {
  return (OPEN_STATUSES as readonly CaseStatus[]).includes(status);
}

export function isTerminal(status: CaseStatus): boolean {
  return (TERMINAL_STATUSES as readonly CaseStatus[]).includes(status);
}

export function isTransferable(status: CaseStatus): status is TransferableStatus {
  return (TRANSFERABLE as readonly CaseStatus[]).includes(status);
}
