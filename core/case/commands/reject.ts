// 不予受理: refused, with the reason and where to go instead.
import { text } from '../input';
import { clockOnLeaving, targetOf } from '../ledger';
import type { Applier, Decider } from '../types';

export const decideReject: Decider<'reject'> = (_state, command, base) => ({
  ...base,
  type: 'rejected',
  visibility: 'applicant',
  data: { reason: text(command.reason, '不予受理的理由'), referTo: text(command.referTo, '建议去处', 200) },
});

export const applyRejected: Applier<'rejected'> = (state, event) => ({
  ...state,
  status: targetOf(state, 'reject', event),
  rejection: { reason: event.data.reason, referTo: event.data.referTo },
  clock: clockOnLeaving(state, event.at),
  closedAt: event.at,
});
