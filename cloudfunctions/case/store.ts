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
import { _, db, getOrNull, type Transaction } from '../_runtime/cloud';
import { nextSequence } from '../_runtime/counters';

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
}

interface EventDoc {
  _id: string;
  caseId: string;
  seq: number;
}

export type StoredEvent = CaseEvent & EventDoc;

/** Commit attempts CloudBase makes when a transaction meets a concurrent one, before we answer CONFLICT. */
const TRANSACTION_ATTEMPTS = 5;
/** One read's worth of events: CloudBase answers at most 1,000 documents; a case has tens at most. */
const EVENTS_PAGE = 1000;
/** Cases whose events one read asks for: at 6–7 events a case a chunk's events fit one page. */
const CASES_PER_READ = 100;

const eventId = (caseId: string, seq: number) => `${caseId}-${String(seq).padStart(6, '0')}`;

function stripDoc(doc: CaseDoc): CaseState {
  const { _id, dueAt: _due, closedInTime: _inTime, orgPath: _path, transferPath: _transfer, ...state } = doc;
  void _id;
  return state;
}

function docOf(caseId: string, state: CaseState, orgPath: string[], transferPath: string[] | null, calendar: WorkCalendar): CaseDoc {
  return { ...state, _id: caseId, orgPath, transferPath, ...queryFields(state, calendar) };
}

/** CloudBase transactions surface a thrown AppError as-is; anything else is a conflict or a bug. */
async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await db.runTransaction(work, TRANSACTION_ATTEMPTS);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; errMsg?: string; message?: string };
    // CloudBase may report a conflict at commit (code) or at the write inside (errMsg only, as
    // wx-server-sdk rewraps document errors): both mean "someone else changed it first".
    if (e.code === 'DATABASE_TRANSACTION_CONFLICT' || /conflict|E11000|duplicate/i.test(e.errMsg ?? e.message ?? '')) {
      throw refuse('CONFLICT', 'concurrent_change', '有人刚刚处理了这件事，请刷新后再试');
    }
    throw err;
  }
}

/**
 * Registers a case (受理): the case code comes from the daily sequence of its category, the case
 * document and its first event are written in one transaction, so a case never exists without
 * its ledger. A number is drawn only for a request every check has accepted (the caller's checks
 * on the unit and the time before this, core's intake rules here), so refused requests leave the
 * day's numbering as it was; a failed transaction leaves a gap, never a duplicate.
 */
export async function openCase(
  caseId: string,
  input: Omit<IntakeInput, 'code'>,
  ctx: CommandContext,
  orgPath: string[],
  calendar: WorkCalendar,
): Promise<CaseDoc> {
  // A retry of a submission whose answer was lost finds its own case instead of failing on the id.
  const earlier = (await db.collection<CaseDoc>('cases').where({ _id: caseId }).limit(1).get()).data[0];
  if (earlier) return earlier;
  // Intake is pure and its checks do not look at the sequence: the first number of the day stands
  // in for the real one, and whatever intake refuses is refused before a number is taken.
  intake({ ...input, code: formatCaseCode(input.category, ctx.at, 1) }, ctx);
  const seq = await nextSequence(counterKey(input.category, ctx.at), ctx.at);
  const event = intake({ ...input, code: formatCaseCode(input.category, ctx.at, seq) }, ctx);
  const state = apply(null, event);
  const doc = docOf(caseId, state, orgPath, null, calendar);
  await inTransaction(async (tx) => {
    await tx.collection('cases').add({ data: doc });
    await tx.collection('case_events').add({ data: { ...event, _id: eventId(caseId, 1), caseId, seq: 1 } });
  });
  return doc;
}

export async function loadCase(caseId: string): Promise<CaseDoc> {
  const { data } = await db.collection<CaseDoc>('cases').where({ _id: caseId }).limit(1).get();
  if (!data[0]) throw refuse('NOT_FOUND', 'case_not_found', '没有找到这件事');
  return data[0];
}

export async function loadEvents(caseId: string): Promise<StoredEvent[]> {
  const { data } = await db.collection<StoredEvent>('case_events').where({ caseId }).orderBy('seq', 'asc').limit(EVENTS_PAGE).get();
  return data;
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
   * Who is acting, judged on the case as loaded inside the transaction (so the scope check sees
   * exactly what is changed); throws FORBIDDEN when the caller does not reach it.
   */
  actorFor(doc: CaseDoc): ActingActor;
  /** The ancestor path of a unit the command moves the case to. */
  pathOf(orgId: string): Promise<string[]>;
}

/**
 * Runs one command on a case: decide and apply in core, then write the new projection and the
 * new events in one transaction. Event ids follow the case's version, so two commands racing on
 * one case cannot both append the same step: the second conflicts and its caller retries.
 */
export async function runCommand(
  caseId: string,
  command: CaseCommand,
  at: Date,
  opts: CommandOptions,
): Promise<{ doc: CaseDoc; events: CaseEvent[]; actor: ActingActor }> {
  return inTransaction(async (tx) => {
    const before = (await getOrNull(tx.collection('cases').doc(caseId))) as CaseDoc | null;
    if (!before) throw refuse('NOT_FOUND', 'case_not_found', '没有找到这件事');
    const actor = opts.actorFor(before);
    const { state, events } = execute(stripDoc(before), command, { actor, at });
    const orgPath = state.orgId === before.orgId ? before.orgPath : await opts.pathOf(state.orgId);
    const transferPath = state.transfer ? await opts.pathOf(state.transfer.toOrgId) : null;
    const doc = docOf(caseId, state, orgPath, transferPath, opts.calendar);
    const { _id, ...fields } = doc;
    void _id;
    await tx.collection('cases').doc(caseId).set({ data: fields });
    for (const [i, event] of events.entries()) {
      const seq = before.version + i + 1;
      await tx.collection('case_events').add({ data: { ...event, _id: eventId(caseId, seq), caseId, seq } });
    }
    return { doc, events, actor };
  });
}
