// 催办 by the applicant side, 督办 by a lead.
import { isWorkerActor } from '../guard';
import { stay } from '../ledger';
import type { Applier, Decider } from '../types';

// A supervisor's 督办 is internal pressure; the applicant's 催办 is theirs to see.
export const decideRemind: Decider<'remind'> = (_state, _command, base) => ({
  ...base,
  type: 'reminded',
  visibility: isWorkerActor(base.actor) ? 'internal' : 'applicant',
  data: {},
});

export const applyReminded: Applier<'reminded'> = (state, event) => {
  stay(state, event, 'remind');
  return state;
};
