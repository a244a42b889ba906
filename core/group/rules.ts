// Village advisor groups (法律顾问群): who is in a group, what each member sees, and when a question is due.
import { dayStart, shanghaiDay } from '../clock/shanghai';
import { HOUR_MS, nthWorkingDayAfter } from '../clock/limit';
import type { WorkCalendar } from '../calendar';

/**
 * A member's place in the village group. It is a label in the group only: it is kept apart from
 * identity's grants, so being the village's cadre or 网格员 here never reaches a case.
 */
export const GROUP_ROLES = ['advisor', 'cadre', 'mediator', 'lawSavvy', 'gridWorker', 'resident'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export const GROUP_ROLE_LABELS: Record<GroupRole, string> = {
  advisor: '法律顾问',
  cadre: '村干部',
  mediator: '调解员',
  lawSavvy: '法律明白人',
  gridWorker: '网格员',
  resident: '村民',
};

export const MESSAGE_KINDS = ['question', 'answer', 'message'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** open → answered → closed by the asker; open (or answered late) → escalated when nobody answered in time. */
export const QUESTION_STATUSES = ['open', 'answered', 'closed', 'escalated'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = { open: '待解答', answered: '已解答', closed: '已解决', escalated: '已上报工作站' };

/** visible: everyone the message is for sees it; held: the ContentGuard asked for a person (review), only its author and the village's workers see it. */
export const MODERATIONS = ['visible', 'held'] as const;
export type Moderation = (typeof MODERATIONS)[number];

/** The ContentGuard's verdict as msgSecCheck v2 gives it (result.suggest). */
export type Suggest = 'pass' | 'review' | 'risky';

/**
 * What happens to a text or image the guard judged: risky is refused and stored nowhere; review
 * is held for the village's advisor; a village worker's own post still passes through the guard,
 * but a review verdict on it is their own call, not held for themselves to approve.
 */
export function moderationOf(verdicts: readonly Suggest[], authorIsWorker: boolean): Moderation | 'refused' {
  if (verdicts.includes('risky')) return 'refused';
  if (verdicts.includes('review') && !authorIsWorker) return 'held';
  return 'visible';
}

/** Answer time: the next working day by noon, Beijing time (the seeds' one-working-day promise). */
export const DEFAULT_ANSWER_NOON_HOUR = 12;
/** The advisor is reminded this long before the answer time. */
export const REMIND_BEFORE_MS = 3 * HOUR_MS;

export function answerDueAt(askedAt: Date, calendar: WorkCalendar, workingDays = 1, hour = DEFAULT_ANSWER_NOON_HOUR): Date {
  const day = nthWorkingDayAfter(calendar, shanghaiDay(askedAt), workingDays);
  return new Date(dayStart(day).getTime() + hour * HOUR_MS);
}

export function remindAtFor(dueAt: Date): Date {
  return new Date(dueAt.getTime() - REMIND_BEFORE_MS);
}

/** Who looks at a message: its author, a member of the group, or a worker of the village (its advisor, station or center staff). */
export interface Viewer {
  openid: string;
  villageWorker: boolean;
}

export interface MessageFacts {
  authorOpenid: string;
  private: boolean;
  moderation: Moderation;
  /** An answer's question's asker: a private question's answer is for the asker alone. */
  askerOpenid?: string | null;
}

/**
 * A private question (and its answers) reaches its asker and the village's advisors and staff only;
 * a held message its author and those workers only. Everything else reaches every member.
 */
export function mayView(msg: MessageFacts, viewer: Viewer): boolean {
  if (viewer.villageWorker) return true;
  if (msg.authorOpenid === viewer.openid) return true;
  if (msg.moderation !== 'visible') return false;
  if (msg.private) return msg.askerOpenid === viewer.openid;
  return true;
}

/** Seconds from the question to its first answer: kept on the question for 统计. */
export function answerSeconds(askedAt: Date, answeredAt: Date): number {
  return Math.max(0, Math.round((answeredAt.getTime() - askedAt.getTime()) / 1000));
}

/** A question's status after an answer: answered, unless the asker already closed it. */
export function statusAfterAnswer(status: QuestionStatus): QuestionStatus {
  return status === 'closed' ? 'closed' : 'answered';
}

/**
 * The refresh cadence while a group page is visible: 10 s, doubled after each poll that brought
 * nothing, up to 2 minutes; anything new resets it.
 */
export const POLL_MIN_MS = 10_000;
export const POLL_MAX_MS = 120_000;
export function nextPollDelay(previousMs: number, gotNews: boolean): number {
  if (gotNews) return POLL_MIN_MS;
  return Math.min(POLL_MAX_MS, Math.max(POLL_MIN_MS, previousMs * 2));
}

/** 订单式普法: a cadre's lecture request, followed until it is given (or declined with a reason). */
export const LECTURE_STATUSES = ['requested', 'scheduled', 'delivered', 'declined'] as const;
export type LectureStatus = (typeof LECTURE_STATUSES)[number];
export const LECTURE_STATUS_LABELS: Record<LectureStatus, string> = { requested: '已申请', scheduled: '已安排', delivered: '已开讲', declined: '未能安排' };
const LECTURE_NEXT: Record<LectureStatus, readonly LectureStatus[]> = {
  requested: ['scheduled', 'declined'],
  scheduled: ['delivered', 'declined', 'scheduled'],
  delivered: [],
  declined: [],
};
export function mayMoveLecture(from: LectureStatus, to: LectureStatus): boolean {
  return LECTURE_NEXT[from].includes(to);
}

/** A village's join code: 6 characters, no 0/O or 1/I to misread on a poster. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function joinCodeFrom(bytes: readonly number[]): string {
  return bytes
    .slice(0, 6)
    .map((b) => JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length])
    .join('');
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/** 驻点时间 as residents read it, from the village's booking schedule: "周二 09:00-12:00；周四 14:30-17:00". */
export function officeHoursText(sessions: ReadonlyArray<{ weekday: number; from: string; to: string }>): string {
  return [...sessions]
    .sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from))
    .map((s) => `${WEEKDAYS[s.weekday] ?? ''} ${s.from}-${s.to}`)
    .join('；');
}
