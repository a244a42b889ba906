// The legal-aid record beside its case: status, the named clocks, the decision and what followed.
import { clockStatus, dueAt, isPaused, metDeadline, pauseClock, resumeClock, startClock, type ClockState } from '../clock';
import type { WorkCalendar } from '../calendar';
import type { ActorRole } from '../case/types';
import type { ProtectedField } from '../privacy/sealed';
import type { Rating } from '../evaluation/rating';
import type { ManualCause, SourceFinding } from './verification';
import type { Exemption, HelperKind, ApplicantKind, LegalAidSettings, Matter, NoTestGround, QualityGrade, Route, TerminationGround } from './rules';

/**
 * 初审 at the station (seed 002 §三(五)2) → review by the 法律援助机构 → granted or refused →
 * dispatched → closed or terminated; withdrawn when the applicant withdraws or lets the
 * materials deadline pass (Art 43).
 */
export const AID_STATUSES = ['atStation', 'underReview', 'awaitingMaterials', 'granted', 'dispatched', 'closed', 'refused', 'terminated', 'withdrawn'] as const;
export type AidStatus = (typeof AID_STATUSES)[number];

export const AID_STATUS_LABELS: Record<AidStatus, string> = {
  atStation: '工作站初审',
  underReview: '法律援助中心审查',
  awaitingMaterials: '等待补充材料',
  granted: '决定给予援助',
  dispatched: '已指派律师',
  closed: '已结案',
  refused: '决定不予援助',
  terminated: '已终止援助',
  withdrawn: '已撤回',
};

export const OPEN_AID_STATUSES: readonly AidStatus[] = ['atStation', 'underReview', 'awaitingMaterials', 'granted', 'dispatched'];

/** The posts a decision needs: the 法律援助机构's legal-aid post, and the 司法局 for objections. */
export const POSTS = ['aid', 'bureau'] as const;
export type Post = (typeof POSTS)[number];

export interface AidActor {
  openid: string;
  name: string;
  role: ActorRole;
  /** Units the person acts for (the handler expands supervisors' subtrees). */
  orgIds: readonly string[];
  posts: readonly Post[];
}

export interface AidContext {
  actor: AidActor;
  at: Date;
  settings: LegalAidSettings;
  calendar: WorkCalendar;
}

/** The clocks one application runs (each named, so 按期 always says which limit it judges). */
export const CLOCK_NAMES = ['decision', 'promise', 'dispatch', 'materials', 'objection'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

export const CLOCK_LABELS: Record<ClockName, string> = {
  decision: '审查决定（7日）',
  promise: '告知承诺审查（1天）',
  dispatch: '指派律师（3日）',
  materials: '补充材料期限',
  objection: '异议审查（5日）',
};

export interface NamedClock {
  clock: ClockState;
  /** When the thing the clock waits for happened; null while it runs or is paused. */
  stoppedAt: Date | null;
}

export interface PersonName {
  name: string;
  openid: string | null;
}

/** The assigned lawyer: the person, and the unit (法律援助机构 or 律所) they work for, when named. */
export interface AidLawyer extends PersonName {
  unit?: string | null;
}

export interface AidEvent {
  type: string;
  at: Date;
  actor: { openid: string; name: string; role: ActorRole };
  /** Plain words for the timeline the applicant reads. */
  text: string;
  data?: Record<string, unknown>;
}

/**
 * 先审批、后核查: the task, what each data source said (seed 004 数据共享和在线核验) and, while a
 * person must finish it, why.
 */
export interface AidVerification {
  flagged: boolean;
  result: 'pending' | 'confirmed' | 'false';
  sources?: SourceFinding[];
  manualReason?: string | null;
  /** The same, machine-readable: a silent register, or the authorization withdrawn. */
  manualCause?: ManualCause | null;
}

export interface AidSealed {
  facts: ProtectedField<'statement'> | null;
  household: ProtectedField<'income'> | null;
  idNumber: ProtectedField<'idNumber'> | null;
}

export const NOTHING_SEALED: AidSealed = { facts: null, household: null, idNumber: null };

export interface AidState {
  caseId: string;
  code: string;
  status: AidStatus;
  matter: Matter;
  route: Route;
  noTestGround: NoTestGround | null;
  exemption: Exemption | null;
  urgent: boolean;
  greenChannel: boolean;
  homeVisit: boolean;
  applicantKind: ApplicantKind;
  applicantName: string;
  /** The WeChat ids that speak for the applicant side (applicant, representative). */
  applicantIds: string[];
  /** Who helped fill it in (a village cadre …): assistance, never the applicant. */
  helper: (PersonName & { kind: HelperKind }) | null;
  stationOrgId: string | null;
  /** Which stages used their one 一次性告知: the station once, the agency once after a forward. */
  materialsRequestedBy: Array<'station' | 'agency'>;
  missing: string[];
  /** Where a materials request came from, to return there when they arrive. */
  resumeTo: AidStatus | null;
  decision: { granted: boolean; reasons: string; at: Date; by: string; provisional: boolean } | null;
  preferredLawyer: string | null;
  lawyer: AidLawyer | null;
  lawyerChangeRequested: string | null;
  progressReports: number;
  termination: { ground: TerminationGround; reason: string; from: AidStatus } | null;
  objection: { against: 'refusal' | 'termination'; reason: string; filedAt: Date; upheld: boolean | null; reasons: string | null } | null;
  verification: AidVerification | null;
  /** Set when a promise was found false (Art 64): the handler bars the person's next promise. */
  falsePromise: boolean;
  closingReport: string | null;
  /**
   * Sealed by the function before core sees them (X1 field protection): the facts as told, the
   * household declaration (members, incomes, assets) and the ID number; core copies them as they are.
   */
  sealed: AidSealed;
  /** What the household declaration came to, kept plain for the review: size and whether within the standard. */
  declaration: { members: number; meetsStandard: boolean } | null;
  returnVisit: { grade: QualityGrade; note: string } | null;
  /** The 受援人's rating of the lawyer's work once the case closed or ended (core/evaluation's model); absent on older records. */
  rating?: (Rating & { at: Date }) | null;
  clocks: Partial<Record<ClockName, NamedClock>>;
  history: AidEvent[];
  version: number;
  lastAt: Date;
}

// ─── Named clocks ──────────────────────────────────────────────────────────────────────────

export function startNamed(state: AidState, name: ClockName, at: Date, settings: LegalAidSettings): AidState {
  return { ...state, clocks: { ...state.clocks, [name]: { clock: startClock(at, settings.clocks[name]), stoppedAt: null } } };
}

export function stopNamed(state: AidState, name: ClockName, at: Date): AidState {
  const named = state.clocks[name];
  if (!named || named.stoppedAt) return state;
  const clock = isPaused(named.clock) ? resumeClock(named.clock, at) : named.clock;
  return { ...state, clocks: { ...state.clocks, [name]: { clock, stoppedAt: at } } };
}

export function pauseNamed(state: AidState, name: ClockName, at: Date): AidState {
  const named = state.clocks[name];
  if (!named || named.stoppedAt || isPaused(named.clock)) return state;
  return { ...state, clocks: { ...state.clocks, [name]: { ...named, clock: pauseClock(named.clock, at) } } };
}

export function resumeNamed(state: AidState, name: ClockName, at: Date): AidState {
  const named = state.clocks[name];
  if (!named || named.stoppedAt || !isPaused(named.clock)) return state;
  return { ...state, clocks: { ...state.clocks, [name]: { ...named, clock: resumeClock(named.clock, at) } } };
}

export interface ClockView {
  name: ClockName;
  label: string;
  /** running / dueSoon / overdue / paused while it runs; met or late once stopped. */
  kind: 'running' | 'dueSoon' | 'overdue' | 'paused' | 'met' | 'late';
  dueAt: Date | null;
}

/** Each clock as staff see it; a stopped clock says whether it was met, the 按期 of that limit. */
export function clockViews(state: AidState, now: Date, calendar: WorkCalendar): ClockView[] {
  return CLOCK_NAMES.flatMap((name): ClockView[] => {
    const named = state.clocks[name];
    if (!named) return [];
    const due = dueAt(named.clock, calendar);
    if (named.stoppedAt) {
      return [{ name, label: CLOCK_LABELS[name], kind: metDeadline(named.clock, named.stoppedAt, calendar) ? 'met' : 'late', dueAt: due }];
    }
    return [{ name, label: CLOCK_LABELS[name], kind: clockStatus(named.clock, now, calendar).kind, dueAt: due }];
  });
}

/** 按期 for one named clock: null while it runs or if it never ran. */
export function metClock(state: AidState, name: ClockName, calendar: WorkCalendar): boolean | null {
  const named = state.clocks[name];
  return named?.stoppedAt ? metDeadline(named.clock, named.stoppedAt, calendar) : null;
}

/** The earliest deadline among running clocks: what the review queue sorts by. */
export function nextDue(state: AidState, calendar: WorkCalendar): Date | null {
  const dues = CLOCK_NAMES.flatMap((name) => {
    const named = state.clocks[name];
    const due = named && !named.stoppedAt ? dueAt(named.clock, calendar) : null;
    return due ? [due] : [];
  });
  return dues.length === 0 ? null : new Date(Math.min(...dues.map((d) => d.getTime())));
}

/** The review queue's order: urgent (先行提供) first, then the green channel, then the nearest deadline. */
export function queueOrder(calendar: WorkCalendar) {
  const rank = (s: AidState) => (s.urgent ? 0 : s.greenChannel ? 1 : 2);
  return (a: AidState, b: AidState): number => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    const [da, db] = [nextDue(a, calendar)?.getTime() ?? Infinity, nextDue(b, calendar)?.getTime() ?? Infinity];
    return da - db;
  };
}

export interface ClockTally {
  name: ClockName;
  label: string;
  /** Stopped in time / stopped late: the 按期 of this limit. */
  met: number;
  late: number;
  /** Still running (or paused), and of those already past their deadline. */
  open: number;
  overdue: number;
}

/** 按期 per named clock over a set of applications: each limit judged by itself, never one for all. */
export function clockTallies(states: readonly AidState[], now: Date, calendar: WorkCalendar): ClockTally[] {
  return CLOCK_NAMES.map((name) => {
    const tally: ClockTally = { name, label: CLOCK_LABELS[name], met: 0, late: 0, open: 0, overdue: 0 };
    for (const s of states) {
      const view = clockViews(s, now, calendar).find((v) => v.name === name);
      if (!view) continue;
      if (view.kind === 'met') tally.met++;
      else if (view.kind === 'late') tally.late++;
      else {
        tally.open++;
        if (view.kind === 'overdue') tally.overdue++;
      }
    }
    return tally;
  });
}
