import {
  AppError,
  apply,
  counterKey,
  execute,
  formatCaseCode,
  intake,
  queryFields,
  refuse,
  type CaseCommand,
  type CaseEvent,
  type ActingActor,
  type CaseState,
  type CommandContext,
  type IntakeInput,
  type WorkCalendar,
} from '@core';
import { _, db, type Transaction } from '../_runtime/cloud';
import { nextSequence } from '../_runtime/counters';
import { isDuplicateKey, isTransactionConflict } from '../_runtime/db-errors';
import { currentClaim, idempotencyMismatch, requestInProgress, RETENTION_MS, type FoldedClaim } from '../_runtime/idempotency';
import type { MemberDoc } from '../_runtime/actor';
import { caseNoticeWrites } from '../_runtime/outbox';

/** The stored case: its state (a projection of its events) plus what queues and scope checks need. */
export interface CaseDoc extends CaseState {
  _id: string;
  /** Null when closed or while materials are awaited: "dueAt < now" finds exactly the overdue open cases. */
  dueAt: Date | null;
  /** 按期办结: whether a resolved case met its time limit; null while open or when it ended otherwise. */
  closedInTime: boolean | null;
  /** Ancestors of the owning unit, for subtree scope and queues. */
  orgPath: string[];
  /** Ancestors of the unit a pending transfer goes to: its people must reach the case to sign for it. */
  transferPath: string[] | null;
  /** The latest requests that changed the case (their idempotency claims); absent when none. */
  requests?: CaseClaim[];
}

interface EventDoc {
  _id: string;
  caseId: string;
  seq: number;
}

export type StoredEvent = CaseEvent & EventDoc;

/** A request that changed the case lately: a retry of it finds it here, inside the same transaction. */
export interface CaseClaim {
  /** The idempotency claim's id: a hash of action, caller and requestId, nothing personal. */
  id: string;
  /** Keyed hash of the payload: a requestId reused for another payload is refused. */
  payload: string;
  at: Date;
}

/** A document the same transaction inserts beside the case's own writes (e.g. an outbox entry). */
export interface ExtraWrite {
  collection: string;
  doc: Record<string, unknown> & { _id: string };
}

/**
 * Called once the command's outcome is known, before anything is written: whatever it returns is
 * inserted in the transaction that writes the case and its events, so it exists exactly when they
 * do. Pure: it may run again when the transaction is retried. See /work/notes/f3-store.md.
 */
export type ExtraWrites = (outcome: { before: CaseDoc | null; doc: CaseDoc; events: StoredEvent[] }) => ExtraWrite[];

/** How often a command is tried when another writer got to the case first, before CONFLICT. */
const COMMAND_ATTEMPTS = 5;
/** Requests a case remembers: a retry comes within minutes, a case sees a few dozen commands in its life. */
const CLAIMS_KEPT = 20;
/** One read's worth of events: CloudBase answers at most 1,000 documents; a case has tens at most. */
const EVENTS_PAGE = 1000;
/** Cases whose events one read asks for: at 6–7 events a case a chunk's events fit one page. */
const CASES_PER_READ = 100;

const eventId = (caseId: string, seq: number) => `${caseId}-${String(seq).padStart(6, '0')}`;

const concurrentChange = () => refuse('CONFLICT', 'concurrent_change', '有人刚刚处理了这件事，请刷新后再试');

function stripDoc(doc: CaseDoc): CaseState {
  const { _id, dueAt: _due, closedInTime: _inTime, orgPath: _path, transferPath: _transfer, requests: _requests, ...state } = doc;
  void _id;
  return state;
}

function docOf(caseId: string, state: CaseState, orgPath: string[], transferPath: string[] | null, calendar: WorkCalendar, requests: CaseClaim[]): CaseDoc {
  return { ...state, _id: caseId, orgPath, transferPath, ...queryFields(state, calendar), ...(requests.length > 0 && { requests }) };
}

/** The claims a case keeps after this request: the latest few of the last day, this one last. */
function keptClaims(doc: CaseDoc | null, claim: FoldedClaim | undefined): CaseClaim[] {
  if (!claim) return doc?.requests ?? [];
  const fresh = (doc?.requests ?? []).filter((c) => claim.at.getTime() - new Date(c.at).getTime() < RETENTION_MS);
  return [...fresh, { id: claim.id, payload: claim.payloadHash, at: claim.at }].slice(-CLAIMS_KEPT);
}

/**
 * Whether this request already changed the case: then it is answered from the case as it is, not
 * carried out again. The same requestId with another payload is refused.
 */
function alreadyDone(doc: CaseDoc, claim: FoldedClaim | undefined): boolean {
  if (!claim) return false;
  const seen = (doc.requests ?? []).find((c) => c.id === claim.id && claim.at.getTime() - new Date(c.at).getTime() < RETENTION_MS);
  if (seen && seen.payload !== claim.payloadHash) throw idempotencyMismatch();
  return Boolean(seen);
}

/**
 * One transaction, tried once: a conflict or a taken key comes back to the caller, which reads
 * again and decides again (wx-server-sdk's runTransaction cannot retry a conflict raised at a
 * write: it looks for a code the SDK does not keep).
 */
async function once(work: (tx: Transaction) => Promise<void>): Promise<void> {
  await db.runTransaction(work, 0);
}

/** Lost to another writer: the caller reads the case again. */
const lostRace = (err: unknown) => !(err instanceof AppError) && (isTransactionConflict(err) || isDuplicateKey(err));

/**
 * Registers a case (受理): the case code comes from the daily sequence of its category, the case
 * document and its first event are written in one transaction, so a case never exists without
 * its ledger. A number is drawn only for a request every check has accepted (the caller's checks
 * on the unit and the time before this, core's intake rules here), so refused requests leave the
 * day's numbering as it was; a failed transaction leaves a gap, never a duplicate. The request's
 * idempotency record was claimed before this (so twins wait rather than each take a number) and is
 * never marked done: this case, under an id derived from the request, answers its retries.
 */
export async function openCase(
  caseId: string,
  input: Omit<IntakeInput, 'code'>,
  ctx: CommandContext,
  orgPath: string[],
  calendar: WorkCalendar,
  extraWrites?: ExtraWrites,
): Promise<CaseDoc> {
  const claim = currentClaim();
  // A retry (or a call from outside the dispatcher) finds its own case instead of failing on the id
  // and takes no second number; a first call has just claimed the request, so no case can exist.
  if (!claim || claim.retry) {
    const earlier = await findCase(caseId);
    if (earlier) return earlier;
    if (claim?.retry && !claim.retry.stale) throw requestInProgress();
  }
  // Intake is pure and its checks do not look at the sequence: the first number of the day stands
  // in for the real one, and whatever intake refuses is refused before a number is taken.
  intake({ ...input, code: formatCaseCode(input.category, ctx.at, 1) }, ctx);
  const seq = await nextSequence(counterKey(input.category, ctx.at), ctx.at);
  const event = intake({ ...input, code: formatCaseCode(input.category, ctx.at, seq) }, ctx);
  const doc = docOf(caseId, apply(null, event), orgPath, null, calendar, []);
  const first: StoredEvent = { ...event, _id: eventId(caseId, 1), caseId, seq: 1 };
  const extra = [...caseNoticeWrites({ doc, events: [first] }), ...(extraWrites?.({ before: null, doc, events: [first] }) ?? [])];
  try {
    await once(async (tx) => {
      await tx.collection('cases').add({ data: doc });
      await tx.collection('case_events').add({ data: first });
      for (const w of extra) await tx.collection(w.collection).add({ data: w.doc });
    });
  } catch (err) {
    if (!lostRace(err)) throw err;
    // The same request got there first (its record had expired and was swept): it is the answer.
    const twin = await findCase(caseId);
    if (!twin) throw concurrentChange();
    return twin;
  }
  return doc;
}

async function findCase(caseId: string): Promise<CaseDoc | undefined> {
  return (await db.collection<CaseDoc>('cases').where({ _id: caseId }).limit(1).get()).data[0];
}

export async function loadCase(caseId: string): Promise<CaseDoc> {
  const doc = await findCase(caseId);
  if (!doc) throw refuse('NOT_FOUND', 'case_not_found', '没有找到这件事');
  return doc;
}

export async function loadEvents(caseId: string): Promise<StoredEvent[]> {
  const { data } = await db.collection<StoredEvent>('case_events').where({ caseId }).orderBy('seq', 'asc').limit(EVENTS_PAGE).get();
  return data;
}

/** The aggregate stage the SDK has and cloud.ts does not type: a join by field. */
interface Joinable {
  match(filter: object): Joinable;
  addFields(fields: object): Joinable;
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): Joinable;
  end(): Promise<{ list: Array<CaseDoc & { events?: StoredEvent[]; callers?: MemberDoc[]; caller?: string }> }>;
}

/**
 * A case and its whole ledger in one read ($lookup by caseId): what a command decides on and answers
 * with. Given the caller's openid, the same read brings their member record (a second $lookup on a
 * field set to the openid): `member` is null for a resident, undefined when no case was found.
 */
export async function loadCaseWithEvents(caseId: string, caller?: string): Promise<{ doc: CaseDoc | null; events: StoredEvent[]; member?: MemberDoc | null }> {
  let read = (db.collection('cases').aggregate() as unknown as Joinable)
    .match({ _id: caseId })
    .lookup({ from: 'case_events', localField: '_id', foreignField: 'caseId', as: 'events' });
  if (caller !== undefined) {
    read = read.addFields({ caller: _.aggregate.literal(caller) }).lookup({ from: 'members', localField: 'caller', foreignField: '_id', as: 'callers' });
  }
  const row = (await read.end()).list[0];
  if (!row) return { doc: null, events: [] };
  const { events = [], callers, caller: _caller, ...doc } = row;
  void _caller;
  return { doc, events: [...events].sort((a, b) => a.seq - b.seq), ...(caller !== undefined && { member: callers?.[0] ?? null }) };
}

/**
 * The events of many cases in a few reads, not one read per case: the ids go in chunks small
 * enough that a chunk's events fit one answer (cases average 6–7 events), read side by side. A
 * chunk that still overflows pages on; no read ever skips past thousands of sorted rows.
 */
export async function loadEventsOf(caseIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const byCase = new Map<string, StoredEvent[]>(caseIds.map((id) => [id, []]));
  const chunks: string[][] = [];
  for (let i = 0; i < caseIds.length; i += CASES_PER_READ) chunks.push(caseIds.slice(i, i + CASES_PER_READ));
  const answers = await Promise.all(
    chunks.map(async (ids) => {
      const found: StoredEvent[] = [];
      for (let skip = 0; ; skip += EVENTS_PAGE) {
        const { data } = await db
          .collection<StoredEvent>('case_events')
          .where({ caseId: _.in(ids) })
          .orderBy('caseId', 'asc')
          .orderBy('seq', 'asc')
          .skip(skip)
          .limit(EVENTS_PAGE)
          .get();
        found.push(...data);
        if (data.length < EVENTS_PAGE) return found;
      }
    }),
  );
  for (const e of answers.flat()) byCase.get(e.caseId)?.push(e);
  return byCase;
}

export interface CommandOptions {
  calendar: WorkCalendar;
  /**
   * Who is acting, judged on the case as the command decides on it (so the scope check sees
   * exactly what is changed); throws FORBIDDEN when the caller does not reach it.
   */
  actorFor(doc: CaseDoc): ActingActor;
  /** The ancestor path of a unit the command moves the case to. */
  pathOf(orgId: string): Promise<string[]>;
  /** Documents to insert in the command's own transaction (see ExtraWrites). */
  extraWrites?: ExtraWrites;
  /**
   * The caller's openid and what to do with their member record, read in the case's own read
   * (fresh on every attempt's read; handed over once, before actorFor).
   */
  caller?: { openid: string; adopt(member: MemberDoc | null): Promise<void> };
}

export interface CommandResult {
  doc: CaseDoc;
  /** The events this command added (none when it answers a retry it already carried out). */
  events: CaseEvent[];
  /** Every event of the case after the command, in order: the answer's timeline, with no second read. */
  timeline: StoredEvent[];
  actor: ActingActor;
}

/**
 * Runs one command on a case: read the case with its events (one read), decide and apply in core,
 * then write the new projection, the new events, the request's claim and any extra documents in
 * one transaction (one write each). Event ids follow the case's version, so a command decided on
 * a case someone changed since fails on its event's id (or on CloudBase's write conflict) and is
 * decided again on what is there now; after COMMAND_ATTEMPTS it answers CONFLICT.
 */
export async function runCommand(caseId: string, command: CaseCommand, at: Date, opts: CommandOptions): Promise<CommandResult> {
  const claim = currentClaim();
  for (let attempt = 1; ; attempt++) {
    const { doc: before, events: prior, member } = await loadCaseWithEvents(caseId, opts.caller?.openid);
    if (!before) throw refuse('NOT_FOUND', 'case_not_found', '没有找到这件事');
    if (opts.caller && attempt === 1) await opts.caller.adopt(member ?? null);
    const actor = opts.actorFor(before);
    if (alreadyDone(before, claim)) return { doc: before, events: [], timeline: prior, actor };
    // Never dated before the case's last event: a command decided again after another one landed
    // (or on an instance whose clock runs a little behind) is recorded after it.
    const when = new Date(Math.max(at.getTime(), new Date(before.lastEventAt).getTime()));
    const { state, events } = execute(stripDoc(before), command, { actor, at: when });
    const orgPath = state.orgId === before.orgId ? before.orgPath : await opts.pathOf(state.orgId);
    const transferPath = state.transfer ? await opts.pathOf(state.transfer.toOrgId) : null;
    const doc = docOf(caseId, state, orgPath, transferPath, opts.calendar, keptClaims(before, claim));
    const added: StoredEvent[] = events.map((event, i) => ({ ...event, _id: eventId(caseId, before.version + i + 1), caseId, seq: before.version + i + 1 }));
    // Nothing decided, nothing written: a write from a stale read must always carry a new event id.
    if (added.length === 0) return { doc: before, events: [], timeline: prior, actor };
    // The step's notices (inbox + outbox) ride in its transaction: a step and its notice cannot half-happen.
    const extra = [...caseNoticeWrites({ doc, events: added }), ...(opts.extraWrites?.({ before, doc, events: added }) ?? [])];
    try {
      await once(async (tx) => {
        const { _id, ...fields } = doc;
        void _id;
        await tx.collection('cases').doc(caseId).set({ data: fields });
        for (const event of added) await tx.collection('case_events').add({ data: event });
        for (const w of extra) await tx.collection(w.collection).add({ data: w.doc });
      });
      return { doc, events, timeline: [...prior, ...added], actor };
    } catch (err) {
      if (!lostRace(err)) throw err;
      if (attempt >= COMMAND_ATTEMPTS) throw concurrentChange();
    }
  }
}
