/**
 * Index coverage: every query the tests send hits a declared index, and every declared index serves
 * some query (no dead indexes, which cost every write and hold nothing up).
 *
 * While jest runs with XFT_QUERY_SHAPES=<dir>, each test devcloud (test/support/devcloud.ts) records the
 * shape of every query it serves — collection, filter fields with their operators, sort — into
 * <dir>/<pid>.jsonl. `npm test` then runs `tsx test/repo/index-coverage.ts <dir>`, which reads them
 * all and fails naming each uncovered shape and each dead index. Strict mode already fails an
 * uncovered query where it runs; this adds the other direction, over the whole suite.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionDecl, IndexDecl } from '../../core/db/collections';
import { isPlainObject, parseWire, parseWireObject, type Plain } from '../../devcloud/db/codec';
import { uncoveredQuery } from '../../devcloud/db/coverage';

export interface QueryShape {
  collection: string;
  /** The filter with every value replaced by a placeholder, operators kept. */
  filter: Plain;
  sort: string[];
}

/** A value as far as an index cares: an operator object keeps its operators, anything else is equality. */
function skeleton(value: unknown): unknown {
  if (value instanceof RegExp) return { $regex: value.source.startsWith('^') ? '^' : '' };
  if (Array.isArray(value)) return value.map(skeleton);
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.some((k) => k.startsWith('$'))) {
      return Object.fromEntries(keys.map((k) => [k, k === '$or' || k === '$and' || k === '$nor' ? skeleton(value[k]) : k === '$regex' ? (String(value[k]).startsWith('^') ? '^' : '') : 'v']));
    }
    return 'v';
  }
  return 'v';
}

function skeletonFilter(filter: Plain): Plain {
  return Object.fromEntries(
    Object.entries(filter).map(([k, v]) => [k, (k === '$or' || k === '$and' || k === '$nor') && Array.isArray(v) ? v.map((b) => (isPlainObject(b) ? skeletonFilter(b) : b)) : skeleton(v)]),
  );
}

/**
 * The query shape of one database request an SDK sent (a function, the import: they name the
 * environment), or null for what is no query (inserts, by-id document operations) and for a test's
 * own calls on devcloud's database.
 */
export function shapeOf(body: Readonly<Record<string, unknown>>): QueryShape | null {
  if (body.envName === undefined) return null;
  const action = String(body.action ?? '');
  const collection = String(body.collectionName ?? '');
  if (!collection || body.transactionId || body.queryType === 'DOC') return null;
  const now = Date.now();
  try {
    if (action === 'database.aggregateDocuments' && Array.isArray(body.stages)) {
      const first = body.stages[0] as { stageKey?: string; stageValue?: unknown } | undefined;
      const match = first?.stageKey === '$match' ? parseWire(first.stageValue, 'match', now) : {};
      return { collection, filter: skeletonFilter(isPlainObject(match) ? match : {}), sort: [] };
    }
    if (!['database.getDocument', 'database.calculateDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc'].includes(action)) return null;
    const filter = body.query === undefined ? {} : parseWireObject(body.query, 'query', now);
    const sort = body.order === undefined || body.order === null ? [] : Object.keys(parseWireObject(body.order, 'order', now));
    return { collection, filter: skeletonFilter(filter), sort };
  } catch {
    return null;
  }
}

export const shapeKey = (s: QueryShape) => JSON.stringify([s.collection, s.filter, s.sort]);

/** Records the distinct shapes a test devcloud serves and appends them to <dir>/<pid>.jsonl on flush. */
export function shapeRecorder(dir: string): { listener: (body: Readonly<Record<string, unknown>>) => void; flush(): void } {
  const seen = new Map<string, QueryShape>();
  return {
    listener(body) {
      const shape = shapeOf(body);
      if (shape) seen.set(shapeKey(shape), shape);
    },
    flush() {
      if (seen.size === 0) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.appendFileSync(path.join(dir, `${process.pid}.jsonl`), [...seen.values()].map((s) => JSON.stringify(s)).join('\n') + '\n');
      seen.clear();
    },
  };
}

/** Top-level fields a filter pins (an $or's: those every branch pins). */
function pinnedFields(filter: Plain): Set<string> {
  const out = new Set(Object.keys(filter).filter((k) => !k.startsWith('$')));
  const or = filter.$or;
  if (Array.isArray(or) && or.length > 0) {
    const branches = or.filter(isPlainObject).map((b) => pinnedFields(b));
    for (const f of branches[0] ?? []) if (branches.every((b) => b.has(f))) out.add(f);
  }
  const and = filter.$and;
  if (Array.isArray(and)) for (const b of and.filter(isPlainObject)) for (const f of pinnedFields(b)) out.add(f);
  return out;
}

/** The declared indexes a planner would pick for a shape: covering ones with the longest prefix of pinned fields (then the sort). */
export function servingIndexes(shape: QueryShape, indexes: readonly IndexDecl[]): IndexDecl[] {
  const { _id: _pinnedById, ...rest } = shape.filter;
  if (_pinnedById !== undefined && Object.keys(rest).length === 0) return [];
  const order = Object.fromEntries(shape.sort.map((f) => [f, 1]));
  const covering = indexes.filter((i) => uncoveredQuery(shape.collection, rest, shape.sort.length ? order : undefined, [i]) === null);
  if (Object.keys(rest).length === 0 && shape.sort.length === 0) return [];
  const pinned = pinnedFields(rest);
  const score = (i: IndexDecl) => {
    let n = 0;
    while (n < i.keys.length && pinned.has(i.keys[n]![0])) n++;
    return n * 2 + (i.keys[n]?.[0] === shape.sort[0] ? 1 : 0);
  };
  const best = Math.max(0, ...covering.map(score));
  return covering.filter((i) => score(i) === best);
}

export interface Coverage {
  uncovered: string[];
  dead: string[];
}

/**
 * Declared indexes no query uses yet, each with why it is kept; the check fails when one of them
 * starts serving a query or is dropped (so this list cannot go stale), and on any other dead index.
 */
export const KNOWN_UNUSED: Record<string, string> = {
  'audit_log.subject_at': 'X1: an actor’s or a subject’s history, for the console; 操作记录 reads by at and orgIds_at',
  'audit_log.actor_at': 'X1: as subject_at',
  'timer_jobs.at': 'timer: declared with the job runner, which reads jobs by _id so far',
};

export function analyse(shapes: readonly QueryShape[], collections: readonly CollectionDecl[]): Coverage {
  const used = new Set<string>();
  const uncovered: string[] = [];
  for (const s of shapes) {
    const decl = collections.find((c) => c.name === s.collection);
    const indexes = decl?.indexes ?? [];
    const problem = uncoveredQuery(s.collection, s.filter, s.sort.length ? Object.fromEntries(s.sort.map((f) => [f, 1])) : undefined, indexes);
    if (problem) uncovered.push(problem);
    for (const i of servingIndexes(s, indexes)) used.add(`${s.collection}.${i.name}`);
  }
  const dead = collections.flatMap((c) =>
    (c.indexes ?? [])
      // A unique index works on every write whether or not a query reads through it.
      .filter((i) => !i.unique && !used.has(`${c.name}.${i.name}`))
      .map((i) => `${c.name}.${i.name} (${i.keys.map(([f, d]) => `${f} ${d}`).join(', ')}) serves no query the tests sent`),
  );
  return { uncovered: [...new Set(uncovered)].sort(), dead };
}

export function readShapes(dir: string): QueryShape[] {
  if (!fs.existsSync(dir)) return [];
  const shapes = new Map<string, QueryShape>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean)) {
      const s = JSON.parse(line) as QueryShape;
      shapes.set(shapeKey(s), s);
    }
  }
  return [...shapes.values()];
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: tsx test/repo/index-coverage.ts <dir of recorded query shapes>');
  void import('../../cloudfunctions/collections').then(({ ALL_COLLECTIONS }) => {
    const shapes = readShapes(dir);
    if (shapes.length === 0) {
      console.error(`no query shapes recorded in ${dir}: run jest with XFT_QUERY_SHAPES=${dir}`);
      process.exit(1);
    }
    const { uncovered, dead } = analyse(shapes, ALL_COLLECTIONS);
    const known = (d: string) => Object.keys(KNOWN_UNUSED).find((k) => d.startsWith(`${k} `));
    const unexpected = dead.filter((d) => !known(d));
    const stale = Object.keys(KNOWN_UNUSED).filter((k) => !dead.some((d) => d.startsWith(`${k} `)));
    for (const u of uncovered) console.error(`uncovered: ${u}`);
    for (const d of unexpected) console.error(`dead index: ${d}`);
    for (const k of stale) console.error(`KNOWN_UNUSED lists ${k}, which is now used or no longer declared: take it off the list`);
    for (const d of dead.filter(known)) console.log(`known unused: ${d} — ${KNOWN_UNUSED[known(d) ?? ''] ?? ''}`);
    console.log(`${shapes.length} query shapes, ${uncovered.length} uncovered, ${unexpected.length} dead indexes`);
    process.exit(uncovered.length || unexpected.length || stale.length ? 1 : 0);
  });
}
