import { AppError } from '../api/errors';
import { dueAt, isPaused, metDeadline, pauseClock, resumeClock, startClock, type ClockState, type TimeLimit } from '../clock';
import type { WorkCalendar } from '../calendar';
import type { Role } from '../identity/roles';
import {
  CATEGORY_INFO,
  priorityFor,
  type CaseCategory,
  type Channel,
  type Priority,
  type PriorityGroup,
} from './categories';
import { parseCaseCode } from './code';

// ─── Statuses ──────────────────────────────────────────────────────────────────────────────

export const CASE_STATUSES = [
  'received',
  'assigned',
  'accepted',
  'inProgress',
  'awaitingMaterials',
  'transferPending',
  'resolved',
  'evaluated',
  'rejected',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Plain words for elderly residents (适老化): what happened, not the office's jargon. */
export const STATUS_LABELS: Record<CaseStatus, string> = {
  received: '已受理',
  assigned: '已指派',
  accepted: '已签收',
  inProgress: '办理中',
  awaitingMaterials: '待补材料',
  transferPending: '转办中',
  resolved: '已办结',
  evaluated: '已评价',
  rejected: '不予受理',
  withdrawn: '已撤回',
};

/** What the resident should expect or do next, shown under the status. */
export const STATUS_HINTS: Record<CaseStatus, string> = {
  received: '我们已收到您的申请，正在安排工作人员。',
  assigned: '已安排工作人员，等待对方签收。',
  accepted: '工作人员已签收，会尽快和您联系。',
  inProgress: '正在办理，有进展会通知您。',
  awaitingMaterials: '请按告知的清单把材料一次补齐，补齐后继续办理。',
  transferPending: '正在转给更合适的单位办理，请耐心等待。',
  resolved: '已经办结，请给这次服务打个分。',
  evaluated: '感谢您的评价。',
  rejected: '不符合受理条件，请按告知的去处办理。',
  withdrawn: '申请已撤回，需要时可以重新申请。',
};

/** Statuses where the matter is still being worked on and the clock counts. */
export const OPEN_STATUSES = [
  'received',
  'assigned',
  'accepted',
  'inProgress',
  'awaitingMaterials',
  'transferPending',
] as const satisfies readonly CaseStatus[];

/** Nothing more happens to the matter itself; only workers' notes (e.g. 回访) may follow. */
export const TERMINAL_STATUSES = ['evaluated', 'rejected', 'withdrawn'] as const satisfies readonly CaseStatus[];

export function isOpen(status: CaseStatus): boolean {
  return (OPEN_STATUSES as readonly CaseStatus[]).includes(status);
}

export function isTerminal(status: CaseStatus): boolean {
  return (TERMINAL_STATUSES as readonly CaseStatus[]).includes(status);
}

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

/** A walk-in or hotline applicant may have no WeChat identity: openid null. */
export interface Applicant {
  openid: string | null;
  name: string;
  phone: string;
}

/** 代办: the person applying on the applicant's behalf, recorded as such. */
export interface Proxy extends Applicant {
  /** e.g. 子女, 村干部 */
  relation: string;
}

const WORKER_ROLES: readonly ActorRole[] = ['advisor', 'staff', 'supervisor', 'admin'];
const LEAD_ROLES: readonly ActorRole[] = ['supervisor', 'admin'];

function isWorkerActor(actor: Actor): boolean {
  return WORKER_ROLES.includes(actor.role);
}

// ─── State ─────────────────────────────────────────────────────────────────────────────────

export type Visibility = 'applicant' | 'internal';

export const MATERIAL_KINDS = ['received', 'handedOver', 'signedFor'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  received: '材料接收',
  handedOver: '材料移交',
  signedFor: '材料签收',
};

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

export const MAX_FILES = 9;

/** Where a client stores its uploads: the one place `ownsUpload` accepts. */
export function uploadPrefix(openid: string): string {
  return `uploads/${openid}/`;
}

function ownsUpload(fileID: string, openid: string): boolean {
  const m = /^cloud:\/\/[A-Za-z0-9._-]+\/(.+)$/.exec(fileID);
  const path = m?.[1] ?? '';
  const prefix = uploadPrefix(openid);
  return openid !== '' && path.startsWith(prefix) && /^[A-Za-z0-9._-]{1,100}$/.test(path.slice(prefix.length));
}

export interface PendingTransfer {
  fromOrgId: string;
  toOrgId: string;
  reason: string;
  /** Where the case returns if the receiver declines: the sender keeps its place. */
  backTo: TransferableStatus;
  requestedAt: Date;
}

export type Satisfaction = 1 | 2 | 3 | 4 | 5;

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  1: '非常不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '非常满意',
};

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
  evaluation: { satisfaction: Satisfaction; comment: string } | null;
  /** When it left the open statuses (办结, 不予受理 or 撤回). */
  closedAt: Date | null;
  lastEventAt: Date;
  /** Number of events applied: the persistence layer's optimistic-concurrency version. */
  version: number;
}

// ─── Commands and events ───────────────────────────────────────────────────────────────────

export interface CommandPayloads {
  triage: { category?: CaseCategory; priorityGroups?: PriorityGroup[]; orgId?: string };
  assign: { handler: PersonRef };
  accept: Record<never, never>;
  start: Record<never, never>;
  addNote: { text: string; visibility: Visibility };
  remind: Record<never, never>;
  recordMaterials: { kind: MaterialKind; items: MaterialItem[]; counterpart?: string };
  requestMaterials: { items: string[] };
  supplyMaterials: { items: string[]; files?: Attachment[] };
  /** A worker's files stay internal unless shared; the applicant side's are always theirs to see. */
  addFiles: { files: Attachment[]; visibility?: Visibility };
  transfer: { toOrgId: string; reason: string };
  acceptTransfer: Record<never, never>;
  declineTransfer: { reason: string };
  resolve: { result: string };
  reject: { reason: string; referTo: string };
  withdraw: { reason?: string };
  evaluate: { satisfaction: number; comment?: string };
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
  'acceptTransfer',
  'declineTransfer',
  'resolve',
  'reject',
  'withdraw',
  'evaluate',
] as const satisfies readonly CommandType[];

/** Button labels. */
export const COMMAND_LABELS: Record<CommandType, string> = {
  triage: '分流',
  assign: '指派',
  accept: '签收',
  start: '开始办理',
  addNote: '添加记录',
  remind: '催办',
  recordMaterials: '登记材料',
  requestMaterials: '一次性告知补材料',
  supplyMaterials: '补交材料',
  addFiles: '上传材料',
  transfer: '转办',
  acceptTransfer: '接收转办',
  declineTransfer: '退回转办',
  resolve: '办结',
  reject: '不予受理',
  withdraw: '撤回',
  evaluate: '评价',
};

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
  };
  triaged: { category?: CaseCategory; limit?: TimeLimit; priorityGroups?: PriorityGroup[]; priority?: Priority; orgId?: string };
  assigned: { handler: PersonRef };
  accepted: { handler: PersonRef };
  started: Record<never, never>;
  noteAdded: { text: string };
  reminded: Record<never, never>;
  materialsRecorded: { kind: MaterialKind; items: MaterialItem[]; counterpart: string | null };
  materialsRequested: { items: string[] };
  materialsSupplied: { items: string[]; files: Attachment[] };
  filesAdded: { files: Attachment[] };
  transferred: { fromOrgId: string; toOrgId: string; reason: string };
  transferAccepted: { fromOrgId: string; toOrgId: string; handler: PersonRef };
  transferDeclined: { fromOrgId: string; toOrgId: string; reason: string; backTo: TransferableStatus };
  resolved: { result: string };
  rejected: { reason: string; referTo: string };
  withdrawn: { deemed: boolean; reason: string | null };
  evaluated: { satisfaction: Satisfaction; comment: string };
}
export type EventType = keyof EventData;

/** One row of `case_events`: append-only, the ledger the status is derived from. */
export type CaseEvent = {
  [K in EventType]: { type: K; at: Date; actor: Actor; visibility: Visibility; note?: string; data: EventData[K] };
}[EventType];
export type CaseEventOf<K extends EventType> = Extract<CaseEvent, { type: K }>;

export const EVENT_OF_COMMAND: Record<CommandType, EventType> = {
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
  acceptTransfer: 'transferAccepted',
  declineTransfer: 'transferDeclined',
  resolve: 'resolved',
  reject: 'rejected',
  withdraw: 'withdrawn',
  evaluate: 'evaluated',
};

// ─── The transition table: the guard, apply and the drawing all read it ─────────────────────

const TRANSFERABLE = ['received', 'assigned', 'accepted', 'inProgress'] as const satisfies readonly CaseStatus[];
export type TransferableStatus = (typeof TRANSFERABLE)[number];

export interface Transition {
  from: CaseStatus;
  command: CommandType;
  to: CaseStatus;
}

const moves = (from: readonly CaseStatus[], command: CommandType, to: CaseStatus): Transition[] =>
  from.map((f) => ({ from: f, command, to }));

/**
 * Every status change. Reassigning (改派) goes back to 已指派 so the new handler signs for it;
 * a declined transfer returns to wherever the sender had it, hence one row per origin.
 * No reassigning or transferring while materials are awaited: the clock is paused on the
 * applicant's side, and moving the case would hide who owes the applicant an answer.
 */
export const TRANSITIONS: readonly Transition[] = [
  ...moves(['received', 'assigned', 'accepted', 'inProgress'], 'assign', 'assigned'),
  ...moves(['received', 'assigned'], 'accept', 'accepted'),
  ...moves(['accepted'], 'start', 'inProgress'),
  ...moves(['accepted', 'inProgress'], 'requestMaterials', 'awaitingMaterials'),
  ...moves(['awaitingMaterials'], 'supplyMaterials', 'inProgress'),
  ...moves(TRANSFERABLE, 'transfer', 'transferPending'),
  ...moves(['transferPending'], 'acceptTransfer', 'accepted'),
  ...TRANSFERABLE.map((to) => ({ from: 'transferPending' as const, command: 'declineTransfer' as const, to })),
  ...moves(['accepted', 'inProgress'], 'resolve', 'resolved'),
  ...moves(['received', 'assigned', 'accepted', 'inProgress', 'awaitingMaterials'], 'reject', 'rejected'),
  ...moves(OPEN_STATUSES, 'withdraw', 'withdrawn'),
  ...moves(['resolved'], 'evaluate', 'evaluated'),
];

/** Commands that record something without moving the case, and where they are allowed. */
export const STAYS: Partial<Record<CommandType, readonly CaseStatus[]>> = {
  triage: ['received', 'assigned'],
  addNote: CASE_STATUSES,
  remind: OPEN_STATUSES,
  recordMaterials: OPEN_STATUSES,
  addFiles: OPEN_STATUSES,
};

function allowedFrom(command: CommandType): CaseStatus[] {
  return [...(STAYS[command] ?? []), ...TRANSITIONS.filter((t) => t.command === command).map((t) => t.from)];
}

// ─── Guards ────────────────────────────────────────────────────────────────────────────────

function invalid(message: string, reason: string): AppError {
  return new AppError('INVALID_STATE', message, { reason });
}

function forbidden(message: string): AppError {
  return new AppError('FORBIDDEN', message);
}

function badInput(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message);
}

function isHandler(state: CaseState, actor: Actor): boolean {
  return state.handler !== null && state.handler.openid === actor.openid;
}

function isHandlerOrLead(state: CaseState, actor: Actor): boolean {
  return isHandler(state, actor) || LEAD_ROLES.includes(actor.role);
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

function whoMay(state: CaseState, command: CommandType, actor: ActingActor): AppError | null {
  const worker = isWorkerActor(actor);
  const handlerOrLead = isHandlerOrLead(state, actor);
  const early = state.status === 'received' || state.status === 'assigned';
  const ok = ((): boolean => {
    switch (command) {
      case 'triage':
      case 'assign':
      case 'recordMaterials':
        return worker;
      case 'accept':
        // At reception anyone on duty may take the case on the spot; once assigned only that person signs.
        return state.status === 'received' ? worker : isHandler(state, actor);
      case 'start':
      case 'requestMaterials':
      case 'resolve':
        return handlerOrLead;
      case 'transfer':
      case 'reject':
        return early ? worker : handlerOrLead;
      case 'addNote':
        return worker || (!isTerminal(state.status) && speaksForApplicant(state, actor));
      case 'remind':
        return LEAD_ROLES.includes(actor.role) || (!worker && speaksForApplicant(state, actor));
      case 'supplyMaterials':
      case 'addFiles':
        return worker || speaksForApplicant(state, actor);
      case 'acceptTransfer':
      case 'declineTransfer':
        return worker && state.transfer !== null && (actor.role === 'admin' || actor.orgIds.includes(state.transfer.toOrgId));
      case 'withdraw':
        // 法律援助法 Art. 43: materials not supplied in time → treated as withdrawn, by the timer.
        return actor.role === 'system' ? state.status === 'awaitingMaterials' : speaksForApplicant(state, actor);
      case 'evaluate':
        return speaksForApplicant(state, actor);
    }
  })();
  if (ok) return null;
  switch (command) {
    case 'withdraw':
    case 'evaluate':
      return forbidden(`只有申请人本人或代办人可以${COMMAND_LABELS[command]}`);
    case 'accept':
      return forbidden('只有被指派的工作人员本人可以签收');
    case 'acceptTransfer':
    case 'declineTransfer':
      return forbidden('只有接收单位的工作人员可以接收或退回转办');
    default:
      return forbidden(`您不能对这个案件${COMMAND_LABELS[command]}`);
  }
}

/** Status and person checks, without the command's content: what decides which buttons show. */
export function guard(state: CaseState, command: CommandType, actor: ActingActor): AppError | null {
  const { status } = state;
  if (command === 'evaluate' && status === 'evaluated') return invalid('已经评价过了，每个案件只评价一次', 'alreadyEvaluated');
  if (command === 'withdraw' && (status === 'resolved' || status === 'evaluated')) {
    return invalid('案件已经办结，不能撤回', 'alreadyResolved');
  }
  if (command === 'requestMaterials' && state.materialsRequested && allowedFrom(command).includes(status)) {
    return invalid('缺少的材料已经一次性告知过，不能再次要求补充', 'alreadyRequested');
  }
  if (!allowedFrom(command).includes(status)) {
    return invalid(`案件现在是“${STATUS_LABELS[status]}”，不能${COMMAND_LABELS[command]}`, 'status');
  }
  return whoMay(state, command, actor);
}

/** The commands this person may use now: pages show exactly these buttons. */
export function availableCommands(state: CaseState, actor: ActingActor): CommandType[] {
  return COMMAND_TYPES.filter((command) => guard(state, command, actor) === null);
}

// ─── Input checks ──────────────────────────────────────────────────────────────────────────

const MAX_TEXT = 500;
const MAX_ITEMS = 50;

function text(value: string | undefined, what: string, max = MAX_TEXT): string {
  const trimmed = (value ?? '').trim();
  if (trimmed.length === 0) throw badInput(`请填写${what}`);
  if (trimmed.length > max) throw badInput(`${what}太长了`);
  return trimmed;
}

function optionalText(value: string | undefined, what: string): string | null {
  return value === undefined || value.trim() === '' ? null : text(value, what);
}

function itemList(items: readonly string[], what: string): string[] {
  const list = items.map((i) => i.trim()).filter((i) => i.length > 0);
  if (list.length === 0) throw badInput(`请列出${what}`);
  if (list.length > MAX_ITEMS) throw badInput(`${what}太多了`);
  if (list.some((i) => i.length > 100)) throw badInput(`${what}的名称太长了`);
  return [...new Set(list)];
}

function person(ref: PersonRef, what: string): PersonRef {
  if (ref.openid.trim() === '') throw badInput(`请选择${what}`);
  return { openid: ref.openid, name: text(ref.name, `${what}姓名`, 20) };
}

/** The caller's own uploads, named, at most MAX_FILES per step; the same file twice counts once. */
function fileList(files: readonly Attachment[], actor: Actor, required: boolean): Attachment[] {
  if (required && files.length === 0) throw badInput('请先选择要上传的文件');
  if (files.length > MAX_FILES) throw badInput(`一次最多上传${MAX_FILES}个文件`);
  // Content, not the person: the button stays on offer, the payload is what is wrong.
  if (files.some((f) => !ownsUpload(f.fileID, actor.openid))) throw badInput('只能提交您自己上传的文件');
  const seen = new Set<string>();
  return files
    .filter((f) => !seen.has(f.fileID) && seen.add(f.fileID))
    .map((f) => ({ fileID: f.fileID, name: text(f.name, '文件名', 60) }));
}

function isSatisfaction(value: number): value is Satisfaction {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

function actorOf(actor: Actor): Actor {
  return { openid: actor.openid, role: actor.role, name: actor.name };
}

// ─── decide ────────────────────────────────────────────────────────────────────────────────

export type Decision = { ok: true; events: CaseEvent[] } | { ok: false; error: AppError };

/**
 * What a command would record, or why it may not: INVALID_STATE for the wrong status,
 * FORBIDDEN for the wrong person, VALIDATION_FAILED for bad content. Nothing else escapes.
 */
export function decide(state: CaseState, command: CaseCommand, ctx: CommandContext): Decision {
  try {
    return { ok: true, events: decideOrThrow(state, command, ctx) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}

function decideOrThrow(state: CaseState, command: CaseCommand, ctx: CommandContext): CaseEvent[] {
  const blocked = guard(state, command.type, ctx.actor);
  if (blocked) throw blocked;
  const { at } = ctx;
  // The ledger is read top to bottom; an event dated before the last one would reorder history.
  if (!(at.getTime() >= state.lastEventAt.getTime())) {
    throw invalid('操作时间早于上一条记录，请刷新后再试', 'timeOrder');
  }
  const actor = actorOf(ctx.actor);
  const note = optionalText(command.note, '备注');
  const base = { at, actor, ...(note === null ? {} : { note }) };
  const event = ((): CaseEvent => {
    switch (command.type) {
      case 'triage': {
        const data: EventData['triaged'] = {};
        if (command.category !== undefined && command.category !== state.category) {
          data.category = command.category;
          data.limit = CATEGORY_INFO[command.category].limit;
        }
        if (command.priorityGroups !== undefined) {
          data.priorityGroups = [...new Set(command.priorityGroups)];
          data.priority = priorityFor(data.priorityGroups);
        }
        if (command.orgId !== undefined && command.orgId !== state.orgId) data.orgId = text(command.orgId, '承办单位', 40);
        if (Object.keys(data).length === 0) throw badInput('分流没有改变任何内容');
        // Seed 002 §(五): the resident is told of progress at every step, routing included.
        return { ...base, type: 'triaged', visibility: 'applicant', data };
      }
      case 'assign':
        return { ...base, type: 'assigned', visibility: 'applicant', data: { handler: person(command.handler, '承办人') } };
      case 'accept':
        return { ...base, type: 'accepted', visibility: 'applicant', data: { handler: { openid: actor.openid, name: actor.name } } };
      case 'start':
        return { ...base, type: 'started', visibility: 'applicant', data: {} };
      case 'addNote': {
        // A resident cannot write hidden notes: whatever they add is theirs to see.
        const visibility = isWorkerActor(actor) ? command.visibility : 'applicant';
        return { ...base, type: 'noteAdded', visibility, data: { text: text(command.text, '记录内容') } };
      }
      case 'remind':
        // A supervisor's 督办 is internal pressure; the applicant's 催办 is theirs to see.
        return { ...base, type: 'reminded', visibility: isWorkerActor(actor) ? 'internal' : 'applicant', data: {} };
      case 'recordMaterials': {
        if (!MATERIAL_KINDS.includes(command.kind)) throw badInput('材料登记类型不对');
        const names = itemList(
          command.items.map((i) => i.name),
          '材料',
        );
        if (command.items.some((i) => !Number.isInteger(i.count) || i.count < 1 || i.count > 999)) throw badInput('材料份数不对');
        if (names.length !== command.items.length) throw badInput('材料清单有重复或空白项');
        const items = command.items.map((i) => ({ name: i.name.trim(), count: i.count }));
        const counterpart = command.counterpart === undefined ? null : optionalText(command.counterpart, '交接对象');
        // 前店后厂: the applicant's papers are tracked from the window to the back office, and the
        // applicant sees each hand-over (seed 002 §(五): 材料接收、移交、签收 … 及时反馈).
        return { ...base, type: 'materialsRecorded', visibility: 'applicant', data: { kind: command.kind, items, counterpart } };
      }
      case 'requestMaterials':
        return { ...base, type: 'materialsRequested', visibility: 'applicant', data: { items: itemList(command.items, '缺少的材料') } };
      case 'supplyMaterials':
        return {
          ...base,
          type: 'materialsSupplied',
          visibility: 'applicant',
          data: { items: itemList(command.items, '补交的材料'), files: fileList(command.files ?? [], actor, false) },
        };
      case 'addFiles':
        return {
          ...base,
          type: 'filesAdded',
          visibility: isWorkerActor(actor) ? (command.visibility ?? 'internal') : 'applicant',
          data: { files: fileList(command.files, actor, true) },
        };
      case 'transfer': {
        const toOrgId = text(command.toOrgId, '接收单位', 40);
        if (toOrgId === state.orgId) throw badInput('不能转给本单位，请改用指派');
        return {
          ...base,
          type: 'transferred',
          visibility: 'applicant',
          data: { fromOrgId: state.orgId, toOrgId, reason: text(command.reason, '转办理由') },
        };
      }
      case 'acceptTransfer': {
        const transfer = pendingTransfer(state);
        return {
          ...base,
          type: 'transferAccepted',
          visibility: 'applicant',
          data: { fromOrgId: transfer.fromOrgId, toOrgId: transfer.toOrgId, handler: { openid: actor.openid, name: actor.name } },
        };
      }
      case 'declineTransfer': {
        const transfer = pendingTransfer(state);
        return {
          ...base,
          type: 'transferDeclined',
          visibility: 'applicant',
          data: {
            fromOrgId: transfer.fromOrgId,
            toOrgId: transfer.toOrgId,
            reason: text(command.reason, '退回理由'),
            backTo: transfer.backTo,
          },
        };
      }
      case 'resolve':
        return { ...base, type: 'resolved', visibility: 'applicant', data: { result: text(command.result, '办理结果', 2000) } };
      case 'reject':
        return {
          ...base,
          type: 'rejected',
          visibility: 'applicant',
          data: { reason: text(command.reason, '不予受理的理由'), referTo: text(command.referTo, '建议去处', 200) },
        };
      case 'withdraw': {
        const deemed = actor.role === 'system';
        const reason = deemed ? (optionalText(command.reason, '撤回原因') ?? '逾期未补齐材料') : optionalText(command.reason, '撤回原因');
        return { ...base, type: 'withdrawn', visibility: 'applicant', data: { deemed, reason } };
      }
      case 'evaluate': {
        if (!isSatisfaction(command.satisfaction)) throw badInput('请选择1到5分的满意度');
        const comment = optionalText(command.comment, '评价内容') ?? '';
        return { ...base, type: 'evaluated', visibility: 'applicant', data: { satisfaction: command.satisfaction, comment } };
      }
    }
  })();
  return [event];
}

function pendingTransfer(state: CaseState): PendingTransfer {
  if (!state.transfer) throw invalid('没有待接收的转办', 'noTransfer');
  return state.transfer;
}

/** Registers a request (受理/登记): the first event of every case. */
export function intake(input: IntakeInput, ctx: CommandContext): CaseEventOf<'received'> {
  const parts = parseCaseCode(input.code);
  if (!parts || parts.category !== input.category) throw badInput('案件编号和事项类别不一致');
  const applicant = { openid: input.applicant.openid, name: text(input.applicant.name, '来访人姓名', 20), phone: text(input.applicant.phone, '联系方式', 20) };
  const proxy = input.proxy
    ? {
        openid: input.proxy.openid,
        name: text(input.proxy.name, '代办人姓名', 20),
        phone: text(input.proxy.phone, '代办人联系方式', 20),
        relation: text(input.proxy.relation, '代办人与申请人的关系', 20),
      }
    : null;
  const { actor } = ctx;
  if (!isWorkerActor(actor)) {
    if (actor.role === 'system' || !['miniprogram', 'groupChat'].includes(input.channel)) {
      throw forbidden('窗口、热线和部门转来的事项由工作人员登记');
    }
    // Applying for someone else is 代办 and must say so: the ledger has to name who asked.
    if (applicant.openid !== actor.openid && proxy?.openid !== actor.openid) throw forbidden('替别人申请请选择“代办”并填写代办人信息');
  }
  const priorityGroups = [...new Set(input.priorityGroups ?? [])];
  const limit = input.limit ?? CATEGORY_INFO[input.category].limit;
  const attachments = fileList(input.attachments ?? [], actor, false);
  const signature = input.signature ? fileList([input.signature], actor, true)[0] ?? null : null;
  if (signature && !isWorkerActor(actor)) throw forbidden('接待人签名由工作人员在登记时手写');
  return {
    type: 'received',
    at: ctx.at,
    actor: actorOf(actor),
    visibility: 'applicant',
    data: {
      code: input.code,
      channel: input.channel,
      category: input.category,
      summary: text(input.summary, '办理事项', 1000),
      applicant,
      proxy,
      orgId: text(input.orgId, '承办单位', 40),
      priorityGroups,
      priority: priorityFor(priorityGroups),
      limit,
      attachments,
      signature,
    },
  };
}

// ─── apply / replay ────────────────────────────────────────────────────────────────────────

function corrupt(event: CaseEvent, state: CaseState | null): AppError {
  return invalid(
    `案件记录顺序有误：“${state ? STATUS_LABELS[state.status] : '未受理'}”之后不应有“${event.type}”`,
    'corruptLedger',
  );
}

function moveTo(state: CaseState, event: CaseEvent, command: CommandType, to: CaseStatus): CaseStatus {
  if (!TRANSITIONS.some((t) => t.from === state.status && t.command === command && t.to === to)) throw corrupt(event, state);
  return to;
}

function targetOf(state: CaseState, command: CommandType, event: CaseEvent): CaseStatus {
  const target = TRANSITIONS.find((t) => t.from === state.status && t.command === command);
  if (!target) throw corrupt(event, state);
  return target.to;
}

/** Leaving 待补材料 by any door restarts the clock, so it is paused exactly while materials are awaited. */
function clockOnLeaving(state: CaseState, at: Date): ClockState {
  return isPaused(state.clock) ? resumeClock(state.clock, at) : state.clock;
}

/**
 * One event onto the state. It trusts the actor checks `decide` made, but refuses an event
 * the transition table does not allow, so a tampered ledger cannot replay into a made-up state.
 */
export function apply(state: CaseState | null, event: CaseEvent): CaseState {
  if (event.type === 'received') {
    if (state !== null) throw corrupt(event, state);
    const d = event.data;
    return {
      code: d.code,
      channel: d.channel,
      category: d.category,
      summary: d.summary,
      applicant: d.applicant,
      proxy: d.proxy,
      orgId: d.orgId,
      priorityGroups: d.priorityGroups,
      priority: d.priority,
      status: 'received',
      handler: null,
      firstHandler: null,
      receivedAt: event.at,
      receivedBy: event.actor,
      clock: startClock(event.at, d.limit),
      missingMaterials: [],
      materialsRequested: false,
      // `?? …`: cases received before files existed have neither field on their first event.
      files: d.attachments ?? [],
      internalFiles: [],
      signature: d.signature ?? null,
      transfer: null,
      lastDecline: null,
      result: null,
      rejection: null,
      withdrawal: null,
      evaluation: null,
      closedAt: null,
      lastEventAt: event.at,
      version: 1,
    };
  }
  if (state === null) throw corrupt(event, state);
  const next = applyToCase(state, event);
  return { ...next, lastEventAt: event.at, version: state.version + 1 };
}

function stay(state: CaseState, event: CaseEvent, command: CommandType): void {
  if (!(STAYS[command] ?? []).includes(state.status)) throw corrupt(event, state);
}

function applyToCase(state: CaseState, event: Exclude<CaseEvent, { type: 'received' }>): CaseState {
  const { at } = event;
  switch (event.type) {
    case 'triaged': {
      stay(state, event, 'triage');
      const d = event.data;
      return {
        ...state,
        ...(d.category !== undefined ? { category: d.category } : {}),
        ...(d.limit !== undefined ? { clock: { ...state.clock, limit: d.limit } } : {}),
        ...(d.priorityGroups !== undefined ? { priorityGroups: d.priorityGroups } : {}),
        ...(d.priority !== undefined ? { priority: d.priority } : {}),
        ...(d.orgId !== undefined ? { orgId: d.orgId } : {}),
      };
    }
    case 'assigned':
      return {
        ...state,
        status: moveTo(state, event, 'assign', 'assigned'),
        handler: event.data.handler,
        firstHandler: state.firstHandler ?? event.data.handler,
      };
    case 'accepted':
      return {
        ...state,
        status: moveTo(state, event, 'accept', 'accepted'),
        handler: event.data.handler,
        firstHandler: state.firstHandler ?? event.data.handler,
      };
    case 'started':
      return { ...state, status: moveTo(state, event, 'start', 'inProgress') };
    case 'noteAdded':
      stay(state, event, 'addNote');
      return state;
    case 'reminded':
      stay(state, event, 'remind');
      return state;
    case 'materialsRecorded':
      stay(state, event, 'recordMaterials');
      return state;
    case 'materialsRequested':
      if (state.materialsRequested) throw corrupt(event, state);
      return {
        ...state,
        status: moveTo(state, event, 'requestMaterials', 'awaitingMaterials'),
        missingMaterials: event.data.items,
        materialsRequested: true,
        clock: pauseClock(state.clock, at),
      };
    case 'materialsSupplied': {
      const supplied = new Set(event.data.items);
      return {
        ...state,
        status: moveTo(state, event, 'supplyMaterials', 'inProgress'),
        missingMaterials: state.missingMaterials.filter((item) => !supplied.has(item)),
        files: [...state.files, ...event.data.files],
        clock: resumeClock(state.clock, at),
      };
    }
    case 'filesAdded':
      stay(state, event, 'addFiles');
      return event.visibility === 'internal'
        ? { ...state, internalFiles: [...state.internalFiles, ...event.data.files] }
        : { ...state, files: [...state.files, ...event.data.files] };
    case 'transferred': {
      const from = state.status;
      if (!(TRANSFERABLE as readonly CaseStatus[]).includes(from)) throw corrupt(event, state);
      return {
        ...state,
        status: moveTo(state, event, 'transfer', 'transferPending'),
        transfer: {
          fromOrgId: state.orgId,
          toOrgId: event.data.toOrgId,
          reason: event.data.reason,
          backTo: from as TransferableStatus,
          requestedAt: at,
        },
      };
    }
    case 'transferAccepted': {
      if (!state.transfer) throw corrupt(event, state);
      return {
        ...state,
        status: moveTo(state, event, 'acceptTransfer', 'accepted'),
        orgId: state.transfer.toOrgId,
        handler: event.data.handler,
        firstHandler: state.firstHandler ?? event.data.handler,
        transfer: null,
      };
    }
    case 'transferDeclined': {
      if (!state.transfer || state.transfer.backTo !== event.data.backTo) throw corrupt(event, state);
      return {
        ...state,
        status: moveTo(state, event, 'declineTransfer', state.transfer.backTo),
        lastDecline: { byOrgId: state.transfer.toOrgId, reason: event.data.reason, at },
        transfer: null,
      };
    }
    case 'resolved':
      return { ...state, status: moveTo(state, event, 'resolve', 'resolved'), result: event.data.result, closedAt: at };
    case 'rejected':
      return {
        ...state,
        status: targetOf(state, 'reject', event),
        rejection: { reason: event.data.reason, referTo: event.data.referTo },
        clock: clockOnLeaving(state, at),
        closedAt: at,
      };
    case 'withdrawn':
      return {
        ...state,
        status: targetOf(state, 'withdraw', event),
        withdrawal: { deemed: event.data.deemed, reason: event.data.reason },
        clock: clockOnLeaving(state, at),
        transfer: null,
        closedAt: at,
      };
    case 'evaluated':
      if (state.evaluation) throw corrupt(event, state);
      return {
        ...state,
        status: moveTo(state, event, 'evaluate', 'evaluated'),
        evaluation: { satisfaction: event.data.satisfaction, comment: event.data.comment },
      };
  }
}

/** The case as its ledger says it is; the stored document must equal this. */
export function replay(events: readonly CaseEvent[]): CaseState {
  const state = events.reduce<CaseState | null>(apply, null);
  if (state === null) throw invalid('案件没有受理记录', 'emptyLedger');
  return state;
}

/** Decides and applies in one step, throwing the AppError: what a cloud function handler calls. */
export function execute(
  state: CaseState,
  command: CaseCommand,
  ctx: CommandContext,
): { state: CaseState; events: CaseEvent[] } {
  const decision = decide(state, command, ctx);
  if (!decision.ok) throw decision.error;
  return { state: decision.events.reduce(apply, state), events: decision.events };
}

/**
 * The deadline to store as `cases.dueAt`: null once the case has left the open statuses or
 * while materials are awaited, so "dueAt < now" finds exactly the overdue open cases.
 */
export function caseDueAt(state: CaseState, calendar: WorkCalendar): Date | null {
  return isOpen(state.status) ? dueAt(state.clock, calendar) : null;
}

/** 办结 (resolved, then perhaps rated): the outcome the office's 办结率 counts. */
export const RESOLVED_STATUSES = ['resolved', 'evaluated'] as const satisfies readonly CaseStatus[];

/**
 * Whether a resolved case met its time limit, stored as `cases.closedInTime` so the statistics
 * board counts 按期办结 with one aggregate instead of replaying each clock; null until resolved
 * (and for 不予受理/撤回, which no time limit judges).
 */
export function closedInTime(state: CaseState, calendar: WorkCalendar): boolean | null {
  const resolved = (RESOLVED_STATUSES as readonly CaseStatus[]).includes(state.status);
  return resolved && state.closedAt ? metDeadline(state.clock, state.closedAt, calendar) : null;
}

/** The fields the `cases` document stores beside the state, for indexed queues and statistics. */
export function queryFields(state: CaseState, calendar: WorkCalendar): { dueAt: Date | null; closedInTime: boolean | null } {
  return { dueAt: caseDueAt(state, calendar), closedInTime: closedInTime(state, calendar) };
}
