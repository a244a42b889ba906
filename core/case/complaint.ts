// 投诉: whom a complaint is about, and the rule that the complained party never handles it. The
// function resolves `about` (a case, a person, a unit) to the people and unit concerned and routes
// the complaint to the unit above them; core then refuses, under every command, anything that
// would put it in the hands of a complained person or back with a complained unit.
import { forbidden } from './refusals';
import type { AppError } from '../api/errors';
import type { ActingActor, CaseCommand, CaseState, CommandType } from './types';

export type ComplaintAboutKind = 'case' | 'person' | 'unit';

/** What a complaint concerns, as resolved by the function from the resident's choice. */
export interface ComplaintAbout {
  kind: ComplaintAboutKind;
  /** The case complained about (kind 'case'). */
  caseId: string | null;
  /** The person or unit named, for the ledger and the answer. */
  label: string;
  /** Openids who must never handle it: the person, or the case's handler and 首办. */
  parties: string[];
  /** The unit complained about (kind 'unit'), which the complaint may never be moved to; else null. */
  unitId: string | null;
}

/** Commands the applicant side uses: the complained party's exclusion concerns the workers' side only. */
const APPLICANT_SIDE: readonly CommandType[] = ['withdraw', 'evaluate', 'supplyMaterials'];

/** The complained person may not act on the complaint as a worker, whatever the command. */
export function complainedPartyRefusal(state: CaseState, command: CommandType, actor: ActingActor): AppError | null {
  const about = state.complaint;
  if (!about || APPLICANT_SIDE.includes(command)) return null;
  if (about.parties.includes(actor.openid)) return forbidden('投诉涉及您本人，由上级负责人处理', 'complained_party');
  return null;
}

/** A command that would hand the complaint to a complained person or unit. */
export function complaintPayloadRefusal(state: CaseState, command: CaseCommand): AppError | null {
  const about = state.complaint;
  if (!about) return null;
  if (command.type === 'assign' && about.parties.includes(command.handler.openid)) return forbidden('不能交给被投诉的人办理', 'complained_party_assigned');
  const toUnit = command.type === 'transfer' ? command.toOrgId : command.type === 'triage' ? command.orgId : null;
  if (toUnit && about.unitId === toUnit) return forbidden('不能转给被投诉的单位办理', 'complained_unit');
  return null;
}

/** A complaint about the caller: kept out of their queues and their reach. */
export function isComplainedParty(c: { complaint?: ComplaintAbout | null }, openid: string): boolean {
  return !!c.complaint?.parties.includes(openid);
}

/** 投诉办法 as every 公示栏 publishes it (seed 002 §二(十)2): where to complain, who answers, how soon. */
export function complaintProcedure(limit: { amount: number; unit: string }): string {
  const days = `${limit.amount}个${limit.unit === 'workingDays' ? '工作日' : '日'}`;
  return `对工作人员、单位或办理结果不满意，可以在“我要办事”选“投诉建议”，写明投诉哪个人、哪个单位或哪件事。投诉交给被投诉人的上级负责人处理，被投诉的人看不到也不能经手，${days}内答复，答复后请您评价。对法律援助不满意的，可以向县司法局投诉。也可以拨打上面的监督电话。`;
}
