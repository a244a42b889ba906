// 回访: a rating of 不满意 or worse gives the handling unit's supervisor one task, due in 15 working
// days; a configurable share of satisfied ratings is sampled for a third-party-style check. The
// rated handler (and 首办) never get the task nor see it, so they cannot learn who rated them.
import { refuse } from '../api/errors';
import type { WorkCalendar } from '../calendar/calendar';
import { deadlineFrom } from '../clock/limit';
import type { TimeLimit } from '../clock';
import { templateData, keywordTime, PUSH_POLICY, casePage, type NoticeItem } from '../notify/policy';
import { isSatisfied, needsReturnVisit, type RatingLevel } from './rating';

/** 回访 of a 差评 is due within this many working days of the rating. */
export const RETURN_VISIT_LIMIT: TimeLimit = { amount: 15, unit: 'workingDays' };

/** The share of satisfied ratings sampled for a return visit, unless the county sets another. */
export const DEFAULT_SAMPLE_SHARE = 0.1;

export type ReturnVisitKind = 'dissatisfied' | 'sample';
export const RETURN_VISIT_KIND_LABELS: Record<ReturnVisitKind, string> = { dissatisfied: '差评回访', sample: '抽样回访' };

export interface ReturnVisitOutcome {
  /** Reached the resident (by phone or in person); false records a failed attempt that still closes it. */
  reached: boolean;
  /** What was said and done. */
  text: string;
  /** 差评整改: the cause was put right (only asked of a 差评). */
  rectified: boolean | null;
  at: Date;
  by: { openid: string; name: string };
}

/** The `return_visits` document. */
export interface ReturnVisitTask {
  _id: string;
  caseId: string;
  caseCode: string;
  /** The handling unit and its ancestors: a supervisor of any of them may do the visit. */
  orgId: string;
  orgPath: string[];
  kind: ReturnVisitKind;
  satisfaction: RatingLevel;
  /** The residents to tell of the outcome (applicant, 代办); null openids left out. */
  residents: string[];
  /** The rated handler and 首办: never given the task, whatever their role. */
  excluded: string[];
  createdAt: Date;
  dueAt: Date;
  status: 'open' | 'done';
  outcome: ReturnVisitOutcome | null;
}

export interface RatedCase {
  caseId: string;
  code: string;
  orgId: string;
  orgPath: string[];
  handler: { openid: string } | null;
  firstHandler: { openid: string } | null;
  applicant: { openid: string | null };
  proxy: { openid: string | null } | null;
}

/** A stable draw in [0, 1) from the case id: the same case is sampled or not on every retry. */
export function sampleDraw(caseId: string): number {
  let h = 2166136261;
  for (let i = 0; i < caseId.length; i++) {
    h ^= caseId.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967296;
}

/** The task a rating gives, or null (基本满意, or a satisfied rating not drawn). */
export function returnVisitFor(
  rated: RatedCase,
  rating: { satisfaction: RatingLevel; at: Date; eventId: string },
  calendar: WorkCalendar,
  sampleShare = DEFAULT_SAMPLE_SHARE,
): ReturnVisitTask | null {
  const kind: ReturnVisitKind | null = needsReturnVisit(rating.satisfaction)
    ? 'dissatisfied'
    : isSatisfied(rating.satisfaction) && sampleDraw(rated.caseId) < sampleShare
      ? 'sample'
      : null;
  if (!kind) return null;
  return {
    _id: `${rating.eventId}-rv`,
    caseId: rated.caseId,
    caseCode: rated.code,
    orgId: rated.orgId,
    // The unit itself with its ancestors: the case's own path lists only the ancestors.
    orgPath: [...new Set([...rated.orgPath, rated.orgId])],
    kind,
    satisfaction: rating.satisfaction,
    residents: [...new Set([rated.applicant.openid, rated.proxy?.openid].filter((x): x is string => !!x))],
    excluded: [...new Set([rated.handler?.openid, rated.firstHandler?.openid].filter((x): x is string => !!x))],
    createdAt: rating.at,
    dueAt: deadlineFrom(rating.at, RETURN_VISIT_LIMIT, calendar),
    status: 'open',
    outcome: null,
  };
}

export interface Visitor {
  openid: string;
  name: string;
  /** Units the person is a supervisor (or admin) of. */
  supervisorOf: string[];
  admin: boolean;
}

/** May this person see and do this task? Supervisors above the unit, never the rated party. */
export function mayVisit(task: Pick<ReturnVisitTask, 'orgPath' | 'excluded'>, who: Visitor): boolean {
  if (task.excluded.includes(who.openid)) return false;
  return who.admin || who.supervisorOf.some((u) => task.orgPath.includes(u));
}

export const RETURN_VISIT_REFUSALS = {
  return_visit_not_found: { code: 'NOT_FOUND', when: 'no return visit with this id, or one the caller may not see (the rated handler among them)' },
  already_recorded: { code: 'INVALID_STATE', when: 'the return visit already has its outcome' },
  rectified_for_sample: { code: 'VALIDATION_FAILED', when: '整改 recorded on a sampled (satisfied) return visit' },
} as const;

export function recordOutcome(
  task: ReturnVisitTask,
  input: { reached: boolean; text: string; rectified?: boolean },
  who: Visitor,
  at: Date,
): ReturnVisitTask {
  if (!mayVisit(task, who)) throw refuse('NOT_FOUND', 'return_visit_not_found', '没有找到这条回访');
  if (task.status === 'done') throw refuse('INVALID_STATE', 'already_recorded', '这条回访已经记录过了');
  if (task.kind === 'sample' && input.rectified !== undefined) throw refuse('VALIDATION_FAILED', 'rectified_for_sample', '抽样回访不需要填写整改');
  return {
    ...task,
    status: 'done',
    outcome: { reached: input.reached, text: input.text.trim(), rectified: task.kind === 'dissatisfied' ? (input.rectified ?? false) : null, at, by: { openid: who.openid, name: who.name } },
  };
}

/** The resident hears that the visit was made (inbox only, a case step): never who handled or rated. */
export function returnVisitNotices(task: ReturnVisitTask): NoticeItem[] {
  if (!task.outcome || !task.outcome.reached) return [];
  const at = task.outcome.at;
  const tip = task.kind === 'dissatisfied' ? (task.outcome.rectified ? '回访已完成，问题已整改' : '回访已完成，感谢您的意见') : '回访已完成，感谢您的支持';
  const rule = PUSH_POLICY['case.step'];
  return task.residents.map((openid) => ({
    key: `${task._id}:done:${openid}`,
    to: { openid },
    event: 'case.step',
    push: rule.push,
    urgent: rule.urgent,
    template: rule.template,
    data: templateData(rule.template, { character_string1: task.caseCode, thing2: '满意度回访', phrase3: rule.phrase, time4: keywordTime(at), thing5: tip }),
    title: '回访已完成',
    body: `${task.caseCode} ${tip}`,
    link: { kind: 'case', id: task.caseId, page: casePage(task.caseId) },
    at,
    notBefore: at,
  }));
}
