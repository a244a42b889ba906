// 接收转办: the receiving unit signs for the case, and it becomes theirs.
import { moveTo } from '../ledger';
import { corrupt } from '../refusals';
import type { Applier, Decider } from '../types';
import { pendingTransfer } from './transfer';

export const decideAcceptTransfer: Decider<'acceptTransfer'> = (state, _command, base) => {
  const transfer = pendingTransfer(state);
  return {
    ...base,
    type: 'transferAccepted',
    visibility: 'applicant',
    data: { fromOrgId: transfer.fromOrgId, toOrgId: transfer.toOrgId, handler: { openid: base.actor.openid, name: base.actor.name } },
  };
};

export const applyTransferAccepted: Applier<'transferAccepted'> = (state, event) => {
  if (!state.transfer) throw corrupt(event, state);
  return {
    ...state,
    status: moveTo(state, event, 'acceptTransfer', 'accepted'),
    orgId: state.transfer.toOrgId,
    handler: event.data.handler,
    firstHandler: state.firstHandler ?? event.data.handler,
    transfer: null,
  };
};
