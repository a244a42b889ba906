import type { ClockState, DayKey, TimeLimit } from '../clock';
import type { StoredPhone } from '../privacy/sealed';
import type { Role } from '../identity/roles';
import type { ComplaintAbout } from './complaint';
import type { FollowOf } from './follow-on';
import type { MediationAgreement, MediationOutcome, MediationRecord, PerformanceStatus } from './mediation-record';
export type { MediationAgreement, MediationOutcome, MediationRecord, PerformanceStatus } from './mediation-record';
import type { RatingDimension, RatingDimensions } from '../evaluation/rating';
import type { CaseCategory, Channel, OutsideBodyKey, Priority, PriorityGroup, WindowKey } from './categories';
import type { CaseStatus, TransferableStatus } from './statuses';

// ─── People ────────────────────────────────────────────────────────────────────────────────

/** The timer and other automatic paths act as 'system' so the ledger never shows a fake person. */
export type ActorRole = Role | 'system';

/** Who did something, as the ledger keeps it (接待人员 / 接待人签名 come from here). */
export interface Actor {
  openid: string;
  role: ActorRole;
  name: string;
}

/**
 * The caller of a command. `orgIds` are the units they act for; the handler expands a
 * supervisor's units with those under them, since core does not load the org tree.
 */
export interface ActingActor extends Actor {
  orgIds: readonly string[];
}

export interface CommandContext {
  actor: ActingActor;
  at: Date;
}

export interface PersonRef {
  openid: string;
  name: string;
}

/**
 * A walk-in or hotline applicant may have no WeChat identity: openid null. As stored, `phone` is
 * masked and the number is sealed beside it (StoredPhone): the functions protect it before core
 * sees it, and core copies the sealed parts as they are.
 */
export interface Applicant extends StoredPhone {
  openid: string | null;
  name: string;
}

/** 代办: the person applying on the applicant's behalf, recorded as such. */
export interface Proxy extends Applicant {
  /** e.g. 子女, 村干部 */
  relation: string;
}

// ─── State ─────────────────────────────────────────────────────────────────────────────────

export type Visibility = 'applicant' | 'internal';

export const MATERIAL_KINDS = ['received', 'handedOver', 'signedFor'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** An item of a 一次性告知 ticked from the 服务指南 (core/guide): kept as it read then, with why and what may replace it. */
export interface MaterialNoticeItem {
  /** `<service>.<material id>` in the catalogue: what 统计 counts. */
  ref: string;
  name: string;
  why: string;
  replaceWith: string;
}

export interface MaterialItem {
  name: string;
  count: number;
}

/**
 * A file on the case (a photo of a document, a scanned form, the receptionist's signature), kept
 * in cloud storage. The platform lets a client write only files it created, so a file counts as
 * the caller's own only under their uploads/<openid>/ prefix: a case can never be made to point
 * at somebody else's papers and hand them out through its download links.
 */
export interface Attachment {
  fileID: string;
  name: string;
}

export interface PendingTransfer {
  fromOrgId: string;
  toOrgId: string;
  reason: string;
  /** Where the case returns if the receiver declines: the sender keeps its place. */
  backTo: TransferableStatus;
  requestedAt: Date;
}

/**
 * The matter handed to the outside body that decides it (公证处, 仲裁委, 复议机关 …): the center's
 * own clock stops at `referredAt`; the body's statutory period runs from its acceptance, which the
 * handler records when the body tells them. Kept for information, never judged as the center's.
 */
export interface Referral {
  body: OutsideBodyKey;
  referredAt: Date;
  /** The day the body accepted the matter (its own period starts here); null until recorded. */
  acceptedOn: DayKey | null;
  /** The body chose its simplified procedure (行政复议法 Art. 62: 30 days). */
  simplified: boolean;
}

/**
 * The resident's own statutory window (to apply for review, for arbitration, to sue), from the date
 * of the act or decision given at intake. Computed on the work calendar when the request came in
 * and kept on the event, so replay never depends on today's calendar.
 */
export interface CaseWindow {
  kind: WindowKey;
  /** The date the period runs from (the act known, the award received …). */
  from: DayKey;
  lastDay: DayKey;
  endsAt: Date;
  urgentFrom: Date;
}

export type Satisfaction = 1 | 2 | 3 | 4 | 5;

/**
 * Who typed a rating in: the applicant side in the app, or a worker recording the word of an
 * applicant with no WeChat (walk-in, 12348). 满意率 counts only the first, so a worker's entry
 * can never lift it; the second is reported apart.
 */
export type EvaluationEntry = 'applicant' | 'worker';

export interface Evaluation {
  satisfaction: Satisfaction;
  comment: string;
  /** 服务态度, 办理速度, 专业水平 (the shared 好差评 model, core/evaluation); {} when not asked. */
  dimensions?: RatingDimensions;
  /** 问题解决了吗; null when skipped or not asked. */
  solved?: boolean | null;
  enteredBy: EvaluationEntry;
  /** The person who entered it: the applicant, their 代办, or the worker who recorded it. */
  recordedBy: PersonRef;
}

/** The `cases` document: a projection of its events, never written any other way. */
export interface CaseState {
  code: string;
  channel: Channel;
  category: CaseCategory;
  summary: string;
  applicant: Applicant;
  proxy: Proxy | null;
  orgId: string;
  priorityGroups: PriorityGroup[];
  priority: Priority;
  status: CaseStatus;
  handler: PersonRef | null;
  /** 首办负责人: set by the first assign or sign-for and kept through every transfer. */
  firstHandler: PersonRef | null;
  receivedAt: Date;
  receivedBy: Actor;
  clock: ClockState;
  /** Items still missing from the 一次性告知 list. */
  missingMaterials: string[];
  /** 一次性告知 happens once per case; a second request would break the promise. */
  materialsRequested: boolean;
  /** The catalogue items of the 一次性告知 with their explanations (absent on cases asked before the catalogue). */
  materialsNotice?: MaterialNoticeItem[];
  /** Files the applicant side may see: brought at intake, supplied or added since. */
  files: Attachment[];
  /** Files workers added for themselves (e.g. the other party's papers in a mediation). */
  internalFiles: Attachment[];
  /** 接待人签名: handwritten on the registration screen; the office's record, shown to workers only. */
  signature: Attachment | null;
  transfer: PendingTransfer | null;
  lastDecline: { byOrgId: string; reason: string; at: Date } | null;
  result: string | null;
  rejection: { reason: string; referTo: string } | null;
  withdrawal: { deemed: boolean; reason: string | null } | null;
  evaluation: Evaluation | null;
  /** 人民调解's outcome, agreement, 司法确认 window and performance (mediation cases, once recorded). */
  mediation?: MediationRecord | null;
  /** 投诉: whom it concerns (absent on other cases and on complaints made before `about`). */
  complaint?: ComplaintAbout | null;
  /** The 咨询 (or other case) this request follows on from (core/case/follow-on); absent when none. */
  followOf?: FollowOf;
  /** Whole days from receipt to 办结, set when resolved (统计's median handling time); absent before. */
  handlingDays?: number;
  /** Handed to an outside body (refer); null while the center itself handles it. */
  referral: Referral | null;
  /** The resident's own window to act, when the request carries one. */
  window: CaseWindow | null;
  /** When it left the open statuses (办结, 不予受理 or 撤回). */
  closedAt: Date | null;
  lastEventAt: Date;
  /** Number of events applied: the persistence layer's optimistic-concurrency version. */
  version: number;
}

// ─── Commands and events ───────────────────────────────────────────────────────────────────

export interface CommandPayloads {
  /**
   * `limit`: the county's commitment for the new category, added by the function from its settings
   * (the client's command has no such field); without it the category table's default.
   */
  triage: { category?: CaseCategory; priorityGroups?: PriorityGroup[]; orgId?: string; limit?: TimeLimit };
  assign: { handler: PersonRef };
  accept: Record<never, never>;
  start: Record<never, never>;
  addNote: { text: string; visibility: Visibility };
  remind: Record<never, never>;
  recordMaterials: { kind: MaterialKind; items: MaterialItem[]; counterpart?: string };
  /**
   * Free-text items and the catalogue items ticked (`listed`); `explained` is what the function read
   * from the catalogue for them (the client's command has no such field).
   */
  requestMaterials: { items?: string[]; listed?: string[]; explained?: MaterialNoticeItem[] };
  supplyMaterials: { items: string[]; files?: Attachment[] };
  /** A worker's files stay internal unless shared; the applicant side's are always theirs to see. */
  addFiles: { files: Attachment[]; visibility?: Visibility };
  transfer: { toOrgId: string; reason: string };
  refer: { body: OutsideBodyKey };
  recordAcceptance: { acceptedOn: DayKey; simplified?: boolean };
  acceptTransfer: Record<never, never>;
  declineTransfer: { reason: string };
  resolve: { result: string };
  reject: { reason: string; referTo: string };
  withdraw: { reason?: string };
  evaluate: { satisfaction: number; comment?: string; dimensions?: Partial<Record<RatingDimension, number>>; solved?: boolean };
  /** The timer's alone: a resolved case nobody rated in AUTO_CLOSE_DAYS is closed, unrated. */
  autoClose: Record<never, never>;
  /** The legal-aid flow's alone (system actor): the post's grant or refusal, recorded as the case's 办结. */
  recordAidDecision: { granted: boolean; result: string };
  /** 人民调解: 调解成功 with the agreement, or 调解不成. */
  recordMediation: { outcome: MediationOutcome; agreement?: { form: 'written' | 'oral'; content: string } };
  /** 人民调解法 Art 31: how the agreement is being kept. */
  recordPerformance: { performed: PerformanceStatus; text?: string };
}
export type CommandType = keyof CommandPayloads;
/** `note` is an optional remark kept on the event; on an applicant-visible event the applicant reads it. */
export type CaseCommand = { [K in CommandType]: { type: K; note?: string } & CommandPayloads[K] }[CommandType];

export const COMMAND_TYPES = [
  'triage',
  'assign',
  'accept',
  'start',
  'addNote',
  'remind',
  'recordMaterials',
  'requestMaterials',
  'supplyMaterials',
  'addFiles',
  'transfer',
  'refer',
  'recordAcceptance',
  'acceptTransfer',
  'declineTransfer',
  'resolve',
  'reject',
  'withdraw',
  'evaluate',
  'autoClose',
  'recordMediation',
  'recordPerformance',
  'recordAidDecision',
] as const satisfies readonly CommandType[];

export interface IntakeInput {
  code: string;
  channel: Channel;
  category: CaseCategory;
  summary: string;
  applicant: Applicant;
  proxy?: Proxy | null;
  orgId: string;
  priorityGroups?: PriorityGroup[];
  /** Overrides the category's default, e.g. legal aid Art. 44 urgent matters. */
  limit?: TimeLimit;
  attachments?: Attachment[];
  /** 接待人签名, at a worker's registration. */
  signature?: Attachment | null;
  /** The resident's statutory window, computed by `caseWindow` on the work calendar. */
  window?: CaseWindow | null;
  /** 投诉: whom it concerns, resolved by the function (complaints only). */
  about?: ComplaintAbout | null;
  followOf?: FollowOf | null;
}

export interface EventData {
  received: {
    code: string;
    channel: Channel;
    category: CaseCategory;
    summary: string;
    applicant: Applicant;
    proxy: Proxy | null;
    orgId: string;
    priorityGroups: PriorityGroup[];
    priority: Priority;
    /** Kept on the event so replay never depends on today's category table. */
    limit: TimeLimit;
    attachments: Attachment[];
    signature: Attachment | null;
    /** Absent on events recorded before windows existed. */
    window?: CaseWindow | null;
    /** 投诉: whom it concerns; absent on other cases. */
    about?: ComplaintAbout;
    followOf?: FollowOf;
  };
  triaged: { category?: CaseCategory; limit?: TimeLimit; priorityGroups?: PriorityGroup[]; priority?: Priority; orgId?: string };
  assigned: { handler: PersonRef };
  accepted: { handler: PersonRef };
  started: Record<never, never>;
  noteAdded: { text: string };
  reminded: Record<never, never>;
  materialsRecorded: { kind: MaterialKind; items: MaterialItem[]; counterpart: string | null };
  materialsRequested: { items: string[]; explained?: MaterialNoticeItem[] };
  materialsSupplied: { items: string[]; files: Attachment[] };
  filesAdded: { files: Attachment[] };
  transferred: { fromOrgId: string; toOrgId: string; reason: string };
  referred: { body: OutsideBodyKey };
  outsideAccepted: { body: OutsideBodyKey; acceptedOn: DayKey; simplified: boolean };
  transferAccepted: { fromOrgId: string; toOrgId: string; handler: PersonRef };
  transferDeclined: { fromOrgId: string; toOrgId: string; reason: string; backTo: TransferableStatus };
  resolved: { result: string };
  rejected: { reason: string; referTo: string };
  withdrawn: { deemed: boolean; reason: string | null };
  /** Closed by the timer, never rated: 评价率 counts it as resolved and not rated. */
  autoClosed: { days: number };
  /** 法律援助 granted or refused by the post (core/legal-aid), as the case's 办结. */
  aidDecided: { granted: boolean; result: string };
  mediationRecorded: { outcome: MediationOutcome; agreement: MediationAgreement | null; confirmationBy: DayKey | null; routesTold: string | null };
  performanceRecorded: { performed: PerformanceStatus; text: string };
  /** `dimensions` and `solved` are absent on ratings given before the survey asked them. */
  evaluated: { satisfaction: Satisfaction; comment: string; enteredBy: EvaluationEntry; dimensions?: RatingDimensions; solved?: boolean | null };
}
export type EventType = keyof EventData;

/** One row of `case_events`: append-only, the ledger the status is derived from. */
export type CaseEvent = {
  [K in EventType]: { type: K; at: Date; actor: Actor; visibility: Visibility; note?: string; data: EventData[K] };
}[EventType];
export type CaseEventOf<K extends EventType> = Extract<CaseEvent, { type: K }>;

/** The one event each command records. */
export const EVENT_OF_COMMAND = {
  triage: 'triaged',
  assign: 'assigned',
  accept: 'accepted',
  start: 'started',
  addNote: 'noteAdded',
  remind: 'reminded',
  recordMaterials: 'materialsRecorded',
  requestMaterials: 'materialsRequested',
  supplyMaterials: 'materialsSupplied',
  addFiles: 'filesAdded',
  transfer: 'transferred',
  refer: 'referred',
  recordAcceptance: 'outsideAccepted',
  acceptTransfer: 'transferAccepted',
  declineTransfer: 'transferDeclined',
  resolve: 'resolved',
  reject: 'rejected',
  withdraw: 'withdrawn',
  evaluate: 'evaluated',
  autoClose: 'autoClosed',
  recordAidDecision: 'aidDecided',
  recordMediation: 'mediationRecorded',
  recordPerformance: 'performanceRecorded',
} as const satisfies Record<CommandType, EventType>;

// ─── Rules: what each command records, what each event does to the case ────────────────────

export type CommandOf<K extends CommandType> = Extract<CaseCommand, { type: K }>;

/** What every event of a command carries before the command adds its own part. */
export interface EventBase {
  at: Date;
  actor: Actor;
  note?: string;
}

/**
 * One command's content checks and the event it records. The status and the person were
 * checked before (`guard`); a decider throws only for content (VALIDATION_FAILED) or a missing
 * pending transfer.
 */
export type Decider<K extends CommandType> = (
  state: CaseState,
  command: CommandOf<K>,
  base: EventBase,
) => CaseEventOf<(typeof EVENT_OF_COMMAND)[K]>;

/** One event onto an existing case; it refuses an event the transition table does not allow there. */
export type Applier<K extends EventType> = (state: CaseState, event: CaseEventOf<K>) => CaseState;
