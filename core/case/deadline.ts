// Which clock judges the center, and the fields the `cases` document stores beside the state for
// indexed queues and statistics. Only the center's own clock is ever judged: an outside body's
// statutory period is information, the resident's window is urgency (docs/time-limits.md).
import { dayStart, deadlineFrom, dueAt, formatShanghai, metDeadline, shanghaiDay, URGENT_WITHIN_DAYS, windowDates, type DayKey, type TimeLimit } from '../clock';
import type { WorkCalendar } from '../calendar';
import {
  CASE_CATEGORIES,
  CATEGORY_INFO,
  CLOSE_OF_BUSINESS,
  OUTSIDE_BODIES,
  OUTSIDE_BODY_KEYS,
  RESIDENT_WINDOWS,
  WINDOW_KEYS,
  type OutsideBodyKey,
  type OutsidePeriod,
  type WindowKey,
} from './categories';
import { isOpen, RESOLVED_STATUSES, type CaseStatus } from './statuses';
import type { CaseEvent, CaseState, CaseWindow, Referral } from './types';

/**
 * When the center's own clock stopped short of 办结: the referral to the outside body that decides
 * the matter (the center's commitment was to refer in time), or null while it still runs.
 */
export function centerClockStoppedAt(state: Pick<CaseState, 'referral'>): Date | null {
  return state.referral ? new Date(state.referral.referredAt) : null;
}

/**
 * The deadline to store as `cases.dueAt`: null once the case has left the open statuses, while
 * materials are awaited, or once it was referred (the outside body's period is not the center's),
 * so "dueAt < now" finds exactly the center's overdue open cases.
 */
export function caseDueAt(state: CaseState, calendar: WorkCalendar): Date | null {
  return isOpen(state.status) && centerClockStoppedAt(state) === null ? dueAt(state.clock, calendar) : null;
}

/**
 * Whether a resolved case met the center's time limit, stored as `cases.closedInTime` so the
 * statistics board counts 按期办结 with one aggregate instead of replaying each clock: judged at
 * the referral where there was one, else at 办结; null until resolved (and for 不予受理/撤回,
 * which no time limit judges).
 */
export function closedInTime(state: CaseState, calendar: WorkCalendar): boolean | null {
  const resolved = (RESOLVED_STATUSES as readonly CaseStatus[]).includes(state.status);
  if (!resolved || !state.closedAt) return null;
  return metDeadline(state.clock, centerClockStoppedAt(state) ?? state.closedAt, calendar);
}

/** The fields the `cases` document stores beside the state, for indexed queues and statistics. */
export function queryFields(state: CaseState, calendar: WorkCalendar): { dueAt: Date | null; closedInTime: boolean | null } {
  return { dueAt: caseDueAt(state, calendar), closedInTime: closedInTime(state, calendar) };
}

/**
 * The resident's window for a request, from the date of the act or decision given at intake: its
 * last day on the work calendar, ending at the county's close of business (filing in person).
 */
export function caseWindow(kind: WindowKey, from: DayKey, calendar: WorkCalendar, closesAt: string = CLOSE_OF_BUSINESS): CaseWindow {
  return { kind, from, ...windowDates(from, RESIDENT_WINDOWS[kind].period, calendar, closesAt) };
}

// ─── What residents and workers read about each clock ──────────────────────────────────────

const UNIT_WORDS: Record<TimeLimit['unit'], string> = { calendarDays: '日', workingDays: '个工作日', hours: '小时' };

/** "15个工作日", "60日" */
export function limitText(limit: TimeLimit): string {
  return `${limit.amount}${UNIT_WORDS[limit.unit]}`;
}

const monthDay = (day: DayKey) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/**
 * The day the outside body's period ends by the law, from its acceptance (or, for an acceptance
 * review, from the referral): an estimate, since the stretches the law leaves out (核实, 补正 …)
 * are the body's to know. Null before it starts or when no statute sets one.
 */
export function outsideExpectedBy(referral: Referral, calendar: WorkCalendar): DayKey | null {
  const body = OUTSIDE_BODIES[referral.body];
  if (referral.acceptedOn === null) {
    return body.acceptanceReview ? shanghaiDay(deadlineFrom(new Date(referral.referredAt), body.acceptanceReview.limit, calendar)) : null;
  }
  if (!body.period) return null;
  const limit = referral.simplified && body.period.simplified ? body.period.simplified : body.period.limit;
  return shanghaiDay(deadlineFrom(dayStart(referral.acceptedOn), limit, calendar));
}

/**
 * The sentence the resident and workers read about the outside body's period, e.g.
 * "已转交公证处。公证处受理后15个工作日内出具公证书（…不计入）。" — for information: it never
 * counts against the center. This is also the text a notice of the step carries (core/notify).
 */
export function outsideSentence(referral: Referral, expectedBy: DayKey | null): string {
  const body = OUTSIDE_BODIES[referral.body];
  const { period } = body;
  if (referral.acceptedOn === null) {
    const review = body.acceptanceReview;
    const first = `已转交${body.label}。`;
    const reviewText = review ? `${body.label}收到后${limitText(review.limit)}内${review.outcome}${expectedBy ? `（约${monthDay(expectedBy)}前）` : ''}；` : '';
    const periodText = period ? `${review ? '' : body.label}受理后${limitText(period.limit)}内${period.outcome}（${period.pausedBy}）。` : `${body.noPeriod}。`;
    return first + reviewText + periodText;
  }
  const accepted = `${body.label}已于${monthDay(referral.acceptedOn)}受理`;
  if (!period) return `${accepted}。${body.noPeriod}。`;
  const limit = referral.simplified && period.simplified ? period.simplified : period.limit;
  const by = expectedBy ? `，一般在${monthDay(expectedBy)}前${period.outcome}` : `，${limitText(limit)}内${period.outcome}`;
  return `${accepted}${by}（${period.pausedBy}${period.extension ? `；可延长${limitText(period.extension)}` : ''}）。`;
}

/** "申请行政复议的最后一天：7月31日（当面递交请在17:30前）" */
export function windowSentence(window: CaseWindow): string {
  const closes = formatShanghai(new Date(new Date(window.endsAt).getTime() + 1), 'HH:mm');
  const inPerson = closes === '00:00' ? '' : `（当面递交请在${closes}前）`;
  return `${RESIDENT_WINDOWS[window.kind].label}的最后一天：${monthDay(window.lastDay)}${inPerson}`;
}

// ─── docs/time-limits.md ───────────────────────────────────────────────────────────────────

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * The tables of docs/time-limits.md, generated from the category, body and window tables so the
 * page cannot drift from the code (core/case/time-limits.test.ts compares them).
 */
export function timeLimitTables(): string {
  const center = [
    '| category | 事项 | limit | source | starts | stops at | paused by | owner |',
    '|---|---|---|---|---|---|---|---|',
    ...CASE_CATEGORIES.map((c) => {
      const info = CATEGORY_INFO[c];
      const stops = info.ends === 'referral' ? `转交 ${info.bodies.map((b) => OUTSIDE_BODIES[b].label).join(' / ')} (refer)` : '办结 (resolve)';
      return `| ${c} | ${info.label} | ${limitText(info.limit)} | ${cell(info.limitSource)} | intake (受理) | ${stops} | 一次性告知补材料 (requestMaterials → supplyMaterials) | center |`;
    }),
  ];
  const periods = (key: OutsideBodyKey): string[] => {
    const body = OUTSIDE_BODIES[key];
    const row = (stage: string, p: OutsidePeriod) =>
      `| ${key} | ${body.label} | ${stage} | ${limitText(p.limit)}${p.extension ? ` (+${limitText(p.extension)})` : ''}${p.simplified ? `; 简易 ${limitText(p.simplified)}` : ''} | ${cell(p.source)} | ${cell(p.startsAt)} | ${cell(p.pausedBy)} | outside body (shown, never judged) |`;
    const rows = [
      ...(body.acceptanceReview ? [row('受理审查', body.acceptanceReview)] : []),
      ...(body.period ? [row('办理', body.period)] : []),
    ];
    return rows.length > 0 ? rows : [`| ${key} | ${body.label} | 办理 | none | ${cell(body.noPeriod ?? '')} | — | — | outside body (shown, never judged) |`];
  };
  const outside = [
    '| body | 机构 | stage | limit | source | starts | paused by | owner |',
    '|---|---|---|---|---|---|---|---|',
    ...OUTSIDE_BODY_KEYS.flatMap(periods),
  ];
  const windowRows = [
    '| window | 期限 | limit | source | starts | paused by | categories | owner |',
    '|---|---|---|---|---|---|---|---|',
    ...WINDOW_KEYS.map((k) => {
      const w = RESIDENT_WINDOWS[k];
      const unit = { days: '日', months: '个月', years: '年' }[w.period.unit];
      const categories = CASE_CATEGORIES.filter((c) => CATEGORY_INFO[c].windows.includes(k)).join(', ');
      return `| ${k} | ${w.label} | ${w.period.amount}${unit} | ${cell(w.source)} | ${cell(w.from)} | ${cell(w.pausedBy)} | ${categories} | resident (urgent from ${URGENT_WITHIN_DAYS} days before) |`;
    }),
  ];
  return [
    '### The center\'s own clocks (judged: 按期办结率, 超期)',
    '',
    ...center,
    '',
    '### Outside bodies\' statutory periods (stored for information, shown to the resident)',
    '',
    ...outside,
    '',
    '### The resident\'s own windows (make a request urgent)',
    '',
    ...windowRows,
  ].join('\n');
}

/**
 * The hook for core/notify: what the resident is told when their case goes to an outside body or
 * that body accepts it (both steps are applicant-visible): who has it now and the body's own
 * period, e.g. "公证处已于3月5日受理，15个工作日内出具公证书（…）"; null for any other step.
 */
export function referralStepText(event: CaseEvent): string | null {
  if (event.type === 'referred') return outsideSentence({ body: event.data.body, referredAt: event.at, acceptedOn: null, simplified: false }, null);
  if (event.type === 'outsideAccepted') {
    const { body, acceptedOn, simplified } = event.data;
    return outsideSentence({ body, referredAt: event.at, acceptedOn, simplified }, null);
  }
  return null;
}
