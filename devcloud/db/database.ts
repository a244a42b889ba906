import { Collection, newDocId, type Change } from './collection';
import { clone, getPath, idKey, isDocId, isPlainObject, parseWire, parseWireObject, toWire, type Doc, type DocId, type Plain } from './codec';
import { uncoveredQuery, type SortSpec } from './coverage';
import { DbError, collectionNotExist } from './errors';
import { compileProjectGroup } from './fast-aggregate';
import { aggregate, applyModifier, equalityFields, isModifier, project, select, toModifier } from './query';
import { DEFAULT_COMPACT_AFTER_BYTES, Store, type CollectionImage, type LogRecord } from './store';
import { Transactions, entryKey, transactionConflict, type Transaction } from './transactions';
import type { CollectionDecl, DatabaseOptions, IndexDecl, OpCounters, WireResponse } from './types';

/** CloudBase: get() returns 100 documents unless told otherwise, and at most 1000 from a server SDK. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
const AGGREGATE_DEFAULT_LIMIT = 20;

export interface ChangeEvent {
  collection: string;
  ids: DocId[];
}
export type ChangeListener = (event: ChangeEvent) => void;
/** Every wire request once answered, with the time it took (benchmarks replay what functions asked). */
export type RequestListener = (body: Readonly<Record<string, unknown>>, ms: number) => void;

type Body = Record<string, unknown>;
/** Response fields besides requestId: usually `{ data }`, top-level for the transaction actions. */
type Answer = Record<string, unknown>;
type Handler = (body: Body) => Answer | Promise<Answer>;

interface WritePlan {
  changes: Change[];
  answer: Answer;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,128}$/;

function str(body: Body, field: string): string {
  const v = body[field];
  if (typeof v !== 'string' || v === '') throw new DbError('INVALID_PARAM', `${field} is required`);
  return v;
}

function bool(body: Body, field: string, fallback: boolean): boolean {
  const v = body[field];
  return typeof v === 'boolean' ? v : fallback;
}

function count(body: Body, field: string, fallback: number): number {
  const v = body[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new DbError('INVALID_PARAM', `${field} must be a non-negative integer`);
  return v;
}

function docIdOf(filter: Plain): DocId {
  const id = filter._id;
  if (!isDocId(id)) throw new DbError('INVALID_PARAM', 'a document operation needs query {_id}');
  return id;
}

function parseSort(text: unknown, now: number): SortSpec | undefined {
  if (text === undefined || text === null) return undefined;
  const spec = parseWireObject(text, 'order', now);
  for (const [field, dir] of Object.entries(spec)) {
    if (dir !== 1 && dir !== -1) throw new DbError('INVALID_PARAM', `order of ${field} must be 1 or -1`);
  }
  return spec as SortSpec;
}

/**
 * The documents mingo filters: those the declared indexes narrow the query to (a superset of the
 * matches, in natural order), else all. With indexes off, only a pinned _id is looked up, which
 * keeps hot by-id updates O(1) as before.
 */
function candidates(coll: Collection, filter: Plain, indexed: boolean): Iterable<Doc> {
  if (indexed) return coll.candidates(filter) ?? coll.values();
  if (!isDocId(filter._id)) return coll.values();
  const doc = coll.get(filter._id);
  return doc ? [doc] : [];
}

/**
 * CloudBase transactions take single-document operations only (wx-server-sdk Database.runTransaction:
 * 单记录操作，不允许进行批量操作): a query-shaped operation inside one (where().get/update/remove,
 * updateAndReturn, raw queries, a batch add) is refused and the transaction stays usable.
 */
function onlyDocuments(body: Body, action: string): void {
  if (body.queryType !== 'DOC') throw notInTransaction(`${action} with a where() query`);
}

function notInTransaction(what: string): DbError {
  return new DbError('DATABASE_REQUEST_FAILED', `${what} is not supported in a transaction: a transaction takes single-document operations only (doc(id).get/set/update/remove, add of one document)`);
}

function replacement(data: Plain, id: DocId): Doc {
  if (isModifier(data)) throw new DbError('DATABASE_INVALID_OPERRATOR', 'set() takes a plain document, not update operators');
  if ('_id' in data && data._id !== id) throw new DbError('INVALID_PARAM', '_id cannot be updated');
  return { ...clone(data), _id: id };
}

/** The CloudBase document database wire, served from memory with an optional durable directory. */
export class Database {
  private readonly collections = new Map<string, Collection>();
  private readonly txs: Transactions;
  private readonly listeners = new Set<ChangeListener>();
  private readonly requestListeners = new Set<RequestListener>();
  private readonly handlers: Record<string, Handler>;
  private store: Store | null = null;
  private counts: OpCounters = {};
  private busy = 0;
  /** Off: every query scans the whole collection (the engine before indexes narrowed candidates). */
  private indexed = true;
  private seq = 0;
  private requests = 0;

  private constructor(
    private strict: boolean,
    now: () => number,
  ) {
    this.txs = new Transactions(now);
    this.handlers = {
      'database.addCollection': (b) => this.addCollection(b),
      'database.getDocument': (b) => this.getDocument(b),
      'database.calculateDocument': (b) => this.calculateDocument(b),
      'database.insertDocument': (b) => this.insertDocument(b),
      'database.modifyDocument': (b) => this.modifyDocument(b, false),
      'database.modifyAndReturnDoc': (b) => this.modifyDocument(b, true),
      'database.removeDocument': (b) => this.removeDocument(b),
      'database.aggregateDocuments': (b) => this.aggregateDocuments(b),
      'database.startTransaction': () => ({ transactionId: this.txs.begin(this.seq).id }),
      'database.commitTransaction': (b) => this.commit(b),
      'database.abortTransaction': (b) => this.abort(b),
      'database.getInTransaction': (b) => this.getInTransaction(b),
      'database.updateDocInTransaction': (b) => this.updateDocInTransaction(b),
      'database.deleteDocInTransaction': (b) => this.deleteDocInTransaction(b),
    };
  }

  /**
   * Opens (or creates) the database. Compaction threshold: opts.compactAfterBytes, else the
   * DEVCLOUD_COMPACT_AFTER_BYTES environment variable (lets a spawned devcloud compact early), else 8 MiB.
   */
  static async open(opts: DatabaseOptions): Promise<Database> {
    const db = new Database(opts.strict ?? false, opts.now ?? (() => Date.now()));
    const fromEnv = Number(process.env.DEVCLOUD_COMPACT_AFTER_BYTES);
    const threshold = opts.compactAfterBytes ?? (fromEnv > 0 ? fromEnv : DEFAULT_COMPACT_AFTER_BYTES);
    db.store = Store.open(opts.dir, threshold, (rec) => db.replay(rec));
    for (const coll of db.collections.values()) coll.reindex();
    for (const decl of opts.collections ?? []) db.ensureCollection(decl);
    return db;
  }

  async handle(body: Record<string, unknown>): Promise<WireResponse> {
    const requestId = typeof body.requestId === 'string' && body.requestId ? body.requestId : this.nextRequestId();
    const action = typeof body.action === 'string' ? body.action : '';
    this.counts[action] = (this.counts[action] ?? 0) + 1;
    const handler = this.handlers[action];
    const started = performance.now();
    try {
      if (!handler) throw new DbError('INVALID_PARAM', `unknown action ${action || '(none)'}`);
      const answer = await handler(body);
      return { status: 200, body: { requestId, ...answer } };
    } catch (e) {
      // CloudBase answers failures with HTTP 200 and a code; the SDK turns the code into errCode.
      const err = e instanceof DbError ? e : new DbError('SYS_ERR', (e as Error).message ?? String(e));
      return { status: 200, body: { requestId, code: err.code, message: err.message } };
    } finally {
      // Includes time waiting on open transactions: what a caller of the wire experiences.
      const ms = performance.now() - started;
      this.busy += ms;
      for (const listener of this.requestListeners) {
        try {
          listener(body, ms);
        } catch {
          // An observer must never change an answer.
        }
      }
    }
  }

  ensureCollection(decl: CollectionDecl): void {
    if (!COLLECTION_NAME.test(decl.name)) throw new DbError('INVALID_PARAM', `invalid collection name ${decl.name}`);
    let coll = this.collections.get(decl.name);
    const created = !coll;
    if (!coll) {
      coll = new Collection(decl.name);
      this.collections.set(decl.name, coll);
    }
    if (coll.ensureIndexes(decl.indexes ?? []) || created) {
      this.store?.append({ t: 'coll', c: coll.name, indexes: coll.indexes });
    }
  }

  listCollections(): Array<{ name: string; count: number; indexes: IndexDecl[] }> {
    return [...this.collections.values()]
      .map((c) => ({ name: c.name, count: c.size, indexes: clone(c.indexes) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Plain documents for the web console: no index checks, no counters. */
  find(collection: string, query: object, opts: { skip?: number; limit?: number; sort?: Record<string, 1 | -1> } = {}): object[] {
    const coll = this.collections.get(collection);
    if (!coll) return [];
    return select(candidates(coll, query as Plain, this.indexed), query as Plain, { sort: opts.sort, skip: opts.skip, limit: opts.limit }).map(clone);
  }

  /**
   * Bulk load for benchmarks and fixtures: insertDocument's checks, durability and change events,
   * without the wire's Extended JSON round trip (which costs more than the insert itself at 100k
   * documents). Not counted as a database operation: no function can make it.
   */
  async insertMany(collection: string, docs: readonly object[]): Promise<DocId[]> {
    if (docs.length === 0) return [];
    const prepared: Doc[] = (docs as readonly Plain[]).map((doc) => {
      if (doc._id !== undefined && !isDocId(doc._id)) throw new DbError('INVALID_PARAM', '_id must be a string or a number');
      return { ...doc, _id: isDocId(doc._id) ? doc._id : newDocId() };
    });
    await this.insertPlan(collection, prepared, {});
    return prepared.map((d) => d._id);
  }

  counters(): OpCounters {
    return { ...this.counts };
  }

  /** Milliseconds spent handling wire actions since the last resetCounters(). */
  busyMs(): number {
    return this.busy;
  }

  resetCounters(): void {
    this.counts = {};
    this.busy = 0;
  }

  /** Benchmarks and tests compare indexed execution with the plain scan; answers are the same either way. */
  setIndexedQueries(on: boolean): void {
    this.indexed = on;
  }

  setStrict(on: boolean): void {
    this.strict = on;
  }

  /** Called after every acknowledged write; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after every wire request; returns the unsubscribe function. */
  onRequest(listener: RequestListener): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.txs.abortAll();
    this.store?.close();
    this.store = null;
  }

  // ---- wire actions ----

  private addCollection(body: Body): Answer {
    const name = str(body, 'collectionName');
    if (this.collections.has(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
    this.ensureCollection({ name });
    return { data: {} };
  }

  private getDocument(body: Body): Answer {
    const name = str(body, 'collectionName');
    const now = Date.now();
    const filter = body.query === undefined ? {} : parseWireObject(body.query, 'query', now);
    const projection = body.projection === undefined ? undefined : parseWireObject(body.projection, 'projection', now);
    if (body.transactionId) {
      this.txs.get(body.transactionId);
      onlyDocuments(body, 'get()');
      const tx = this.txs.get(body.transactionId);
      const doc = this.txView(tx, name, docIdOf(filter));
      return { data: { list: project(doc ? [doc] : [], projection).map(toWire), offset: 0, limit: 1 } };
    }
    const coll = this.collection(name);
    const sort = parseSort(body.order, now);
    const offset = count(body, 'offset', 0);
    const limit = count(body, 'limit', DEFAULT_LIMIT);
    if (limit > MAX_LIMIT) throw new DbError('INVALID_PARAM', `limit ${limit} exceeds the maximum of ${MAX_LIMIT} documents per query`);
    this.checkCoverage(coll, filter, sort);
    const docs = select(candidates(coll, filter, this.indexed), filter, { sort, skip: offset, limit });
    return { data: { list: project(docs, projection).map(toWire), offset, limit } };
  }

  private calculateDocument(body: Body): Answer {
    const coll = this.collection(str(body, 'collectionName'));
    const filter = body.query === undefined ? {} : parseWireObject(body.query, 'query', Date.now());
    this.checkCoverage(coll, filter, undefined);
    return { data: { total: select(candidates(coll, filter, this.indexed), filter).length } };
  }

  private async insertDocument(body: Body): Promise<Answer> {
    const name = str(body, 'collectionName');
    const raw = body.data;
    if (!Array.isArray(raw) || raw.length === 0) throw new DbError('INVALID_PARAM', 'data must be a non-empty array of documents');
    const now = Date.now();
    const docs: Doc[] = raw.map((text, i) => {
      const doc = parseWireObject(text, `data[${i}]`, now);
      if (doc._id !== undefined && !isDocId(doc._id)) throw new DbError('INVALID_PARAM', '_id must be a string or a number');
      return { ...doc, _id: isDocId(doc._id) ? doc._id : newDocId() };
    });
    const answer = { data: { insertedIds: docs.map((d) => d._id) } };
    if (body.transactionId) {
      const tx = this.txs.get(body.transactionId);
      if (docs.length > 1) throw notInTransaction(`add() of ${docs.length} documents at once`);
      for (const doc of docs) {
        if (this.txView(tx, name, doc._id)) {
          // As in MongoDB, a failed write ends the transaction.
          this.txs.end(tx, 'aborted', 'a write in it failed');
          throw this.duplicateId(name, doc._id);
        }
        this.txWrite(tx, name, doc._id, doc);
      }
      return answer;
    }
    return this.insertPlan(name, docs, answer);
  }

  private insertPlan(name: string, docs: Doc[], answer: Answer): Promise<Answer> {
    return this.write(name, (coll) => {
      const seen = new Set<string>();
      for (const doc of docs) {
        const key = idKey(doc._id);
        if (coll.get(doc._id) || seen.has(key)) throw this.duplicateId(name, doc._id);
        seen.add(key);
      }
      return { changes: docs.map((doc) => ({ id: doc._id, doc })), answer };
    });
  }

  private async modifyDocument(body: Body, returnDoc: boolean): Promise<Answer> {
    const name = str(body, 'collectionName');
    const now = Date.now();
    const filter = body.query === undefined ? {} : parseWireObject(body.query, 'query', now);
    const data = parseWireObject(body.data, 'data', now);
    const merge = bool(body, 'merge', true);
    const upsert = bool(body, 'upsert', false);
    const multi = !returnDoc && bool(body, 'multi', false);
    const modifier = merge ? toModifier(data) : null;
    const next = (doc: Doc): { doc: Doc; changed: boolean } => {
      if (!modifier) {
        const replaced = replacement(data, doc._id);
        return { doc: replaced, changed: toWire(replaced) !== toWire(doc) };
      }
      const copy = clone(doc);
      return { doc: copy, changed: applyModifier(copy, modifier) };
    };
    const fresh = (): Doc => {
      const base = equalityFields(filter);
      const id = isDocId(base._id) ? base._id : newDocId();
      return next({ ...base, _id: id }).doc;
    };
    const answerOf = (updated: number, upserted: Doc | null, result: Doc | null): Answer => {
      const out: Plain = { updated };
      if (upserted) out.upsert_id = upserted._id;
      if (returnDoc) out.doc = result ? toWire(result) : null;
      return { data: out };
    };

    if (body.transactionId) {
      this.txs.get(body.transactionId);
      onlyDocuments(body, returnDoc ? 'updateAndReturn()' : 'update()/set()');
      const tx = this.txs.get(body.transactionId);
      const id = docIdOf(filter);
      const current = this.txView(tx, name, id);
      if (!current) {
        if (!upsert) return answerOf(0, null, null);
        const created = fresh();
        this.txWrite(tx, name, id, created);
        return answerOf(0, created, created);
      }
      const { doc, changed } = next(current);
      if (changed) this.txWrite(tx, name, id, doc);
      return answerOf(changed ? 1 : 0, null, doc);
    }

    return this.write(name, (coll) => {
      if (body.queryType !== 'DOC') this.checkCoverage(coll, filter, undefined);
      const matched = select(candidates(coll, filter, this.indexed), filter, multi ? {} : { limit: 1 });
      if (matched.length === 0) {
        if (!upsert) return { changes: [], answer: answerOf(0, null, null) };
        const created = fresh();
        if (coll.get(created._id)) throw this.duplicateId(name, created._id);
        return { changes: [{ id: created._id, doc: created }], answer: answerOf(0, created, created) };
      }
      const changes: Change[] = [];
      let last: Doc | null = null;
      for (const doc of matched) {
        const result = next(doc);
        last = result.doc;
        if (result.changed) changes.push({ id: doc._id, doc: result.doc });
      }
      return { changes, answer: answerOf(changes.length, null, last) };
    });
  }

  private async removeDocument(body: Body): Promise<Answer> {
    const name = str(body, 'collectionName');
    const filter = body.query === undefined ? {} : parseWireObject(body.query, 'query', Date.now());
    if (body.transactionId) {
      this.txs.get(body.transactionId);
      onlyDocuments(body, 'remove()');
      const tx = this.txs.get(body.transactionId);
      const id = docIdOf(filter);
      if (!this.txView(tx, name, id)) return { data: { deleted: 0 } };
      this.txWrite(tx, name, id, null);
      return { data: { deleted: 1 } };
    }
    const multi = bool(body, 'multi', false);
    return this.write(name, (coll) => {
      if (body.queryType !== 'DOC') this.checkCoverage(coll, filter, undefined);
      const matched = select(candidates(coll, filter, this.indexed), filter, multi ? {} : { limit: 1 });
      return { changes: matched.map((d) => ({ id: d._id, doc: null })), answer: { data: { deleted: matched.length } } };
    });
  }

  private aggregateDocuments(body: Body): Answer {
    const coll = this.collection(str(body, 'collectionName'));
    const stages = body.stages;
    if (!Array.isArray(stages)) throw new DbError('INVALID_PARAM', 'stages must be an array');
    const now = Date.now();
    const pipeline: Plain[] = stages.map((stage, i) => {
      if (!isPlainObject(stage) || typeof stage.stageKey !== 'string') throw new DbError('INVALID_PARAM', `stages[${i}] needs stageKey and stageValue`);
      return { [stage.stageKey]: parseWire(stage.stageValue, `stages[${i}].stageValue`, now) };
    });
    // Strict mode looks at what an index could serve: a leading $match and the $sort right after it.
    const first = pipeline[0];
    const leadingMatch = first && isPlainObject(first.$match) ? first.$match : undefined;
    const sortStage = pipeline[leadingMatch ? 1 : 0];
    const match = leadingMatch ?? {};
    const sort = sortStage && isPlainObject(sortStage.$sort) ? (sortStage.$sort as SortSpec) : undefined;
    this.checkCoverage(coll, match, sort);
    const resolve = (name: string): Plain[] => [...(this.collections.get(name)?.values() ?? [])].map(clone);
    // The leading $match drops every document outside its candidates anyway: start from those.
    const found = [...(leadingMatch ? candidates(coll, leadingMatch, this.indexed) : coll.values())];
    const fast = leadingMatch && pipeline[1]?.$project && pipeline[2]?.$group ? compileProjectGroup(pipeline[1].$project, pipeline[2].$group) : null;
    const grouped = fast ? fast(select(found, leadingMatch as Plain)) : null;
    let out: Plain[];
    if (grouped) out = this.pipeline(grouped.map(clone), pipeline.slice(3), resolve);
    else {
      // $match and $project build new documents without touching their input: a pipeline that
      // narrows first copies only what it kept (a year of cases is 100k documents to copy otherwise).
      const narrowing = leadingMatch && isPlainObject(pipeline[1]?.$project) ? 2 : 0;
      const input = (narrowing ? aggregate(found, pipeline.slice(0, narrowing), resolve) : found).map(clone);
      out = this.pipeline(input, pipeline.slice(narrowing), resolve);
    }
    // CloudBase answers 20 aggregate rows unless the pipeline says how many (community-verified,
    // e.g. developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13).
    const limited = pipeline.some((stage) => '$limit' in stage) ? out : out.slice(0, AGGREGATE_DEFAULT_LIMIT);
    return { data: { list: limited.map(toWire) } };
  }

  /**
   * Runs stages through mingo, except a plain `$lookup` (localField/foreignField), which devcloud
   * answers through the foreign collection's indexes: mingo would copy that whole collection for
   * every lookup (a case's events out of 700k would cost seconds). Same semantics as MongoDB's:
   * an array local value matches any of its elements, a missing one matches a missing/null field.
   */
  private pipeline(input: Plain[], stages: Plain[], resolve: (name: string) => Plain[]): Plain[] {
    let docs = input;
    let pending: Plain[] = [];
    for (const stage of stages) {
      const spec = stage.$lookup;
      const plain =
        isPlainObject(spec) && typeof spec.from === 'string' && typeof spec.localField === 'string' && typeof spec.foreignField === 'string' && typeof spec.as === 'string' && !('pipeline' in spec);
      if (!plain) {
        pending.push(stage);
        continue;
      }
      if (pending.length > 0) docs = aggregate(docs, pending, resolve);
      pending = [];
      const { from, localField, foreignField, as } = spec as { from: string; localField: string; foreignField: string; as: string };
      const foreign = this.collection(from);
      docs = docs.map((doc) => {
        const local = getPath(doc, localField);
        const values = Array.isArray(local) ? local : [local ?? null];
        const filter = { [foreignField]: { $in: values } };
        return { ...doc, [as]: select(candidates(foreign, filter, this.indexed), filter).map(clone) };
      });
    }
    return pending.length > 0 ? aggregate(docs, pending, resolve) : docs;
  }

  private commit(body: Body): Answer {
    const tx = this.txs.get(body.transactionId);
    // A write outside any transaction never waits for this one: when it landed on a document this
    // transaction holds, the transaction is the one that gives way.
    for (const entry of tx.writes.values()) {
      if (this.collection(entry.collection).version(entry.id) > tx.snapshotSeq) {
        this.txs.end(tx, 'aborted', 'it met a write conflict');
        throw transactionConflict(`${entry.collection}/${String(entry.id)} was written outside the transaction after it started`);
      }
    }
    const groups = new Map<string, Change[]>();
    for (const entry of tx.writes.values()) {
      const list = groups.get(entry.collection) ?? [];
      list.push({ id: entry.id, doc: entry.doc });
      groups.set(entry.collection, list);
    }
    try {
      this.persist([...groups].map(([name, changes]) => ({ coll: this.collection(name), changes })));
    } catch (e) {
      this.txs.end(tx, 'aborted', 'its commit failed');
      throw e;
    }
    this.txs.end(tx, 'committed');
    return { data: {} };
  }

  private abort(body: Body): Answer {
    this.txs.end(this.txs.get(body.transactionId), 'aborted');
    return { data: {} };
  }

  // The older explicit-transaction API (@cloudbase/database transaction.ts): `_id` instead of a
  // query, and results at the top level (EJSON text for the document).

  private getInTransaction(body: Body): Answer {
    const tx = this.txs.get(body.transactionId);
    const id = body._id;
    if (!isDocId(id)) throw new DbError('INVALID_PARAM', '_id is required');
    return { data: toWire(this.txView(tx, str(body, 'collectionName'), id)) };
  }

  private updateDocInTransaction(body: Body): Answer {
    const tx = this.txs.get(body.transactionId);
    const name = str(body, 'collectionName');
    const id = body._id;
    if (!isDocId(id)) throw new DbError('INVALID_PARAM', '_id is required');
    const data = parseWireObject(body.data, 'data', Date.now());
    const current = this.txView(tx, name, id);
    if (!current) {
      if (!bool(body, 'upsert', false)) return { updated: 0 };
      const created = isModifier(data) ? this.modified({ _id: id }, data) : replacement(data, id);
      this.txWrite(tx, name, id, created);
      return { updated: 0, upserted: JSON.stringify([{ _id: id }]) };
    }
    const doc = isModifier(data) ? this.modified(current, data) : replacement(data, id);
    const changed = toWire(doc) !== toWire(current);
    if (changed) this.txWrite(tx, name, id, doc);
    return { updated: changed ? 1 : 0 };
  }

  private deleteDocInTransaction(body: Body): Answer {
    const tx = this.txs.get(body.transactionId);
    const name = str(body, 'collectionName');
    const id = body._id;
    if (!isDocId(id)) throw new DbError('INVALID_PARAM', '_id is required');
    if (!this.txView(tx, name, id)) return { deleted: 0 };
    this.txWrite(tx, name, id, null);
    return { deleted: 1 };
  }

  // ---- internals ----

  private modified(doc: Doc, modifier: Plain): Doc {
    const copy = clone(doc);
    applyModifier(copy, modifier);
    return copy;
  }

  private collection(name: string): Collection {
    const coll = this.collections.get(name);
    if (!coll) throw collectionNotExist(name);
    return coll;
  }

  private checkCoverage(coll: Collection, filter: Plain, sort: SortSpec | undefined): void {
    if (!this.strict) return;
    const message = uncoveredQuery(coll.name, filter, sort, coll.indexes);
    if (message) throw new DbError('DATABASE_INDEX_NOT_COVERED', message);
  }

  private duplicateId(collection: string, id: DocId): DbError {
    return new DbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
  }

  /** The transaction's view of a document: its own write, else the document as it was when it started. */
  private txView(tx: Transaction, collection: string, id: DocId): Doc | null {
    const key = entryKey(collection, id);
    const own = tx.writes.get(key);
    if (own) return own.doc ? clone(own.doc) : null;
    if (tx.before.has(key)) {
      const then = tx.before.get(key);
      return then ? clone(then) : null;
    }
    const doc = this.collection(collection).get(id);
    return doc ? clone(doc) : null;
  }

  /**
   * A write inside a transaction, checked at once as CloudBase checks it: a document another open
   * transaction holds, or one changed since this transaction's snapshot, is a conflict that ends it.
   */
  private txWrite(tx: Transaction, collection: string, id: DocId, doc: Doc | null): void {
    const key = entryKey(collection, id);
    const what = `${collection}/${String(id)}`;
    if (!tx.writes.has(key) && this.collection(collection).version(id) > tx.snapshotSeq) {
      this.txs.end(tx, 'aborted', 'it met a write conflict');
      throw transactionConflict(`${what} was changed after the transaction started`);
    }
    this.txs.lock(tx, key, what);
    tx.writes.set(key, { collection, id, doc });
  }

  /**
   * A write outside any transaction: the plan is computed and applied in one synchronous step (so a
   * conditional update is atomic). It never waits for open transactions (CloudBase does not make it
   * wait); one that holds a document written here conflicts when it commits.
   */
  private async write(name: string, plan: (coll: Collection) => WritePlan): Promise<Answer> {
    const coll = this.collection(name);
    const planned = plan(coll);
    this.persist([{ coll, changes: planned.changes }]);
    return planned.answer;
  }

  /** Applies all groups or none, then logs them as ONE line before anyone is answered. */
  private persist(groups: Array<{ coll: Collection; changes: Change[] }>): void {
    const live = groups.filter((g) => g.changes.length > 0);
    if (live.length === 0) return;
    const seq = ++this.seq;
    const done: Array<{ coll: Collection; undo: Change[] }> = [];
    try {
      for (const { coll, changes } of live) {
        const undo = changes.map((c) => ({ id: c.id, doc: coll.get(c.id) ?? null }));
        this.keepSnapshots(coll.name, undo);
        coll.apply(changes, seq);
        done.push({ coll, undo });
      }
    } catch (e) {
      for (const { coll, undo } of done.reverse()) coll.apply(undo.reverse(), seq);
      throw e;
    }
    const ops: LogRecord[] = live.flatMap(({ coll, changes }) =>
      changes.map((c): LogRecord => (c.doc ? { t: 'put', c: coll.name, doc: c.doc } : { t: 'del', c: coll.name, id: c.id })),
    );
    const store = this.store;
    if (store) {
      store.append(ops.length === 1 && ops[0] ? ops[0] : { t: 'batch', ops });
      if (store.needsCompaction()) store.compact(this.images());
    }
    for (const { coll, changes } of live) this.emit({ collection: coll.name, ids: changes.map((c) => c.id) });
  }

  /**
   * Open transactions keep reading what a document was when they started: the first change to it
   * after a transaction's start records that image for it (a rolled-back apply leaves a harmless copy).
   */
  private keepSnapshots(collection: string, before: Array<{ id: DocId; doc: Doc | null }>): void {
    for (const tx of this.txs.openTransactions()) {
      for (const { id, doc } of before) {
        const key = entryKey(collection, id);
        if (!tx.before.has(key)) tx.before.set(key, doc ? clone(doc) : null);
      }
    }
  }

  private images(): CollectionImage[] {
    return [...this.collections.values()].map((c) => ({ name: c.name, indexes: c.indexes, docs: [...c.values()] }));
  }

  private emit(event: ChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A console listener must never fail a write that is already durable.
      }
    }
  }

  private replay(rec: LogRecord): void {
    switch (rec.t) {
      case 'coll': {
        let coll = this.collections.get(rec.c);
        if (!coll) this.collections.set(rec.c, (coll = new Collection(rec.c)));
        coll.ensureIndexes(rec.indexes, false);
        return;
      }
      case 'put':
      case 'del': {
        let coll = this.collections.get(rec.c);
        if (!coll) this.collections.set(rec.c, (coll = new Collection(rec.c)));
        if (rec.t === 'put') coll.load(rec.doc, rec.doc._id);
        else coll.load(null, rec.id);
        return;
      }
      case 'batch':
        for (const op of rec.ops) this.replay(op);
    }
  }

  private nextRequestId(): string {
    this.requests += 1;
    return `devcloud-${Date.now().toString(36)}-${this.requests}`;
  }
}
