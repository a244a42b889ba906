// 办结: the handler records the result; the case leaves the open statuses.
import { text } from '../input';
import { handlingDays } from '../follow-on';
import { moveTo } from '../ledger';
import type { Applier, Decider } from '../types';

export const decideResolve: Decider<'resolve'> = (_state, command, base) => ({
  ...base,
  type: 'resolved',
  visibility: 'applicant',
  data: { result: text(command.result, '办理结果', 2000) },
});

export const applyResolved: Applier<'resolved'> = (state, event) => ({
  ...state,
  status: moveTo(state, event, 'resolve', 'resolved'),
  result: event.data.result,
  closedAt: event.at,
  handlingDays: handlingDays(state.receivedAt, event.at),
});
