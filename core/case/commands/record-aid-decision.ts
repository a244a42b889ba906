// 法律援助决定: the legal-aid post decides in its own steps (core/legal-aid, 法律援助法 Art 43);
// the case (one code, one ledger row) records that decision as its 办结, through the system
// actor only, so the center's 7-day clock stops at the decision and 台账/统计 show the outcome.
// The lawyer's work after a grant is followed on the legal-aid record, not on the case.
import { text } from '../input';
import { handlingDays } from '../follow-on';
import { moveTo } from '../ledger';
import type { Applier, Decider } from '../types';

export const decideRecordAidDecision: Decider<'recordAidDecision'> = (_state, command, base) => ({
  ...base,
  type: 'aidDecided',
  visibility: 'applicant',
  data: { granted: command.granted, result: text(command.result, '决定内容', 2000) },
});

export const applyAidDecided: Applier<'aidDecided'> = (state, event) => ({
  ...state,
  status: moveTo(state, event, 'recordAidDecision', 'resolved'),
  result: event.data.result,
  closedAt: event.at,
  handlingDays: handlingDays(state.receivedAt, event.at),
});
