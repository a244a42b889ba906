// 回访: a rating of 不满意 or worse gives the handling unit's supervisor one task, due in 15 working
// days; a configurable share of satisfied ratings is sampled for a third-party-style check. The
// rated handler (and 首办) never get the task nor see it, so they cannot learn who rated them.
import { refuse } from '../api/errors';
import type { WorkCalendar } from '../calendar/calendar';
import { deadlineFrom } from '../clock/limit';
import type { TimeLimit } from '../clock';
import { templateData, keywordTime, PUSH_POLICY, casePage, INBOX_PAGE, type NoticeItem, type NoticeLink } from '../notify/policy';
import { isSatisfied, needsReturnVisit, type RatingLevel } from './rating';
import { RATED_SUBJECT_LABELS, type RatedSubject, type ServedEvent } from './service-rating';

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
  /** The case rated, or the case a rated booking or question opened ('' when none). */
  caseId: string;
  /** The case's code, or how a booking or question is named (`预约服务 12月3日 09:00`). */
  caseCode: string;
  /** A rated booking or group question; absent for a case's 评价. */
  subject?: { kind: RatedSubject; id: string };
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

/** What a 回访 task is about, whatever was rated. */
export interface VisitSubject {
  /** Drawn on for the satisfied sample: the same event is sampled or not on every retry. */
  drawKey: string;
  caseId: string;
  caseCode: string;
  orgId: string;
  orgPath: string[];
  residents: string[];
  excluded: string[];
  subject?: { kind: RatedSubject; id: string };
}

/** The task a rating gives, or null (基本满意, or a satisfied rating not drawn). */
export function returnVisitOf(
  about: VisitSubject,
  rating: { satisfaction: RatingLevel; at: Date; id: string },
  calendar: WorkCalendar,
  sampleShare = DEFAULT_SAMPLE_SHARE,
): ReturnVisitTask | null {
  const kind: ReturnVisitKind | null = needsReturnVisit(rating.satisfaction)
    ? 'dissatisfied'
    : isSatisfied(rating.satisfaction) && sampleDraw(about.drawKey) < sampleShare
      ? 'sample'
      : null;
  if (!kind) return null;
  return {
    _id: `${rating.id}-rv`,
    caseId: about.caseId,
    caseCode: about.caseCode,
    ...(about.subject && { subject: about.subject }),
    orgId: about.orgId,
    // The unit itself with its ancestors: a case's own path lists only the ancestors.
    orgPath: [...new Set([...about.orgPath, about.orgId])],
    kind,
    satisfaction: rating.satisfaction,
    residents: [...new Set(about.residents)],
    excluded: [...new Set(about.excluded)],
    createdAt: rating.at,
    dueAt: deadlineFrom(rating.at, RETURN_VISIT_LIMIT, calendar),
    status: 'open',
    outcome: null,
  };
}

/** A case's 评价: the rated handler and 首办 are left out. */
export function returnVisitFor(
  rated: RatedCase,
  rating: { satisfaction: RatingLevel; at: Date; eventId: string },
  calendar: WorkCalendar,
  sampleShare = DEFAULT_SAMPLE_SHARE,
): ReturnVisitTask | null {
  const present = (xs: Array<string | null | undefined>) => xs.filter((x): x is string => !!x);
  return returnVisitOf(
    {
      drawKey: rated.caseId,
      caseId: rated.caseId,
      caseCode: rated.code,
      orgId: rated.orgId,
      orgPath: rated.orgPath,
      residents: present([rated.applicant.openid, rated.proxy?.openid]),
      excluded: present([rated.handler?.openid, rated.firstHandler?.openid]),
    },
    { satisfaction: rating.satisfaction, at: rating.at, id: rating.eventId },
    calendar,
    sampleShare,
  );
}

/** A rated booking or group question: the workers who served it are left out. */
export function serviceReturnVisit(event: ServedEvent, rating: { satisfaction: RatingLevel; at: Date; id: string }, calendar: WorkCalendar, sampleShare = DEFAULT_SAMPLE_SHARE): ReturnVisitTask | null {
  return returnVisitOf(
    {
      drawKey: rating.id,
      caseId: event.caseId ?? '',
      caseCode: event.label,
      orgId: event.orgId,
      orgPath: event.orgPath,
      residents: event.raters,
      excluded: event.servedBy,
      subject: { kind: event.kind, id: event.id },
    },
    rating,
    calendar,
    sampleShare,
  );
}

/** The name a task's subject goes by on the 回访 page: a case, 预约服务 or 群里提问. */
export function visitSubjectLabel(task: Pick<ReturnVisitTask, 'subject'>): string {
  return task.subject ? RATED_SUBJECT_LABELS[task.subject.kind] : '办事';
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

/** Where the resident's notice opens: the case, 我的预约, or the village group. */
function visitLink(task: ReturnVisitTask): NoticeLink {
  if (task.subject?.kind === 'booking') return { kind: 'booking', id: task.subject.id, page: '/pages/booking/mine/index' };
  if (task.subject?.kind === 'question') return { kind: 'case', id: task.caseId, page: task.caseId ? casePage(task.caseId) : INBOX_PAGE };
  return { kind: 'case', id: task.caseId, page: casePage(task.caseId) };
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
    link: visitLink(task),
    at,
    notBefore: at,
  }));
}
