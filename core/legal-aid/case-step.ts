// What the case (one code, one 台账 row) records of its legal-aid record: the post's decision as
// its 办结, so the center's 7-day clock (Art 43) stops there; a withdrawal as its withdrawal. The
// lawyer's work after a grant is followed on the legal-aid record, not on the case.
import type { CaseCommand } from '../case/types';
import type { AidCommand } from './machine';
import type { AidState } from './state';

/**
 * The steps after which the case may have something to record: the decision (grant, refuse), a
 * withdrawal (the applicant's, or deemed when materials are late), and dispatch, which records a
 * decision whose first recording was lost.
 */
const RECORDED_AFTER: ReadonlySet<AidCommand['type']> = new Set(['grant', 'refuse', 'withdraw', 'expireMaterials', 'dispatch']);

/** The case command that mirrors the legal-aid record after `step`, or null when there is none. */
export function caseStepFor(state: Pick<AidState, 'status' | 'decision'>, step: AidCommand['type']): CaseCommand | null {
  if (!RECORDED_AFTER.has(step)) return null;
  if (state.status === 'withdrawn') {
    return { type: 'withdraw', reason: step === 'withdraw' ? '申请人撤回法律援助申请' : '逾期未补齐材料，法律援助申请视为撤回' };
  }
  if (!state.decision) return null;
  return {
    type: 'recordAidDecision',
    granted: state.decision.granted,
    result: state.decision.granted ? '决定给予法律援助，由法律援助机构指派律师承办，承办进展见"法律援助"。' : `决定不予法律援助：${state.decision.reasons}`,
  };
}
