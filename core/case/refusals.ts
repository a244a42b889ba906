// The three ways the machine says no, each with a stable code and a machine-readable reason,
// and the list of those reasons, so a client, a contract or docs/api.md can name every one.
import { AppError, type ErrorCode, type Refusals } from '../api/errors';
import { STATUS_LABELS } from './labels';
import type { CaseEvent, CaseState } from './types';

/** Every refusal of the case state machine: reason → the code it comes with and, in English, when. */
export const CASE_MACHINE_REFUSALS = {
  wrong_status: { code: 'INVALID_STATE', when: 'the case’s status does not allow the command' },
  already_requested: { code: 'INVALID_STATE', when: 'missing materials were already requested once (一次性告知)' },
  already_resolved: { code: 'INVALID_STATE', when: 'a withdraw after the case was resolved' },
  already_evaluated: { code: 'INVALID_STATE', when: 'a second evaluation' },
  time_order: { code: 'INVALID_STATE', when: 'the command is dated before the case’s last event: reload and retry' },
  no_outside_body: { code: 'INVALID_STATE', when: 'a refer on a category the center settles itself (no outside body decides it)' },
  already_referred: { code: 'INVALID_STATE', when: 'a second refer: the case is already with an outside body' },
  not_referred: { code: 'INVALID_STATE', when: 'an acceptance recorded before the case was referred' },
  already_accepted: { code: 'INVALID_STATE', when: 'a second acceptance by the outside body' },
  no_transfer: { code: 'INVALID_STATE', when: 'no transfer is pending to accept or decline' },
  corrupt_ledger: { code: 'INVALID_STATE', when: 'a stored event the transition table does not allow where it stands' },
  empty_ledger: { code: 'INVALID_STATE', when: 'a case with no received event' },
  not_permitted: { code: 'FORBIDDEN', when: 'the caller may not use this command on this case' },
  legal_aid_decides: { code: 'FORBIDDEN', when: 'a resolve or reject of a legal-aid case: only the legal-aid agency decides, through legalAid.act (法律援助法 Art 43)' },
  legal_aid_rated_at_closing: { code: 'INVALID_STATE', when: 'an evaluate or autoClose of a legal-aid case: the 受援人 rates the lawyer’s work at closing (legalAid.act rate), not the decision' },
  not_assignee: { code: 'FORBIDDEN', when: 'an accept by someone other than the assigned worker' },
  not_applicant: { code: 'FORBIDDEN', when: 'a withdraw or evaluate by someone other than the applicant or their 代办 (or, to evaluate, a worker)' },
  applicant_rates_in_app: { code: 'FORBIDDEN', when: 'a worker records the rating of a case whose applicant or 代办 has WeChat: they rate it themselves' },
  handler_cannot_rate: { code: 'FORBIDDEN', when: 'a worker records the rating of a case they handle or first handled (承办 or 首办)' },
  not_receiving_unit: { code: 'FORBIDDEN', when: 'a transfer answered by someone outside the receiving unit' },
  worker_channel: { code: 'FORBIDDEN', when: 'a resident registers a walk-in, hotline or agency request' },
  undeclared_proxy: { code: 'FORBIDDEN', when: 'a resident applies in someone else’s name without declaring 代办' },
  signature_by_worker: { code: 'FORBIDDEN', when: 'a receptionist signature from anyone but a worker registering the case' },
  code_category_mismatch: { code: 'VALIDATION_FAILED', when: 'the case code belongs to another category' },
  text_missing: { code: 'VALIDATION_FAILED', when: 'a required text is blank' },
  text_too_long: { code: 'VALIDATION_FAILED', when: 'a text is over its length' },
  items_missing: { code: 'VALIDATION_FAILED', when: 'a list of materials is empty' },
  too_many_items: { code: 'VALIDATION_FAILED', when: 'a list of materials has more than 50 items' },
  item_name_too_long: { code: 'VALIDATION_FAILED', when: 'a material’s name is over 100 characters' },
  material_kind: { code: 'VALIDATION_FAILED', when: 'a material record is not received, handedOver or signedFor' },
  material_count: { code: 'VALIDATION_FAILED', when: 'a material count is not a whole number from 1 to 999' },
  material_list_repeats: { code: 'VALIDATION_FAILED', when: 'a material record lists a name twice or a blank one' },
  person_missing: { code: 'VALIDATION_FAILED', when: 'an assign names nobody' },
  files_missing: { code: 'VALIDATION_FAILED', when: 'an upload step with no file' },
  too_many_files: { code: 'VALIDATION_FAILED', when: 'more files in one step than MAX_FILES' },
  not_own_upload: { code: 'VALIDATION_FAILED', when: 'a file that is not under the caller’s own upload prefix' },
  triage_unchanged: { code: 'VALIDATION_FAILED', when: 'a triage that changes nothing' },
  body_not_for_category: { code: 'VALIDATION_FAILED', when: 'a refer to an outside body that does not decide this category' },
  acceptance_date: { code: 'VALIDATION_FAILED', when: 'an acceptance dated before the referral or after today' },
  window_not_for_category: { code: 'VALIDATION_FAILED', when: 'a statutory window this category does not carry' },
  same_org: { code: 'VALIDATION_FAILED', when: 'a transfer to the unit that already has the case' },
  satisfaction_range: { code: 'VALIDATION_FAILED', when: 'a satisfaction that is not a whole number from 1 to 5' },
  not_mediation: { code: 'INVALID_STATE', when: 'a mediation outcome on a case that is not 人民调解' },
  mediation_recorded: { code: 'INVALID_STATE', when: 'a second mediation outcome' },
  agreement_missing: { code: 'VALIDATION_FAILED', when: '调解成功 without its agreement (written or oral)' },
  no_agreement: { code: 'INVALID_STATE', when: 'performance follow-up on a mediation with no agreement' },
  complained_party: { code: 'FORBIDDEN', when: 'a worker acts on a complaint about themselves (or a case they handled), whatever the command' },
  complained_party_assigned: { code: 'FORBIDDEN', when: 'an assign hands a complaint to the person it is about' },
  complained_unit: { code: 'FORBIDDEN', when: 'a transfer or triage moves a complaint to the unit it is about' },
  about_not_complaint: { code: 'VALIDATION_FAILED', when: 'an `about` on a request that is not a complaint' },
  dimension_range: { code: 'VALIDATION_FAILED', when: 'a rating dimension (attitude, speed, professionalism) outside 1 to 5' },
} as const satisfies Refusals;

export type CaseMachineReason = keyof typeof CASE_MACHINE_REFUSALS;
type ReasonOf<C extends ErrorCode> = { [R in CaseMachineReason]: (typeof CASE_MACHINE_REFUSALS)[R]['code'] extends C ? R : never }[CaseMachineReason];

/** The status does not allow it (INVALID_STATE). */
export function invalid(message: string, reason: ReasonOf<'INVALID_STATE'>): AppError {
  return new AppError('INVALID_STATE', message, { reason });
}

/** This person may not (FORBIDDEN). */
export function forbidden(message: string, reason: ReasonOf<'FORBIDDEN'>): AppError {
  return new AppError('FORBIDDEN', message, { reason });
}

/** The content is wrong; the button stays on offer (VALIDATION_FAILED). */
export function badInput(message: string, reason: ReasonOf<'VALIDATION_FAILED'>): AppError {
  return new AppError('VALIDATION_FAILED', message, { reason });
}

/** A stored event the transition table does not allow where it stands: the ledger was tampered with. */
export function corrupt(event: CaseEvent, state: CaseState | null): AppError {
  return invalid(`这件事的办理记录顺序有误（在“${state ? STATUS_LABELS[state.status] : '未受理'}”之后），请联系技术支持`, 'corrupt_ledger');
}
