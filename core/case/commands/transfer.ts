// 转办: hand the case to another unit; it stays with the sender until the receiver signs.
import { text } from '../input';
import { moveTo } from '../ledger';
import { badInput, corrupt, invalid } from '../refusals';
import { isTransferable } from '../statuses';
import type { Applier, CaseState, Decider, PendingTransfer } from '../types';

export const decideTransfer: Decider<'transfer'> = (state, command, base) => {
  const toOrgId = text(command.toOrgId, '接收单位', 40);
  if (toOrgId === state.orgId) throw badInput('不能转给本单位，请改用指派', 'same_org');
  return {
    ...base,
    type: 'transferred',
    visibility: 'applicant',
    data: { fromOrgId: state.orgId, toOrgId, reason: text(command.reason, '转办理由') },
  };
};

/** The pending transfer remembers where the case was, so a decline can put it back there. */
export const applyTransferred: Applier<'transferred'> = (state, event) => {
  const from = state.status;
  if (!isTransferable(from)) throw corrupt(event, state);
  return {
    ...state,
    status: moveTo(state, event, 'transfer', 'transferPending'),
    transfer: { fromOrgId: state.orgId, toOrgId: event.data.toOrgId, reason: event.data.reason, backTo: from, requestedAt: event.at },
  };
};

/** The transfer a receiver answers; the guard lets only its unit answer, so it is there. */
export function pendingTransfer(state: CaseState): PendingTransfer {
  if (!state.transfer) throw invalid('没有待接收的转办', 'no_transfer');
  return state.transfer;
}
