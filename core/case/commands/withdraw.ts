// 撤回: by the applicant side, or by the timer when materials were not supplied in time (deemed).
import { optionalText } from '../input';
import { clockOnLeaving, targetOf } from '../ledger';
import type { Applier, Decider } from '../types';

export const decideWithdraw: Decider<'withdraw'> = (_state, command, base) => {
  const deemed = base.actor.role === 'system';
  const given = optionalText(command.reason, '撤回原因');
  return { ...base, type: 'withdrawn', visibility: 'applicant', data: { deemed, reason: deemed ? (given ?? '逾期未补齐材料') : given } };
};

/** A pending transfer goes with the case: nobody is left to answer it. */
export const applyWithdrawn: Applier<'withdrawn'> = (state, event) => ({
  ...state,
  status: targetOf(state, 'withdraw', event),
  withdrawal: { deemed: event.data.deemed, reason: event.data.reason },
  clock: clockOnLeaving(state, event.at),
  transfer: null,
  closedAt: event.at,
});
