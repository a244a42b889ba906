// 退回转办: the receiving unit sends the case back, with a reason, to where the sender had it.
import { text } from '../input';
import { moveTo } from '../ledger';
import { corrupt } from '../refusals';
import type { Applier, Decider } from '../types';
import { pendingTransfer } from './transfer';

export const decideDeclineTransfer: Decider<'declineTransfer'> = (state, command, base) => {
  const transfer = pendingTransfer(state);
  return {
    ...base,
    type: 'transferDeclined',
    visibility: 'applicant',
    data: { fromOrgId: transfer.fromOrgId, toOrgId: transfer.toOrgId, reason: text(command.reason, '退回理由'), backTo: transfer.backTo },
  };
};

export const applyTransferDeclined: Applier<'transferDeclined'> = (state, event) => {
  if (!state.transfer || state.transfer.backTo !== event.data.backTo) throw corrupt(event, state);
  return {
    ...state,
    status: moveTo(state, event, 'declineTransfer', state.transfer.backTo),
    lastDecline: { byOrgId: state.transfer.toOrgId, reason: event.data.reason, at: event.at },
    transfer: null,
  };
};
