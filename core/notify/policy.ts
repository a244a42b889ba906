/**
 * The push policy: which events reach a person's phone (a subscribe message) and which only their
 * 消息 inbox. Every notice is written to the inbox; `push` says whether a send is also attempted
 * (and then only with a consent). A resident hears of every step the applicant may see; a push is
 * spent only on the steps that change what they must do or know: received, 待补材料 with the list,
 * the new unit taking a transfer, the outcome, the office's booking changes, reminders and the
 * rating invitation. Internal steps (分流, 指派, 签收, notes) stay in the inbox. Workers are pushed
 * what waits for them: a new assignment, a transfer to sign for, a deadline near or passed.
 */
import { formatShanghai } from '../clock';
import { CATEGORY_INFO } from '../case/categories';
import { referralStepText } from '../case/deadline';
import { applicantTimeline } from '../case/views';
import type { CaseEvent, CaseState } from '../case/types';
import type { GrantRole } from '../identity/grants';
import { fitKeyword } from './keywords';
import { templateOf, type TemplateName } from './templates';

export const NOTICE_EVENTS = [
  'case.received',
  'case.materialsRequested',
  'case.transferAccepted',
  'case.referred',
  'case.outsideAccepted',
  'case.resolved',
  'case.rejected',
  'case.deemedWithdrawn',
  'case.autoClosed',
  'case.step',
  'aid.granted',
  'aid.refused',
  'aid.dispatched',
  'aid.terminated',
  'aid.objectionDecided',
  'booking.confirmed',
  'booking.changed',
  'booking.cancelled',
  'booking.dayBefore',
  'booking.hourBefore',
  'survey.invite',
  'work.assigned',
  'work.transferWaiting',
  'work.dueSoon',
  'work.overdue',
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export interface NoticeRule {
  /** A subscribe message is attempted (with a consent); otherwise the inbox alone. */
  push: boolean;
  /** Sent at once even in quiet hours (22:00–08:00 Beijing); everything else waits for 08:00. */
  urgent: boolean;
  template: TemplateName;
  /** The event's name in the template's phrase keyword, ≤ 5 汉字. */
  phrase: string;
}

export const PUSH_POLICY: Record<NoticeEvent, NoticeRule> = {
  'case.received': { push: true, urgent: false, template: 'caseProgress', phrase: '已受理' },
  'case.materialsRequested': { push: true, urgent: false, template: 'caseProgress', phrase: '待补材料' },
  'case.transferAccepted': { push: true, urgent: false, template: 'caseProgress', phrase: '已转办' },
  // Gone to an outside body (公证处, 仲裁委 …): who has it now and that body's own period.
  'case.referred': { push: true, urgent: false, template: 'caseProgress', phrase: '已转交' },
  // That body accepted it: its statutory period starts now, and the resident is told until when.
  'case.outsideAccepted': { push: true, urgent: false, template: 'caseProgress', phrase: '机构已受理' },
  'case.resolved': { push: true, urgent: false, template: 'caseProgress', phrase: '已办结' },
  'case.rejected': { push: true, urgent: false, template: 'caseProgress', phrase: '不予受理' },
  'case.deemedWithdrawn': { push: true, urgent: false, template: 'caseProgress', phrase: '视为撤回' },
  // Closed unrated after the rating period: the 办结 was pushed already; this is for the record.
  'case.autoClosed': { push: false, urgent: false, template: 'caseProgress', phrase: '已结案' },
  'case.step': { push: false, urgent: false, template: 'caseProgress', phrase: '有新进展' },
  // Legal aid (L1): the agency's decisions reach the applicant's phone, each under its own name; the
  // materials notice and the deemed withdrawal use the case's own events above.
  'aid.granted': { push: true, urgent: false, template: 'caseProgress', phrase: '给予援助' },
  'aid.refused': { push: true, urgent: false, template: 'caseProgress', phrase: '不予援助' },
  'aid.dispatched': { push: true, urgent: false, template: 'caseProgress', phrase: '已指派律师' },
  'aid.terminated': { push: true, urgent: false, template: 'caseProgress', phrase: '终止援助' },
  // The 司法局's answer to an objection: its own 5-day clock ends, and the next route opens.
  'aid.objectionDecided': { push: true, urgent: false, template: 'caseProgress', phrase: '异议已审查' },
  'booking.confirmed': { push: true, urgent: false, template: 'bookingReminder', phrase: '已确认' },
  'booking.changed': { push: true, urgent: false, template: 'bookingReminder', phrase: '已改期' },
  // The office called it off: the resident must hear before setting out, whatever the hour.
  'booking.cancelled': { push: true, urgent: true, template: 'bookingReminder', phrase: '已取消' },
  'booking.dayBefore': { push: true, urgent: false, template: 'bookingReminder', phrase: '明天办理' },
  // An 08:30 appointment's reminder falls at 07:30: held to 08:00 it would come too late.
  'booking.hourBefore': { push: true, urgent: true, template: 'bookingReminder', phrase: '即将开始' },
  'survey.invite': { push: true, urgent: false, template: 'surveyInvite', phrase: '待评价' },
  'work.assigned': { push: true, urgent: false, template: 'workNotice', phrase: '新指派' },
  'work.transferWaiting': { push: true, urgent: false, template: 'workNotice', phrase: '待接收' },
  'work.dueSoon': { push: true, urgent: false, template: 'workNotice', phrase: '即将到期' },
  'work.overdue': { push: true, urgent: false, template: 'workNotice', phrase: '已超期' },
};

/** What a notice opens in the app. */
export interface NoticeLink {
  kind: 'case' | 'booking';
  id: string;
  /** The mini-program page with its query: the message card and the inbox entry open it. */
  page: string;
}

/**
 * A person or a unit's workers to tell. A unit's notice (a transfer waiting to be signed for, an
 * overdue case for its supervisors) is fanned out to its active members holding those roles when
 * it is delivered. `nearest`: `orgIds` run from the unit up to the county, and only the people of the
 * first unit that has any are told (the unit's own supervisor, else the one above).
 */
export type Recipient = { openid: string } | { orgIds: string[]; roles: GrantRole[]; nearest?: boolean };

/** One notice as core decides it; cloudfunctions/_runtime/outbox.ts writes it as it is. */
export interface NoticeItem {
  /** Dedupe key: the inbox entry's and the outbox item's _id. The same event gives the same key. */
  key: string;
  to: Recipient;
  event: NoticeEvent;
  push: boolean;
  urgent: boolean;
  template: TemplateName;
  /** Template data, every value already cut to its keyword's rule. */
  data: Record<string, string>;
  title: string;
  body: string;
  link: NoticeLink;
  /** When it happened (the inbox's order). */
  at: Date;
  /** Not delivered before this (reminders); quiet hours may move it later. */
  notBefore: Date;
}

/** A time keyword's value: "2026年12月1日 15:01" in Beijing time, whatever the process's zone. */
export function keywordTime(at: Date): string {
  return formatShanghai(at, 'YYYY年M月D日 HH:mm');
}

export const casePage = (caseId: string) => `/pages/case/detail/index?caseId=${encodeURIComponent(caseId)}`;
export const INBOX_PAGE = '/pages/notify/inbox/index';

/** Fits each value to its template keyword's rule; a keyword the template lacks is a bug here. */
export function templateData(template: TemplateName, values: Record<string, string>): Record<string, string> {
  const decl = templateOf(template);
  const out: Record<string, string> = {};
  for (const [key, type] of Object.entries(decl.keywords)) {
    const value = values[key];
    if (value === undefined) throw new Error(`template ${template} needs ${key}`);
    out[key] = fitKeyword(type, value);
  }
  return out;
}

function notice(event: NoticeEvent, parts: Omit<NoticeItem, 'event' | 'push' | 'urgent' | 'template' | 'data' | 'notBefore'> & { values: Record<string, string>; notBefore?: Date }): NoticeItem {
  const rule = PUSH_POLICY[event];
  const { values, notBefore, ...rest } = parts;
  return { ...rest, event, push: rule.push, urgent: rule.urgent, template: rule.template, data: templateData(rule.template, values), notBefore: notBefore ?? parts.at };
}

const matter = (state: Pick<CaseState, 'category' | 'summary'>) => `${CATEGORY_INFO[state.category].label}：${state.summary}`;

/** The applicant side's WeChat users: the applicant and their 代办, each told once. */
function applicantSide(state: CaseState): string[] {
  return [...new Set([state.applicant.openid, state.proxy?.openid].filter((x): x is string => !!x))];
}

/** Materials are deemed withdrawn after this many days without them (this county's commitment; 法律援助法 Art. 43 sets no number). */
export const MATERIALS_DEADLINE_DAYS = 15;
export const MATERIALS_DEADLINE_MS = MATERIALS_DEADLINE_DAYS * 86_400_000;

function residentEvent(event: CaseEvent): { event: NoticeEvent; tip: string } | null {
  if (event.visibility !== 'applicant') return null;
  switch (event.type) {
    case 'received':
      return { event: 'case.received', tip: '有进展会再通知您' };
    case 'materialsRequested':
      return { event: 'case.materialsRequested', tip: `请于${formatShanghai(new Date(event.at.getTime() + MATERIALS_DEADLINE_MS), 'M月D日')}前补齐：${event.data.items.join('、')}` };
    case 'transferAccepted':
      return { event: 'case.transferAccepted', tip: '新的承办单位已接手' };
    case 'resolved':
      return { event: 'case.resolved', tip: event.data.result };
    case 'rejected':
      return { event: 'case.rejected', tip: `可到${event.data.referTo}办理` };
    case 'withdrawn':
      return event.data.deemed ? { event: 'case.deemedWithdrawn', tip: '逾期未补齐材料，可重新申请' } : { event: 'case.step', tip: '申请已撤回' };
    case 'autoClosed':
      return { event: 'case.autoClosed', tip: `办结后${event.data.days}天内没有评价，已结案` };
    case 'referred':
      return { event: 'case.referred', tip: referralStepText(event) ?? '已转交受理机构' };
    case 'outsideAccepted':
      return { event: 'case.outsideAccepted', tip: referralStepText(event) ?? '受理机构已受理' };
    default: {
      // The step as the applicant's timeline names it (已分流, 工作人员已签收 …), with the office's remark.
      const title = applicantTimeline([event])[0]?.title ?? '有新进展';
      return { event: 'case.step', tip: referralStepText(event) ?? (event.note ? `${title}：${event.note}` : title) };
    }
  }
}

const INBOX_TITLES: Partial<Record<NoticeEvent, string>> = {
  'case.received': '申请已受理',
  'case.materialsRequested': '需要补交材料',
  'case.transferAccepted': '已转到新的单位办理',
  'case.referred': '已转交受理机构',
  'case.outsideAccepted': '受理机构已受理',
  'case.resolved': '已办结，请评价',
  'case.rejected': '不予受理',
  'case.deemedWithdrawn': '逾期未补材料，视为撤回',
  'case.autoClosed': '评价期已过，已结案',
  'case.step': '办理有新进展',
  'work.assigned': '有新的工单指派给您',
  'work.transferWaiting': '有转办等待接收',
  'work.dueSoon': '工单即将到期',
  'work.overdue': '工单已超期',
  'survey.invite': '请为这次服务评价',
};

/**
 * The notices one committed case step gives: the applicant side hears of every step it may see
 * (pushed or inbox only by PUSH_POLICY), never of its own (a withdrawal they made, a rating they
 * gave) except the confirmation of their own request; workers hear of work put before them.
 * `seq` is the event's place in the case's ledger, so replaying the step gives the same keys.
 */
export function caseNotices(caseId: string, state: CaseState, steps: ReadonlyArray<{ event: CaseEvent; seq: number }>): NoticeItem[] {
  const out: NoticeItem[] = [];
  const link: NoticeLink = { kind: 'case', id: caseId, page: casePage(caseId) };
  for (const { event, seq } of steps) {
    // A legal-aid case's system steps mirror its legal-aid record, whose own step told the applicant.
    const mirrored = state.category === 'legalAid' && event.actor.role === 'system';
    const resident = mirrored ? null : residentEvent(event);
    if (resident && event.type !== 'evaluated') {
      for (const openid of applicantSide(state)) {
        if (openid === event.actor.openid && event.type !== 'received') continue;
        out.push(
          notice(resident.event, {
            key: `case:${caseId}:${seq}:${openid}`,
            to: { openid },
            title: INBOX_TITLES[resident.event] ?? '办理有新进展',
            body: `${state.code} ${resident.tip}`,
            link,
            at: event.at,
            values: { character_string1: state.code, thing2: matter(state), phrase3: PUSH_POLICY[resident.event].phrase, time4: keywordTime(event.at), thing5: resident.tip },
          }),
        );
      }
    }
    const work = workEvent(event, state);
    if (work && !('openid' in work.to && work.to.openid === event.actor.openid)) {
      out.push(workNotice(work.event, caseId, state, work.to, `case:${caseId}:${seq}:work`, event.at, null));
    }
  }
  return out;
}

function workEvent(event: CaseEvent, state: CaseState): { event: NoticeEvent; to: Recipient } | null {
  if (event.type === 'assigned') return { event: 'work.assigned', to: { openid: event.data.handler.openid } };
  if (event.type === 'transferred') return { event: 'work.transferWaiting', to: { orgIds: [event.data.toOrgId], roles: ['staff', 'supervisor'] } };
  void state;
  return null;
}

/** A notice for workers about a case: assignment, a transfer to sign for, a deadline near or passed. */
export function workNotice(event: NoticeEvent, caseId: string, state: Pick<CaseState, 'code' | 'category' | 'summary'>, to: Recipient, key: string, at: Date, dueAt: Date | null): NoticeItem {
  return notice(event, {
    key,
    to,
    title: INBOX_TITLES[event] ?? '有新的待办',
    body: dueAt ? `${state.code} 期限 ${formatShanghai(dueAt, 'M月D日 HH:mm')}` : state.code,
    link: { kind: 'case', id: caseId, page: casePage(caseId) },
    at,
    values: { character_string1: state.code, thing2: matter(state), phrase3: PUSH_POLICY[event].phrase, time4: keywordTime(dueAt ?? at) },
  });
}

/**
 * The rating invitation to the applicant side of a resolved case nobody has rated yet. Not for legal
 * aid: its case's 办结 is the agency's decision, and the 受援人 rates the lawyer's work when the
 * legal-aid record closes or ends (core/legal-aid's notices).
 */
export function surveyNotices(caseId: string, state: CaseState, at: Date, round: number): NoticeItem[] {
  if (state.category === 'legalAid') return [];
  return applicantSide(state).map((openid) =>
    notice('survey.invite', {
      key: `survey:${caseId}:${round}:${openid}`,
      to: { openid },
      title: INBOX_TITLES['survey.invite'] as string,
      body: `${state.code} 办结了，请花一分钟打个分`,
      link: { kind: 'case', id: caseId, page: casePage(caseId) },
      at,
      values: { character_string1: state.code, thing2: matter(state), time3: keywordTime(state.closedAt ?? at), phrase4: PUSH_POLICY['survey.invite'].phrase },
    }),
  );
}

/** What the booking function knows of a booking when it tells its owner. */
export interface BookingFacts {
  bookingId: string;
  /** The booking's owner (applicant or 代办) to tell. */
  openid: string;
  unitName: string;
  startsAt: Date;
  /** e.g. 法律咨询 */
  service: string;
  /** The office's reason for a cancellation or change, if any. */
  reason?: string;
  /** Where the message card opens; the 消息 page when the booking has no page of its own. */
  page?: string;
}

const BOOKING_TITLES: Partial<Record<NoticeEvent, string>> = {
  'booking.confirmed': '预约成功',
  'booking.changed': '预约时间有变',
  'booking.cancelled': '预约被取消',
  'booking.dayBefore': '明天有预约',
  'booking.hourBefore': '预约快到了',
};

const HOUR_MS = 3_600_000;

/**
 * A booking notice. `version` tells apart two changes of one booking (its update count, say), so a
 * second reschedule is not taken for a replay of the first. Reminders come out of bookingReminders.
 */
export function bookingNotice(event: 'booking.confirmed' | 'booking.changed' | 'booking.cancelled' | 'booking.dayBefore' | 'booking.hourBefore', facts: BookingFacts, at: Date, version = 0): NoticeItem {
  const when = formatShanghai(facts.startsAt, 'M月D日 HH:mm');
  const tip = facts.reason ? facts.reason : event === 'booking.cancelled' ? '可另约时间' : `${facts.service}，请按时到`;
  const reminder = event === 'booking.dayBefore' || event === 'booking.hourBefore';
  return notice(event, {
    key: reminder ? `booking:${facts.bookingId}:${event}:${facts.startsAt.toISOString()}` : `booking:${facts.bookingId}:${event}:${version}`,
    to: { openid: facts.openid },
    title: BOOKING_TITLES[event] as string,
    body: `${facts.unitName} ${when} ${tip}`,
    link: { kind: 'booking', id: facts.bookingId, page: facts.page ?? INBOX_PAGE },
    at,
    values: { thing1: facts.unitName, time2: keywordTime(facts.startsAt), phrase3: PUSH_POLICY[event].phrase, thing4: tip },
    notBefore: event === 'booking.dayBefore' ? new Date(facts.startsAt.getTime() - 24 * HOUR_MS) : event === 'booking.hourBefore' ? new Date(facts.startsAt.getTime() - HOUR_MS) : at,
  });
}

/**
 * The two reminders of a booking (the day before at the same time, and one hour before), each
 * held in the outbox until its time; those whose time has already passed are left out.
 */
export function bookingReminders(facts: BookingFacts, at: Date): NoticeItem[] {
  return (['booking.dayBefore', 'booking.hourBefore'] as const).map((e) => bookingNotice(e, facts, at)).filter((n) => n.notBefore.getTime() > at.getTime());
}
