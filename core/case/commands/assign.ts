// 指派 (and 改派): name the handler, who then signs for it.
import { person } from '../input';
import { moveTo } from '../ledger';
import type { Applier, Decider } from '../types';

export const decideAssign: Decider<'assign'> = (_state, command, base) => ({
  ...base,
  type: 'assigned',
  visibility: 'applicant',
  data: { handler: person(command.handler, '承办人') },
});

/** 首办负责人 is whoever got the case first and stays so through reassignment. */
export const applyAssigned: Applier<'assigned'> = (state, event) => ({
  ...state,
  status: moveTo(state, event, 'assign', 'assigned'),
  handler: event.data.handler,
  firstHandler: state.firstHandler ?? event.data.handler,
});
