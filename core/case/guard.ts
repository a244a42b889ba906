// Status and person checks, without a command's content: what decides which buttons show.
import type { AppError } from '../api/errors';
import { CATEGORY_INFO } from './categories';
import { COMMAND_LABELS, STATUS_LABELS } from './labels';
import { forbidden, invalid } from './refusals';
import { isTerminal } from './statuses';
import { allowedFrom } from './transitions';
import { complainedPartyRefusal } from './complaint';
import { COMMAND_TYPES, type ActingActor, type Actor, type ActorRole, type CaseState, type CommandType, type EvaluationEntry } from './types';

const WORKER_ROLES: readonly ActorRole[] = ['advisor', 'staff', 'supervisor', 'admin'];
const LEAD_ROLES: readonly ActorRole[] = ['supervisor', 'admin'];

export function isWorkerActor(actor: Actor): boolean {
  return WORKER_ROLES.includes(actor.role);
}

function isLead(actor: Actor): boolean {
  return LEAD_ROLES.includes(actor.role);
}

function isHandler(state: CaseState, actor: Actor): boolean {
  return state.handler !== null && state.handler.openid === actor.openid;
}

/** The WeChat identities of the applicant side: the applicant's and the 代办's, where they have one. */
function applicantIds(state: Pick<CaseState, 'applicant' | 'proxy'>): string[] {
  return [state.applicant.openid, state.proxy?.openid ?? null].filter((id): id is string => id !== null);
}

/**
 * The applicant or their 代办 by WeChat identity; for an applicant with no WeChat at all
 * (walk-in, hotline), a worker records their word instead, and the event names that worker.
 */
export function speaksForApplicant(state: Pick<CaseState, 'applicant' | 'proxy'>, actor: Actor): boolean {
  const ids = applicantIds(state);
  if (ids.length === 0) return isWorkerActor(actor);
  return actor.role !== 'system' && ids.includes(actor.openid);
}

/** Whether a rating by this person is the applicant side's own, or one a worker records for them. */
export function evaluationEntry(state: Pick<CaseState, 'applicant' | 'proxy'>, actor: Actor): EvaluationEntry {
  return actor.role !== 'system' && applicantIds(state).includes(actor.openid) ? 'applicant' : 'worker';
}

/**
 * 评价 is the applicant side's own, in the app. A worker may record the rating of an applicant
 * with no WeChat (they gave it at the window or on the phone), but never on a case they handled
 * (承办 or 首办): nobody grades their own work, and 满意率 is reported to the 司法局.
 */
function evaluateRefusal(state: CaseState, actor: Actor): AppError | null {
  if (evaluationEntry(state, actor) === 'applicant') return null;
  if (!isWorkerActor(actor)) return forbidden(`只有申请人本人或代办人可以${COMMAND_LABELS.evaluate}`, 'not_applicant');
  if (applicantIds(state).length > 0) return forbidden('申请人可以在小程序里自己评价，工作人员不能代录', 'applicant_rates_in_app');
  if (isHandler(state, actor) || state.firstHandler?.openid === actor.openid) {
    return forbidden('您办理了这件事，不能代录它的评价，请由其他工作人员回访登记', 'handler_cannot_rate');
  }
  return null;
}

type Permission = (state: CaseState, actor: ActingActor) => boolean;

const worker: Permission = (_state, actor) => isWorkerActor(actor);
const handlerOrLead: Permission = (state, actor) => isHandler(state, actor) || isLead(actor);
const workerOrApplicantSide: Permission = (state, actor) => isWorkerActor(actor) || speaksForApplicant(state, actor);
/** Before anyone has signed for the case any worker may; after, its handler or a lead. */
const workerUntilSigned: Permission = (state, actor) =>
  state.status === 'received' || state.status === 'assigned' ? isWorkerActor(actor) : handlerOrLead(state, actor);
const receivingUnit: Permission = (state, actor) =>
  isWorkerActor(actor) && state.transfer !== null && (actor.role === 'admin' || actor.orgIds.includes(state.transfer.toOrgId));

/** Who may use each command, the status permitting. */
export const WHO_MAY: Record<CommandType, Permission> = {
  triage: worker,
  assign: worker,
  // At reception anyone on duty may take the case on the spot; once assigned only that person signs.
  accept: (state, actor) => (state.status === 'received' ? isWorkerActor(actor) : isHandler(state, actor)),
  start: handlerOrLead,
  addNote: (state, actor) => isWorkerActor(actor) || (!isTerminal(state.status) && speaksForApplicant(state, actor)),
  remind: (state, actor) => isLead(actor) || (!isWorkerActor(actor) && speaksForApplicant(state, actor)),
  recordMaterials: worker,
  requestMaterials: handlerOrLead,
  supplyMaterials: workerOrApplicantSide,
  addFiles: workerOrApplicantSide,
  transfer: workerUntilSigned,
  refer: handlerOrLead,
  recordAcceptance: handlerOrLead,
  acceptTransfer: receivingUnit,
  declineTransfer: receivingUnit,
  resolve: handlerOrLead,
  reject: workerUntilSigned,
  // 法律援助法 Art. 43: materials not supplied in time → treated as withdrawn, by the timer.
  // A legal-aid application deemed withdrawn in its own steps (core/legal-aid) is withdrawn on the case too.
  withdraw: (state, actor) =>
    actor.role === 'system' ? state.status === 'awaitingMaterials' || state.category === 'legalAid' : speaksForApplicant(state, actor),
  evaluate: (state, actor) => evaluateRefusal(state, actor) === null,
  // Nobody closes a case unrated by hand: only the timer, once the rating period has passed.
  autoClose: (_state, actor) => actor.role === 'system',
  // Only the legal-aid flow, after the post decided there (Art 43).
  recordAidDecision: (state, actor) => actor.role === 'system' && state.category === 'legalAid',
  // The mediator handling it records the outcome and follows up on the agreement.
  recordMediation: (state, actor) => state.category === 'mediation' && handlerOrLead(state, actor),
  recordPerformance: (state, actor) => state.mediation?.outcome === 'success' && handlerOrLead(state, actor),
};

function personRefusal(state: CaseState, command: CommandType, actor: ActingActor): AppError {
  switch (command) {
    case 'evaluate':
      return evaluateRefusal(state, actor) ?? forbidden(`您不能对这个案件${COMMAND_LABELS[command]}`, 'not_permitted');
    case 'withdraw':
      return forbidden(`只有申请人本人或代办人可以${COMMAND_LABELS[command]}`, 'not_applicant');
    case 'accept':
      return forbidden('只有被指派的工作人员本人可以签收', 'not_assignee');
    case 'acceptTransfer':
    case 'declineTransfer':
      return forbidden('只有接收单位的工作人员可以接收或退回转办', 'not_receiving_unit');
    default:
      return forbidden(`您不能对这个案件${COMMAND_LABELS[command]}`, 'not_permitted');
  }
}

function statusRefusal(state: CaseState, command: CommandType): AppError | null {
  const { status } = state;
  if (command === 'evaluate' && status === 'evaluated') return invalid('已经评价过了，每个案件只评价一次', 'already_evaluated');
  if (command === 'recordMediation' && state.mediation) return invalid('调解结果已经登记过了', 'mediation_recorded');
  if (command === 'withdraw' && (status === 'resolved' || status === 'evaluated')) {
    return invalid('案件已经办结，不能撤回', 'already_resolved');
  }
  const allowed = allowedFrom(command).includes(status);
  if (command === 'requestMaterials' && state.materialsRequested && allowed) {
    return invalid('缺少的材料已经一次性告知过，不能再次要求补充', 'already_requested');
  }
  if (allowed && command === 'refer') {
    if (CATEGORY_INFO[state.category].bodies.length === 0) return invalid(`${CATEGORY_INFO[state.category].label}由中心自己办理，不需要转交`, 'no_outside_body');
    if (state.referral) return invalid('已经转交受理机构了', 'already_referred');
  }
  if (allowed && command === 'recordAcceptance') {
    if (!state.referral) return invalid('还没有转交受理机构', 'not_referred');
    if (state.referral.acceptedOn !== null) return invalid('已经登记过受理日期了', 'already_accepted');
  }
  if (!allowed) return invalid(`案件现在是“${STATUS_LABELS[status]}”，不能${COMMAND_LABELS[command]}`, 'wrong_status');
  return null;
}

/**
 * 法律援助法 Art 43 gives the decision to the legal-aid agency: a legal-aid case is granted,
 * refused and closed through its own steps (core/legal-aid), never 办结 or 不予受理 by whoever holds the case.
 * Its 办结 is that decision, so there is nothing of the case's own to rate: the 受援人 rates the
 * lawyer's work at closing (core/legal-aid `rate`), and 评价率 counts it there. Hence no 评价 on
 * the case and no closing it as unrated when nobody rated the decision.
 */
function legalAidRefusal(state: CaseState, command: CommandType): AppError | null {
  if (state.category !== 'legalAid') return null;
  if (command === 'resolve' || command === 'reject') return forbidden('法律援助由法律援助机构审查决定，请在法律援助审查中办理', 'legal_aid_decides');
  if (command === 'evaluate' || command === 'autoClose') return invalid('法律援助在律师办结后评价律师的办案工作，请在法律援助里评价', 'legal_aid_rated_at_closing');
  return null;
}

/** Status and person checks, without the command's content: what decides which buttons show. */
export function guard(state: CaseState, command: CommandType, actor: ActingActor): AppError | null {
  return (
    legalAidRefusal(state, command) ??
    // Before the status: the complained party is told the same whatever the case's state.
    complainedPartyRefusal(state, command, actor) ??
    statusRefusal(state, command) ??
    (WHO_MAY[command](state, actor) ? null : personRefusal(state, command, actor))
  );
}

/** The commands this person may use now: pages show exactly these buttons. */
export function availableCommands(state: CaseState, actor: ActingActor): CommandType[] {
  return COMMAND_TYPES.filter((command) => guard(state, command, actor) === null);
}
