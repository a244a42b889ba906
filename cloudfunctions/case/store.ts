import {
  apply,
  CASE_CATEGORIES,
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
import { _, db } from '../_runtime/cloud';
import { drawSequence, prepareCounters } from '../_runtime/counters';
import { duplicateIndexOf, isDuplicateKey } from '../_runtime/db-errors';
import { log } from '../_runtime/log';
import { currentClaim, idempotencyMismatch, requestInProgress, RETENTION_MS, STALE_CLAIM_MS, type FoldedClaim } from '../_runtime/idempotency';
import type { MemberDoc } from '../_runtime/actor';
import { caseNoticeWrites } from '../_runtime/outbox';

/*
 * How a step is written (F3, README "Case steps without a transaction"): no transaction. The step's
 * first event is the commit point: it is added under the id `<caseId>-<seq>`, which only one
 * writer can take, and it carries what must follow from it (`commit`: the case's stored fields
 * that its events do not give, the request's claim, the caller's extra documents, any further
 * events of the same step). Then the step's notices and extra documents are added (a taken id is
 * the same document: skipped), then the case is set, only if it is still behind. A writer that dies
 * between the event and the case leaves an event beyond the case's version: the next read of the
 * case with its events (any command, the case page, a retry, the hourly sweep) rolls it forward
 * the same way, so a notice exists exactly when its event does, once. Core's `apply` gives the case state from the
 * events, the commit the rest, so whoever rolls a step forward writes exactly what its writer would.
 */

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

/** A request that changed the case lately: a retry of it finds it here. */
export interface CaseClaim {
  /** The idempotency claim's id: a hash of action, caller and requestId, nothing personal. */
  id: string;
  /** Keyed hash of the payload: a requestId reused for another payload is refused. */
  payload: string;
  at: Date;
}

/** A document written with a step, after its event and before its case (e.g. an outbox entry). */
export interface ExtraWrite {
  collection: string;
  doc: Record<string, unknown> & { _id: string };
}

/**
 * Called once the command's outcome is known, before anything is written: whatever it returns is
 * kept in the step's first event and added after it, so it exists exactly when the step does.
 * Give each document a deterministic `_id` derived from the event: a taken id counts as written
 * (a roll-forward or a retry wrote it). A key of another unique index taken by another document
 * is a failure, logged and answered INTERNAL (the step stays half-written until it is resolved),
 * never counted as written (README "Case steps without a transaction").
 */
export type ExtraWrites = (outcome: { before: CaseDoc | null; doc: CaseDoc; events: StoredEvent[] }) => ExtraWrite[];

/** What a step's first event carries so that anyone can finish the step (see the comment on top). */
interface Commit {
  orgPath: string[];
  transferPath: string[] | null;
  dueAt: Date | null;
  closedInTime: boolean | null;
  /** The request's claim, kept on the case (absent for system commands and calls without one). */
  claim?: CaseClaim;
  /** The caller's extra documents (the step's notices are derived again from its events). */
  extra?: ExtraWrite[];
  /** The step's further events, when it has more than one. */
  rest?: StoredEvent[];
}

type HeadEvent = StoredEvent & { commit?: Commit };

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

/** An event as the ledger shows it: without the commit its step carried. */
function bare(event: HeadEvent): StoredEvent {
  if (!('commit' in event)) return event;
  const { commit: _commit, ...rest } = event;
  void _commit;
  return rest as StoredEvent;
}

/** The claims a case keeps after this request: the latest few of the last day, this one last. */
function keptClaims(doc: CaseDoc | null, claim: CaseClaim | undefined): CaseClaim[] {
  if (!claim) return doc?.requests ?? [];
  const at = new Date(claim.at).getTime();
  const fresh = (doc?.requests ?? []).filter((c) => at - new Date(c.at).getTime() < RETENTION_MS);
  return [...fresh, claim].slice(-CLAIMS_KEPT);
}

const caseClaim = (claim: FoldedClaim | undefined): CaseClaim | undefined => claim && { id: claim.id, payload: claim.payloadHash, at: claim.at };

/** The stored case after a step: its state, from the events, and the rest from the step's commit. */
function docAfter(caseId: string, before: CaseDoc | null, state: CaseState, commit: Commit): CaseDoc {
  const requests = keptClaims(before, commit.claim);
  return {
    ...state,
    _id: caseId,
    orgPath: commit.orgPath,
    transferPath: commit.transferPath,
    dueAt: commit.dueAt,
    closedInTime: commit.closedInTime,
    ...(requests.length > 0 && { requests }),
  };
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
 * After a duplicate key on adding `doc`: whether it is the document's own id that is taken (then it
 * is this very document, written by a roll-forward or a retry: ids are derived from the event). An
 * error naming `_id_` says so; one naming another index, or none, is settled by reading the id
 * (only on this path: a roll-forward's or a retry's). Anything else throws, logged: a document
 * lost to another unique index must never pass for written.
 */
async function takenById(collection: string, doc: { _id: string }, err: unknown): Promise<void> {
  if (!isDuplicateKey(err)) throw err;
  const index = duplicateIndexOf(err);
  if (index === '_id_') return;
  const { data } = await db.collection(collection).where({ _id: doc._id }).field({ _id: true }).limit(1).get();
  if (data.length > 0) return;
  const message = `${collection}/${doc._id} was not written: unique index ${index ?? '(not named)'} holds its key for another document`;
  log('error', 'case step write collided', { collection, id: doc._id, index, error: err instanceof Error ? err.message : String((err as { errMsg?: unknown }).errMsg ?? err) });
  throw new Error(message);
}

/** Adds documents whose ids say what they are: one request for all, and a taken id is one already written. */
async function addAll(collection: string, docs: ReadonlyArray<{ _id: string }>): Promise<void> {
  if (docs.length === 0) return;
  try {
    await db.collection(collection).add({ data: docs.length === 1 ? docs[0]! : [...docs] });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    if (docs.length === 1) return takenById(collection, docs[0]!, err);
    // Some were written (a roll-forward, or a writer before us): the rest one by one.
    for (const doc of docs) {
      try {
        await db.collection(collection).add({ data: doc });
      } catch (e) {
        await takenById(collection, doc, e);
      }
    }
  }
}

async function addExtras(writes: readonly ExtraWrite[]): Promise<void> {
  const byCollection = new Map<string, Array<{ _id: string }>>();
  for (const w of writes) byCollection.set(w.collection, [...(byCollection.get(w.collection) ?? []), w.doc]);
  for (const [collection, docs] of byCollection) await addAll(collection, docs);
}

/** A field of an update set as a whole value (the SDK would spread an object into one path per field). */
const whole = (v: unknown) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v);

/**
 * Sets the case to `doc`, only if it is still behind it: a writer that comes late never takes the
 * case back. `before` is the case as it stands now (null: it is not there yet), whose fields that
 * `doc` no longer has are removed.
 */
async function setCase(doc: CaseDoc, before: CaseDoc | null): Promise<void> {
  const { _id, ...fields } = doc;
  if (!before) {
    try {
      await db.collection('cases').add({ data: doc });
    } catch (err) {
      // The case itself is there (a roll-forward added it); its code taken by another case is not.
      await takenById('cases', doc, err);
    }
    return;
  }
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) data[k] = whole(v);
  for (const k of Object.keys(before)) if (k !== '_id' && !(k in fields)) data[k] = _.remove();
  await db
    .collection('cases')
    .where({ _id, version: _.lt(doc.version) })
    .update({ data });
}

/**
 * Everything a step writes after its first event: further events, its notices and extra documents
 * (before the case: a case that has moved on is how a step is known to be finished), then the case.
 */
async function finish(before: CaseDoc | null, doc: CaseDoc, events: readonly StoredEvent[], commit: Commit): Promise<void> {
  if (commit.rest?.length) await addAll('case_events', commit.rest);
  await addExtras([...caseNoticeWrites({ doc, events }), ...(commit.extra ?? [])]);
  await setCase(doc, before);
}

/**
 * Rolls forward the steps whose first event is beyond the case's version (their writer stopped
 * between the event and the case): the case as it must be, and its events without the commits.
 */
async function rollForward(doc: CaseDoc | null, events: readonly HeadEvent[], caseId: string): Promise<{ doc: CaseDoc | null; events: StoredEvent[] }> {
  let current = doc;
  const ledger = events.map(bare);
  const seen = new Set(ledger.map((e) => e.seq));
  for (const head of events) {
    if (head.seq <= (current?.version ?? 0) || !head.commit) continue;
    const step = [bare(head), ...(head.commit.rest ?? [])];
    const state = step.reduce<CaseState | null>((s, e) => apply(s, e), current ? stripDoc(current) : null);
    if (!state) continue;
    const after = docAfter(caseId, current, state, head.commit);
    await finish(current, after, step, head.commit);
    for (const e of head.commit.rest ?? []) if (!seen.has(e.seq)) ledger.push(e);
    current = after;
  }
  return { doc: current, events: ledger.sort((a, b) => a.seq - b.seq) };
}

/**
 * Writes a step: its first event (the commit point), then the rest. False when another writer
 * took the event's id first (the caller reads again and decides again).
 */
async function writeStep(before: CaseDoc | null, doc: CaseDoc, events: readonly StoredEvent[], commit: Commit): Promise<boolean> {
  const [head, ...rest] = events;
  if (!head) return true;
  const full: Commit = { ...commit, ...(rest.length > 0 && { rest }) };
  try {
    await db.collection('case_events').add({ data: { ...head, commit: full } });
  } catch (err) {
    // Its id and its (caseId, seq) key say the same: this step of the case is taken, whichever is named.
    if (isDuplicateKey(err)) return false;
    throw err;
  }
  await finish(before, doc, events, full);
  return true;
}

/**
 * Registers a case (受理): the case code comes from the daily sequence of its category; the first
 * event is written first and carries the case, so a case never exists without its ledger. A number
 * is drawn only for a request every check has accepted (the caller's checks on the unit and the time
 * before this, core's intake rules here), so refused requests leave the day's numbering as it was.
 * The request's claim rides on the draw (the counter keeps the latest requests that drew a number):
 * a retry, or a twin sent at the same moment, finds its claim there and draws no second number; it
 * is answered from the case under the id derived from the request, or told the first is still in
 * progress. A writer that died after its draw leaves a gap, never a duplicate.
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
  const answer = (earlier: CaseDoc) => {
    // The same request id with another payload is refused, not answered with the first case.
    alreadyDone(earlier, claim);
    return earlier;
  };
  // A call without a claim (another function's own write) looks for its case first.
  if (!claim) {
    const earlier = await findCaseSettled(caseId);
    if (earlier) return earlier;
  }
  // Intake is pure and its checks do not look at the sequence: the first number of the day stands
  // in for the real one, and whatever intake refuses is refused before a number is taken.
  intake({ ...input, code: formatCaseCode(input.category, ctx.at, 1) }, ctx);
  const key = counterKey(input.category, ctx.at);
  const request = claim && { id: caseId, at: claim.at };
  let drawn = await drawSequence(key, ctx.at, request);
  if ('takenAt' in drawn) {
    const earlier = await findCaseSettled(caseId);
    if (earlier) return answer(earlier);
    if (!request || request.at.getTime() - drawn.takenAt.getTime() <= STALE_CLAIM_MS) throw requestInProgress();
    // The instance that drew for this request died before writing: draw again.
    drawn = await drawSequence(key, ctx.at, request, { retake: true });
    if ('takenAt' in drawn) throw requestInProgress();
  }
  const event = intake({ ...input, code: formatCaseCode(input.category, ctx.at, drawn.value) }, ctx);
  const first: StoredEvent = { ...event, _id: eventId(caseId, 1), caseId, seq: 1 };
  const state = apply(null, event);
  const partial: Commit = { orgPath, transferPath: null, ...queryFields(state, calendar), ...(claim && { claim: caseClaim(claim) }) };
  const doc = docAfter(caseId, null, state, partial);
  const extra = extraWrites?.({ before: null, doc, events: [first] }) ?? [];
  if (await writeStep(null, doc, [first], { ...partial, ...(extra.length > 0 && { extra }) })) return doc;
  // The same request got there first (a twin whose claim the counter no longer held): it is the answer.
  const twin = await findCaseSettled(caseId);
  if (!twin) throw concurrentChange();
  return answer(twin);
}

const DAY_MS = 86_400_000;

/**
 * For the case function's hourly timer: today's and tomorrow's (Asia/Shanghai) number counters of
 * every category, made ahead at zero, so that a day's first submission draws on its counter in one
 * operation like every other (6 round trips, not 7). One read an hour, one batch add a day; a
 * counter already there (drawn on, or made by an earlier run) is left as it is. Should the timer
 * not have run, the first draw still creates its counter (one operation more).
 */
export async function prepareCaseCounters({ now }: { now(): Date }): Promise<{ countersMade: number }> {
  const at = now();
  const keys = [at, new Date(at.getTime() + DAY_MS)].flatMap((day) => CASE_CATEGORIES.map((category) => counterKey(category, day)));
  return { countersMade: await prepareCounters(keys, at) };
}

/** The case, rolled forward if a step of it was left half-written (its first event, when the case is not there). */
async function findCaseSettled(caseId: string): Promise<CaseDoc | undefined> {
  const { doc } = await loadCaseWithEvents(caseId);
  return doc ?? undefined;
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
  const { data } = await db.collection<HeadEvent>('case_events').where({ caseId }).orderBy('seq', 'asc').limit(EVENTS_PAGE).get();
  return data.map(bare);
}

/** The aggregate stage the SDK has and cloud.ts does not type: a join by field. */
interface Joinable {
  match(filter: object): Joinable;
  addFields(fields: object): Joinable;
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): Joinable;
  end(): Promise<{ list: Array<CaseDoc & { events?: HeadEvent[]; callers?: MemberDoc[]; caller?: string }> }>;
}

/**
 * A case and its whole ledger in one read ($lookup by caseId): what a command decides on and answers
 * with. Given the caller's openid, the same read brings their member record (a second $lookup on a
 * field set to the openid): `member` is null for a resident, undefined when no case was found.
 * A step left half-written (an event beyond the case's version) is rolled forward first; so is a
 * case whose first event was written and the case not (one more read, only when no case is found).
 */
export async function loadCaseWithEvents(caseId: string, caller?: string): Promise<{ doc: CaseDoc | null; events: StoredEvent[]; member?: MemberDoc | null }> {
  let read = (db.collection('cases').aggregate() as unknown as Joinable)
    .match({ _id: caseId })
    .lookup({ from: 'case_events', localField: '_id', foreignField: 'caseId', as: 'events' });
  if (caller !== undefined) {
    read = read.addFields({ caller: _.aggregate.literal(caller) }).lookup({ from: 'members', localField: 'caller', foreignField: '_id', as: 'callers' });
  }
  const row = (await read.end()).list[0];
  if (!row) {
    const { data } = await db.collection<HeadEvent>('case_events').where({ _id: eventId(caseId, 1) }).limit(1).get();
    if (!data[0]?.commit) return { doc: null, events: [] };
    await rollForward(null, data, caseId);
    return loadCaseWithEvents(caseId, caller);
  }
  const { events = [], callers, caller: _caller, ...stored } = row;
  void _caller;
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const behind = sorted.some((e) => e.seq > stored.version && e.commit);
  const { doc, events: ledger } = behind ? await rollForward(stored, sorted, caseId) : { doc: stored, events: sorted.map(bare) };
  return { doc, events: ledger, ...(caller !== undefined && { member: callers?.[0] ?? null }) };
}

/** How far back the hourly sweep looks for half-written steps: two runs' worth, so none falls between. */
const SWEEP_BACK_MS = 2 * 3_600_000;
/** A step younger than this is left to its writer, which may still be finishing it. */
const SWEEP_GRACE_MS = 60_000;

/**
 * The hourly sweep (the case function's timer): finishes the steps of the last two hours that a dead
 * writer left half-written and nobody has read since (a case no one opens again would otherwise keep
 * its notices back). Two reads — the recent events, then their cases' versions — and a roll-forward
 * for each case found behind (or missing behind its first event).
 */
export async function finishHalfWrittenSteps({ now }: { now(): Date }): Promise<{ finished: number }> {
  const t = now().getTime();
  const { data: recent } = await db
    .collection<EventDoc>('case_events')
    .where({ at: _.gte(new Date(t - SWEEP_BACK_MS)).and(_.lt(new Date(t - SWEEP_GRACE_MS))) })
    .field({ caseId: true, seq: true })
    .limit(EVENTS_PAGE)
    .get();
  const latest = new Map<string, number>();
  for (const e of recent) latest.set(e.caseId, Math.max(latest.get(e.caseId) ?? 0, e.seq));
  if (latest.size === 0) return { finished: 0 };
  const { data: cases } = await db
    .collection<CaseDoc>('cases')
    .where({ _id: _.in([...latest.keys()]) })
    .field({ _id: true, version: true })
    .limit(latest.size)
    .get();
  const versions = new Map(cases.map((c) => [c._id, c.version]));
  const behind = [...latest].filter(([caseId, seq]) => (versions.get(caseId) ?? 0) < seq).map(([caseId]) => caseId);
  for (const caseId of behind) await loadCaseWithEvents(caseId);
  return { finished: behind.length };
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
          .collection<HeadEvent>('case_events')
          .where({ caseId: _.in(ids) })
          .orderBy('caseId', 'asc')
          .orderBy('seq', 'asc')
          .skip(skip)
          .limit(EVENTS_PAGE)
          .get();
        found.push(...data.map(bare));
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
  /** Documents written with the step (see ExtraWrites). */
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

/** A command decided on the case as read, ready to write (or nothing to write). */
export interface PlannedStep {
  before: CaseDoc;
  doc: CaseDoc;
  added: StoredEvent[];
  commit: Commit;
  result: CommandResult;
}

/**
 * Reads the case with its events (one read, rolling forward what a dead writer left) and decides
 * the command in core. `write` is false when there is nothing to write: the request was already
 * carried out, or the command decided no event.
 */
export async function planCommand(caseId: string, command: CaseCommand, at: Date, opts: CommandOptions, first = true): Promise<PlannedStep | { write: false; result: CommandResult }> {
  const claim = currentClaim();
  const { doc: before, events: prior, member } = await loadCaseWithEvents(caseId, opts.caller?.openid);
  if (!before) throw refuse('NOT_FOUND', 'case_not_found', '没有找到这件事');
  if (opts.caller && first) await opts.caller.adopt(member ?? null);
  const actor = opts.actorFor(before);
  if (alreadyDone(before, claim)) return { write: false, result: { doc: before, events: [], timeline: prior, actor } };
  // Never dated before the case's last event: a command decided again after another one landed
  // (or on an instance whose clock runs a little behind) is recorded after it.
  const when = new Date(Math.max(at.getTime(), new Date(before.lastEventAt).getTime()));
  const { state, events } = execute(stripDoc(before), command, { actor, at: when });
  // Nothing decided, nothing written: a write from a stale read must always carry a new event id.
  if (events.length === 0) return { write: false, result: { doc: before, events: [], timeline: prior, actor } };
  const orgPath = state.orgId === before.orgId ? before.orgPath : await opts.pathOf(state.orgId);
  const transferPath = state.transfer ? await opts.pathOf(state.transfer.toOrgId) : null;
  const base: Commit = { orgPath, transferPath, ...queryFields(state, opts.calendar), ...(claim && { claim: caseClaim(claim) }) };
  const doc = docAfter(caseId, before, state, base);
  const added: StoredEvent[] = events.map((event, i) => ({ ...event, _id: eventId(caseId, before.version + i + 1), caseId, seq: before.version + i + 1 }));
  const extra = opts.extraWrites?.({ before, doc, events: added }) ?? [];
  const commit: Commit = { ...base, ...(extra.length > 0 && { extra }) };
  return { before, doc, added, commit, result: { doc, events, timeline: [...prior, ...added], actor } };
}

/** Writes a planned step's first event only, as a writer that stops right after it leaves it (tests). */
export async function commitOnly(step: PlannedStep): Promise<boolean> {
  const [head, ...rest] = step.added;
  if (!head) return true;
  try {
    await db.collection('case_events').add({ data: { ...head, commit: { ...step.commit, ...(rest.length > 0 && { rest }) } } });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * Runs one command on a case: read the case with its events (one read), decide and apply in core,
 * then write the step (its first event, its notices and extra documents, the case: one write each,
 * no transaction). Event ids follow the case's version, so a command decided on a case someone
 * changed since fails on its event's id and is decided again on what is there now; after
 * COMMAND_ATTEMPTS it answers CONFLICT.
 */
export async function runCommand(caseId: string, command: CaseCommand, at: Date, opts: CommandOptions): Promise<CommandResult> {
  for (let attempt = 1; ; attempt++) {
    const step = await planCommand(caseId, command, at, opts, attempt === 1);
    if (!('added' in step)) return step.result;
    if (await writeStep(step.before, step.doc, step.added, step.commit)) return step.result;
    if (attempt >= COMMAND_ATTEMPTS) throw concurrentChange();
  }
}
