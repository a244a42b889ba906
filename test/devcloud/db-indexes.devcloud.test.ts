/**
 * devcloud's indexed query execution: declared indexes narrow the documents mingo looks at, and
 * every answer must be exactly the one a full scan gives — same documents, same order, same counts,
 * same errors — including after writes keep the indexes up to date. Two databases take the same
 * requests, one scanning (indexed candidates off), one indexed, and must answer alike.
 * DB_INDEX_RUNS=5000 runs the property longer than the few seconds `npm test` can spare.
 */
import fc from 'fast-check';
import { toWire } from '../../devcloud/db/codec';
import { Collection } from '../../devcloud/db/collection';
import { Database } from '../../devcloud/db/database';
import { BULK_REBUILD } from '../../devcloud/db/indexes';
import type { IndexDecl } from '../../devcloud/db/types';

type Plain = Record<string, unknown>;

// Small domains, so values collide and every operator finds something; the awkward values mingo
// has opinions about (NaN, ±0, ±Infinity, invalid dates, null, nesting, arrays) are all in.
const DATES = [new Date('2026-01-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')];
const scalar = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'b') },
  { weight: 6, arbitrary: fc.constantFrom(1, 2) },
  { weight: 3, arbitrary: fc.constantFrom(...DATES) },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 4, arbitrary: fc.constantFrom('c', '', 'a\u0000', -2, 0, -0, 1.5, 3, Number.NaN, Infinity, -Infinity, null) },
);
const storedScalar = fc.oneof({ weight: 12, arbitrary: scalar }, { weight: 1, arbitrary: fc.constant(new Date(Number.NaN)) });
const value = fc.oneof(
  { weight: 6, arbitrary: storedScalar },
  { weight: 2, arbitrary: fc.array(storedScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.array(storedScalar, { maxLength: 2 }), { maxLength: 2 }) },
);
const doc = fc.record(
  {
    a: value,
    b: value,
    c: value,
    n: fc.oneof(fc.record({ x: value }, { requiredKeys: [] }), storedScalar),
    arr: fc.array(fc.oneof(fc.record({ x: value }, { requiredKeys: [] }), storedScalar), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const PATHS = ['a', 'b', 'c', 'n.x', 'arr.x', 'n'] as const;
const INDEX_POOL: Array<Array<[string, 1 | -1]>> = [
  [['a', 1]],
  [['b', -1]],
  [['a', 1], ['b', 1]],
  [['b', 1], ['a', -1]],
  [['c', 1], ['a', 1], ['b', 1]],
  [['n.x', 1]],
  [['arr.x', 1]],
  [['a', 1], ['n.x', 1]],
  [['arr.x', 1], ['c', 1]],
];
const indexes = fc.subarray(INDEX_POOL, { minLength: 1, maxLength: 4 }).map((picked) => picked.map((keys, i): IndexDecl => ({ name: `i${i}`, keys })));

const queryScalar = fc.oneof(scalar, fc.constant(/^a/));
const fieldCond: fc.Arbitrary<unknown> = fc.oneof(
  queryScalar,
  fc.record({ $eq: queryScalar }),
  fc.record({ $in: fc.array(queryScalar, { maxLength: 3 }) }),
  fc.record({ $nin: fc.array(queryScalar, { maxLength: 2 }) }),
  fc.record({ $ne: queryScalar }),
  fc.record({ $gt: scalar, $lte: scalar }, { requiredKeys: [] }),
  fc.record({ $gte: scalar, $lt: scalar }, { requiredKeys: [] }),
  fc.record({ $in: fc.array(queryScalar, { maxLength: 2 }), $gte: scalar }, { requiredKeys: [] }),
  fc.record({ $exists: fc.boolean() }),
  fc.array(scalar, { maxLength: 2 }),
  fc.record({ x: scalar }),
);
const fields = fc.dictionary(fc.constantFrom(...PATHS, '_id'), fieldCond, { maxKeys: 3 });
/** A filter with logical operators nested up to `depth` levels: fields, then $and / $or / $nor of smaller filters. */
function filterOf(depth: number): fc.Arbitrary<Plain> {
  if (depth === 0) return fields;
  const inner = filterOf(depth - 1);
  return fc
    .record(
      {
        base: fields,
        and: fc.array(inner, { maxLength: 2 }),
        or: fc.array(inner, { minLength: 1, maxLength: 3 }),
        nor: fc.array(inner, { minLength: 1, maxLength: 2 }),
      },
      { requiredKeys: ['base'] },
    )
    .map(({ base, and, or, nor }) => ({ ...base, ...(and && { $and: and }), ...(or && { $or: or }), ...(nor && { $nor: nor }) }));
}
const smallFilter = filterOf(2);

const sort = fc.option(fc.dictionary(fc.constantFrom(...PATHS), fc.constantFrom(1, -1), { minKeys: 1, maxKeys: 2 }), { nil: undefined });

type Op =
  | { kind: 'get'; filter: Plain; sort?: Plain; skip: number; limit?: number }
  | { kind: 'count'; filter: Plain }
  | { kind: 'aggregate'; filter: Plain; limit: number }
  | { kind: 'update'; filter: Plain; set: Plain; multi: boolean }
  | { kind: 'remove'; filter: Plain; multi: boolean }
  | { kind: 'insert'; id: string; doc: Plain }
  | { kind: 'replace'; id: string; doc: Plain };

const id = fc.integer({ min: 0, max: 30 }).map((n) => `d${n}`);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('get' as const), filter: smallFilter, sort, skip: fc.integer({ min: 0, max: 3 }), limit: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('count' as const), filter: smallFilter }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('aggregate' as const), filter: smallFilter, limit: fc.integer({ min: 1, max: 5 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      filter: smallFilter,
      set: fc.oneof(
        fc.record({ $set: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'n.x'), value, { minKeys: 1, maxKeys: 2 }) }),
        fc.record({ $unset: fc.dictionary(fc.constantFrom('a', 'b', 'arr'), fc.constant(''), { minKeys: 1, maxKeys: 1 }) }),
      ),
      multi: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), filter: smallFilter, multi: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), id, doc }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), id, doc }) },
);

function request(o: Op, n: number): Record<string, unknown> {
  const base = { collectionName: 't', requestId: `r${n}` };
  switch (o.kind) {
    case 'get':
      return { ...base, action: 'database.getDocument', query: toWire(o.filter), ...(o.sort && { order: toWire(o.sort) }), offset: o.skip, ...(o.limit !== undefined && { limit: o.limit }) };
    case 'count':
      return { ...base, action: 'database.calculateDocument', query: toWire(o.filter) };
    case 'aggregate':
      return {
        ...base,
        action: 'database.aggregateDocuments',
        stages: [
          { stageKey: '$match', stageValue: toWire(o.filter) },
          { stageKey: '$limit', stageValue: toWire(o.limit) },
        ],
      };
    case 'update':
      return { ...base, action: 'database.modifyDocument', query: toWire(o.filter), data: toWire(o.set), multi: o.multi };
    case 'remove':
      return { ...base, action: 'database.removeDocument', query: toWire(o.filter), multi: o.multi };
    case 'insert':
      return { ...base, action: 'database.insertDocument', data: [toWire({ ...o.doc, _id: o.id })] };
    case 'replace':
      return { ...base, action: 'database.modifyDocument', queryType: 'DOC', query: toWire({ _id: o.id }), data: toWire(o.doc), merge: false, upsert: true };
  }
}

/** Everything in natural order: the order queries without a sort see. */
const dump = { action: 'database.getDocument', collectionName: 't', requestId: 'dump', query: toWire({}), limit: 1000 };

async function pair(decls: IndexDecl[], docs: Plain[]): Promise<[Database, Database]> {
  const make = async (indexed: boolean) => {
    const db = await Database.open({ collections: [{ name: 't', indexes: decls }] });
    db.setIndexedQueries(indexed);
    await db.insertMany('t', docs);
    return db;
  };
  return [await make(false), await make(true)];
}

describe('indexed query execution answers exactly as a full scan', () => {
  it('for any documents, indexes and sequence of reads and writes', async () => {
    await fc.assert(
      fc.asyncProperty(indexes, fc.array(doc, { minLength: 10, maxLength: 40 }), fc.array(op, { minLength: 1, maxLength: 10 }), async (decls, docs, ops) => {
        const [scan, indexed] = await pair(
          decls,
          docs.map((d, i) => ({ ...d, _id: `d${i}` })),
        );
        try {
          for (const [n, o] of ops.entries()) {
            const body = request(o, n);
            expect((await indexed.handle(body)).body).toEqual((await scan.handle(body)).body);
          }
          expect((await indexed.handle(dump)).body).toEqual((await scan.handle(dump)).body);
        } finally {
          await scan.close();
          await indexed.close();
        }
      }),
      { numRuns: Number(process.env.DB_INDEX_RUNS ?? 150) },
    );
  }, 30_000);

  it('after a bulk load that rebuilds the indexes, and after single writes that splice them', async () => {
    const docs = Array.from({ length: BULK_REBUILD + 50 }, (_, i) => ({ _id: `b${i}`, a: ['x', 'y', 'z'][i % 3], b: i % 7, n: { x: DATES[i % 3] } }));
    const [scan, indexed] = await pair([{ name: 'ab', keys: [['a', 1], ['b', 1]] }, { name: 'nx', keys: [['n.x', 1]] }], docs.slice(0, 10));
    const queries = [{ a: 'y', b: { $gte: 2, $lt: 5 } }, { 'n.x': { $lt: DATES[2] } }, { $or: [{ a: 'z' }, { 'n.x': DATES[0] }] }, { a: { $in: ['x', 'z'] } }];
    const same = async () => {
      for (const q of queries) {
        const body = { action: 'database.getDocument', collectionName: 't', requestId: 'q', query: toWire(q), limit: 1000 };
        expect((await indexed.handle(body)).body).toEqual((await scan.handle(body)).body);
      }
    };
    await same(); // builds the indexes over 10 documents
    for (const db of [scan, indexed]) await db.insertMany('t', docs.slice(10)); // more than BULK_REBUILD at once
    await same();
    for (const db of [scan, indexed]) {
      await db.handle({ action: 'database.modifyDocument', collectionName: 't', requestId: 'u', query: toWire({ a: 'x' }), data: toWire({ $set: { a: 'y' } }), multi: true });
      await db.handle({ action: 'database.removeDocument', collectionName: 't', requestId: 'd', query: toWire({ b: 3 }), multi: true });
      await db.insertMany('t', [{ _id: 'b3', a: 'z', b: 4 }]); // removed just above: back, last in natural order
    }
    await same();
    expect((await indexed.handle(dump)).body).toEqual((await scan.handle(dump)).body);
    await scan.close();
    await indexed.close();
  });
});

describe('candidates', () => {
  const coll = new Collection('cases');
  coll.ensureIndexes([
    { name: 'status_due', keys: [['status', 1], ['dueAt', 1]] },
    { name: 'orgPath', keys: [['orgPath', 1]] },
    { name: 'handler', keys: [['handler.openid', 1]] },
  ]);
  const day = (d: number) => new Date(Date.UTC(2026, 0, d));
  coll.apply(
    Array.from({ length: 1000 }, (_, i) => ({
      id: `c${i}`,
      doc: {
        _id: `c${i}`,
        status: i % 10 === 0 ? 'received' : 'evaluated',
        dueAt: i % 10 === 0 ? day(1 + (i % 28)) : null,
        orgPath: ['center', `station${i % 3}`],
        handler: i % 2 ? { openid: `w${i % 5}` } : null,
      },
    })),
    1,
  );
  const ids = (filter: Plain) => coll.candidates(filter)?.map((d) => d._id) ?? null;

  it('come from the index: equality on the leading field, then a range on the next', () => {
    const found = ids({ status: 'received', dueAt: { $lt: day(5) } });
    expect(found).toEqual(Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 10 === 0 && 1 + (i % 28) < 5).map((i) => `c${i}`));
  });

  it('serve $in on an array field, a dotted path, and each branch of an $or, in natural order', () => {
    expect(ids({ orgPath: { $in: ['station1'] } })).toHaveLength(333);
    expect(ids({ 'handler.openid': 'w1' })).toHaveLength(100);
    const either = ids({ $or: [{ 'handler.openid': 'w3' }, { status: 'received' }] }) ?? [];
    expect(either).toHaveLength(200);
    expect([...either].sort((a, b) => Number(String(a).slice(1)) - Number(String(b).slice(1)))).toEqual(either);
  });

  it('fall back to a scan while a document multiplies into too many index entries, and come back once it is gone', () => {
    const small = new Collection('t');
    small.ensureIndexes([{ name: 'ab', keys: [['a', 1], ['b', 1]] }]);
    const ten = Array.from({ length: 10 }, (_, i) => i);
    small.apply([{ id: 'x', doc: { _id: 'x', a: 1, b: 1 } }, { id: 'y', doc: { _id: 'y', a: 2, b: 2 } }], 1);
    expect(small.candidates({ a: 1 })?.map((d) => d._id)).toEqual(['x']);
    small.apply([{ id: 'wide', doc: { _id: 'wide', a: ten, b: ten } }], 2); // 100 entries: more than an index keeps per document
    expect(small.candidates({ a: 1 })).toBeNull();
    small.apply([{ id: 'wide', doc: null }], 3);
    expect(small.candidates({ a: 1 })?.map((d) => d._id)).toEqual(['x']);
  });

  it('are null (a scan) when no index leads with a filtered field, or an $or branch has none', () => {
    expect(ids({ dueAt: { $lt: day(5) } })).toBeNull();
    expect(ids({ $or: [{ status: 'received' }, { summary: 'x' }] })).toBeNull();
    expect(ids({ status: { $ne: 'received' } })).toBeNull();
  });
});
