// Every refusal of the legal-aid flow: reason → code and, in English, when.
import { refuser, type Refusals } from '../api/errors';

export const LEGAL_AID_REFUSALS = {
  wrong_status: { code: 'INVALID_STATE', when: 'the application’s status does not allow the step' },
  time_order: { code: 'INVALID_STATE', when: 'the step is dated before the last one: reload and retry' },
  already_requested: { code: 'INVALID_STATE', when: 'this stage already sent its one 一次性告知 of missing materials' },
  materials_not_due: { code: 'INVALID_STATE', when: 'withdrawal for missing materials before their deadline has passed' },
  objection_exists: { code: 'INVALID_STATE', when: 'a second objection to the same decision' },
  no_objection: { code: 'INVALID_STATE', when: 'deciding an objection nobody filed, or one already decided' },
  no_verification: { code: 'INVALID_STATE', when: 'a verification result where no verification task is pending' },
  already_visited: { code: 'INVALID_STATE', when: 'a second 回访 of a closed case' },
  already_rated: { code: 'INVALID_STATE', when: 'a second rating of the lawyer’s work by the 受援人' },
  not_aid_post: { code: 'FORBIDDEN', when: 'a decision (grant, refuse, dispatch, terminate, verify, check the data sources) by someone not on the legal-aid post' },
  not_bureau: { code: 'FORBIDDEN', when: 'an objection decided by someone not at the 司法局' },
  not_station: { code: 'FORBIDDEN', when: '初审 steps by someone who is not staff of the receiving station' },
  not_applicant: { code: 'FORBIDDEN', when: 'an applicant’s step (object, withdraw, ask for another lawyer, rate the lawyer’s work) by someone else' },
  not_lawyer: { code: 'FORBIDDEN', when: 'a progress report or closing by someone other than the assigned lawyer or the legal-aid post' },
  promise_barred: { code: 'FORBIDDEN', when: 'the promise route for someone an earlier false promise was found against (Art 64)' },
  reasons_required: { code: 'VALIDATION_FAILED', when: 'a refusal, termination or objection decision without written reasons' },
  items_missing: { code: 'VALIDATION_FAILED', when: 'a materials request listing nothing' },
  lawyer_missing: { code: 'VALIDATION_FAILED', when: 'a dispatch or change naming no lawyer' },
  report_missing: { code: 'VALIDATION_FAILED', when: 'a progress report or closing without its text' },
  not_covered: { code: 'VALIDATION_FAILED', when: 'a matter outside the covered list, for an applicant the limit is not lifted for' },
  route_unproven: { code: 'VALIDATION_FAILED', when: 'a route the answers do not support (no Art 32 ground, no Art 42 exemption, or no household for the promise)' },
  guardian_required: { code: 'VALIDATION_FAILED', when: 'a child under 14 (by the ID number) applying without a guardian named as applying for them, with the relation' },
  signature_missing: { code: 'VALIDATION_FAILED', when: 'a promise without the hand signature or fingerprint with the helper named' },
} as const satisfies Refusals;

export type LegalAidReason = keyof typeof LEGAL_AID_REFUSALS;

export const aidRefusal = refuser(LEGAL_AID_REFUSALS);

export function aidRefusalsOf(...reasons: LegalAidReason[]): Refusals {
  return Object.fromEntries(reasons.map((r) => [r, LEGAL_AID_REFUSALS[r]]));
}
