// Status and person checks, without a command's content: what decides which buttons show.
import type { AppError } from '../api/errors';
import { COMMAND_LABELS, STATUS_LABELS } from './labels';
import { forbidden, invalid } from './refusals';
import { isTerminal } from './statuses';
import { allowedFrom } from './transitions';
import { COMMAND_TYPES, type ActingActor, type Actor, type ActorRole, type CaseState, type CommandType } from './types';

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

/**
 * The applicant or their 代办 by WeChat identity; for an applicant with no WeChat at all
 * (walk-in, hotline), a worker records their word instead, and the event names that worker.
 */
export function speaksForApplicant(state: Pick<CaseState, 'applicant' | 'proxy'>, actor: Actor): boolean {
  const ids = [state.applicant.openid, state.proxy?.openid ?? null].filter((id): id is string => id !== null);
  if (ids.length === 0) return isWorkerActor(actor);
  return actor.role !== 'system' && ids.includes(actor.openid);
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
  acceptTransfer: receivingUnit,
  declineTransfer: receivingUnit,
  resolve: handlerOrLead,
  reject: workerUntilSigned,
  // 法律援助法 Art. 43: materials not supplied in time → treated as withdrawn, by the timer.
  withdraw: (state, actor) => (actor.role === 'system' ? state.status === 'awaitingMaterials' : speaksForApplicant(state, actor)),
  evaluate: speaksForApplicant,
};

function personRefusal(command: CommandType): AppError {
  switch (command) {
    case 'withdraw':
    case 'evaluate':
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
  if (command === 'withdraw' && (status === 'resolved' || status === 'evaluated')) {
    return invalid('案件已经办结，不能撤回', 'already_resolved');
  }
  const allowed = allowedFrom(command).includes(status);
  if (command === 'requestMaterials' && state.materialsRequested && allowed) {
    return invalid('缺少的材料已经一次性告知过，不能再次要求补充', 'already_requested');
  }
  if (!allowed) return invalid(`案件现在是“${STATUS_LABELS[status]}”，不能${COMMAND_LABELS[command]}`, 'wrong_status');
  return null;
}

/** Status and person checks, without the command's content: what decides which buttons show. */
export function guard(state: CaseState, command: CommandType, actor: ActingActor): AppError | null {
  return statusRefusal(state, command) ?? (WHO_MAY[command](state, actor) ? null : personRefusal(command));
}

/** The commands this person may use now: pages show exactly these buttons. */
export function availableCommands(state: CaseState, actor: ActingActor): CommandType[] {
  return COMMAND_TYPES.filter((command) => guard(state, command, actor) === null);
}
