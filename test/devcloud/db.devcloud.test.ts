/**
 * devcloud's database, driven only through the real wx-server-sdk (plus raw wire posts where the SDK
 * cannot express a request). Each block cites the CloudBase / WeChat document it follows; paths are
 * under developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/ unless a full
 * host is given.
 */
import os from 'node:os';
import path from 'node:path';
import cloud from 'wx-server-sdk';
import { uncoveredQuery } from '../../devcloud/db/coverage';
import { startDevcloud, type Devcloud } from '../../devcloud/server';

type Db = ReturnType<typeof cloud.database>;
interface SdkError {
  errCode: number;
  errMsg: string;
}
interface Row {
  _id: string;
  [field: string]: unknown;
}

let dc: Devcloud;
let db: Db;
let _: Db['command'];

const COLLECTIONS = [
  { name: 'todos', indexes: [{ name: 'by_done', keys: [['done', 1]] as Array<[string, 1 | -1]> }] },
  { name: 'people' },
  { name: 'orders' },
  { name: 'slots' },
  { name: 'accounts' },
  { name: 'pages' },
  { name: 'users', indexes: [{ name: 'uniq_phone', keys: [['phone', 1]] as Array<[string, 1 | -1]>, unique: true }] },
  {
    name: 'cases',
    indexes: [
      { name: 'by_status_org', keys: [['status', 1], ['orgPath', 1]] as Array<[string, 1 | -1]> },
      { name: 'by_due', keys: [['dueAt', 1]] as Array<[string, 1 | -1]> },
    ],
  },
];

// Off Tencent Cloud, @cloudbase/node-sdk probes metadata.tencentyun.com (two DNS lookups, 30 ms
// timeout) before EVERY request; the abandoned lookups pile up and keep jest alive for minutes.
// TENCENTCLOUD=true only skips that probe: an explicit serviceUrl still decides where requests go.
const savedTencentCloud = process.env.TENCENTCLOUD;

beforeAll(async () => {
  process.env.TENCENTCLOUD = 'true';
  dc = await startDevcloud({ collections: COLLECTIONS, functionsDir: path.join(os.tmpdir(), 'devcloud-db-test-no-functions') });
  cloud.init({ env: 'devcloud', serviceUrl: dc.serviceUrl, secretId: 'x', secretKey: 'y' } as never);
  db = cloud.database();
  _ = db.command;
});

afterAll(async () => {
  await dc.close();
  if (savedTencentCloud === undefined) delete process.env.TENCENTCLOUD;
  else process.env.TENCENTCLOUD = savedTencentCloud;
});

/** The promise's rejection, as the SDK shapes it ({ errCode, errMsg }). */
async function failure(p: Promise<unknown> | unknown): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the call to fail');
}

/** A raw wire request, for what the SDK never sends (it caps limit itself, older transaction API). */
async function wire(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(dc.serviceUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function rows(p: Promise<unknown> | unknown): Promise<Row[]> {
  return ((await p) as { data: Row[] }).data;
}

async function one(coll: string, id: string): Promise<Row> {
  return ((await db.collection(coll).doc(id).get()) as { data: Row }).data;
}

// Database.createCollection.html
describe('createCollection', () => {
  it('creates a collection that then accepts writes, and refuses to create it twice', async () => {
    const res = (await db.createCollection('fresh')) as { errMsg: string };
    expect(res.errMsg).toBe('createCollection:ok');
    await db.collection('fresh').add({ data: { a: 1 } });
    expect(dc.db.listCollections().find((c) => c.name === 'fresh')?.count).toBe(1);
    const err = await failure(db.createCollection('fresh'));
    expect(err.errMsg).toMatch(/already exists/);
  });
});

// collection/Collection.add.html
describe('add', () => {
  it('generates a 32-hex _id like CloudBase and keeps a given _id', async () => {
    const gen = (await db.collection('people').add({ data: { name: '张三' } })) as { _id: string };
    expect(gen._id).toMatch(/^[0-9a-f]{32}$/);
    const own = (await db.collection('people').add({ data: { _id: 'p-1', name: '李四' } })) as { _id: string };
    expect(own._id).toBe('p-1');
    expect((await one('people', 'p-1')).name).toBe('李四');
  });

  it('refuses a second document with the same _id', async () => {
    await db.collection('people').add({ data: { _id: 'p-dup', n: 1 } });
    const err = await failure(db.collection('people').add({ data: { _id: 'p-dup', n: 2 } }));
    expect(err.errMsg).toMatch(/E11000 duplicate key/);
    expect((await one('people', 'p-dup')).n).toBe(1);
  });

  it('round-trips types: Date stays a Date, ints and doubles, nested objects, arrays, null, booleans', async () => {
    const due = new Date('2025-03-01T08:00:00.000Z');
    await db.collection('people').add({ data: { _id: 'p-types', due, n: 3, f: 1.5, big: 2 ** 40, nested: { a: { b: 'c' } }, tags: ['x', 'y'], none: null, ok: true } });
    const doc = await one('people', 'p-types');
    expect(doc.due).toBeInstanceOf(Date);
    expect((doc.due as Date).getTime()).toBe(due.getTime());
    expect(doc).toMatchObject({ n: 3, f: 1.5, big: 2 ** 40, nested: { a: { b: 'c' } }, tags: ['x', 'y'], none: null, ok: true });
  });
});

// DESIGN: writing to a collection that was not created fails; reading one does too (errCode -502005,
// "database collection not exists": reference-sdk-api/database/ error codes; docs.cloudbase.net/en/error-code)
describe('missing collections', () => {
  it('fails writes with DATABASE_COLLECTION_NOT_EXIST (-502005)', async () => {
    const add = await failure(db.collection('ghost').add({ data: { a: 1 } }));
    expect(add.errCode).toBe(-502005);
    const upd = await failure(db.collection('ghost').where({ a: 1 }).update({ data: { a: 2 } }));
    expect(upd.errCode).toBe(-502005);
    const rm = await failure(db.collection('ghost').doc('x').remove());
    expect(rm.errCode).toBe(-502005);
  });

  it('fails reads and counts with -502005 too', async () => {
    expect((await failure(db.collection('ghost').get())).errCode).toBe(-502005);
    expect((await failure(db.collection('ghost').count())).errCode).toBe(-502005);
  });
});

// document/Document.get.html
describe('doc().get', () => {
  it('rejects when the document does not exist', async () => {
    const err = await failure(db.collection('people').doc('nobody').get());
    expect(String(err.errMsg ?? err)).toMatch(/does not exist/);
  });
});

// collection/Collection.where.html, command/Command.gt.html, Command.in.html, Command.or.html, Command.and.html
describe('where with query commands', () => {
  beforeAll(async () => {
    await db.collection('todos').add({
      data: [
        { _id: 't1', title: 'Alpha', done: false, progress: 10, tags: ['a'], owner: { city: '广州' } },
        { _id: 't2', title: 'beta', done: true, progress: 50, tags: ['b'], owner: { city: '深圳' } },
        { _id: 't3', title: 'Gamma', done: false, progress: 90, tags: ['a', 'b'], owner: { city: '广州' } },
      ],
    });
  });

  it('matches equality, ranges, in/nin, neq', async () => {
    const ids = async (q: object) => (await rows(db.collection('todos').where(q).orderBy('_id', 'asc').get())).map((r) => r._id);
    expect(await ids({ done: false })).toEqual(['t1', 't3']);
    expect(await ids({ progress: _.gt(20).and(_.lt(95)) })).toEqual(['t2', 't3']);
    expect(await ids({ progress: _.in([10, 90]) })).toEqual(['t1', 't3']);
    expect(await ids({ progress: _.nin([10, 90]) })).toEqual(['t2']);
    expect(await ids({ done: _.neq(false) })).toEqual(['t2']);
  });

  it('matches or across fields', async () => {
    const res = await rows(db.collection('todos').where(_.or([{ progress: _.lte(10) }, { done: true }])).orderBy('_id', 'asc').get());
    expect(res.map((r) => r._id)).toEqual(['t1', 't2']);
  });

  // Command.html "nested fields": dotted paths and nested objects
  it('matches nested paths written as "a.b" and as nested objects', async () => {
    const dotted = await rows(db.collection('todos').where({ 'owner.city': '广州' }).get());
    expect(dotted.map((r) => r._id).sort()).toEqual(['t1', 't3']);
    const nested = await rows(db.collection('todos').where({ owner: { city: '深圳' } }).get());
    expect(nested.map((r) => r._id)).toEqual(['t2']);
  });

  // Database.RegExp.html
  it('matches db.RegExp and JS regular expressions, options included', async () => {
    const re = await rows(db.collection('todos').where({ title: db.RegExp({ regexp: '^a', options: 'i' }) }).get());
    expect(re.map((r) => r._id)).toEqual(['t1']);
    const js = await rows(db.collection('todos').where({ title: /MMA$/i }).get());
    expect(js.map((r) => r._id)).toEqual(['t3']);
  });

  it('matches array elements', async () => {
    const res = await rows(db.collection('todos').where({ tags: 'b' }).orderBy('_id', 'asc').get());
    expect(res.map((r) => r._id)).toEqual(['t2', 't3']);
  });
});

// collection/Collection.orderBy.html, Collection.skip.html, Collection.limit.html, Collection.field.html
describe('orderBy, skip, limit, field', () => {
  beforeAll(async () => {
    const data = Array.from({ length: 12 }, (_v, i) => ({ _id: `o${String(i).padStart(2, '0')}`, group: i % 3, rank: 12 - i, secret: 's' }));
    await db.collection('orders').add({ data });
  });

  it('orders by several fields in call order', async () => {
    const res = await rows(db.collection('orders').orderBy('group', 'desc').orderBy('rank', 'asc').limit(4).get());
    expect(res.map((r) => [r.group, r.rank])).toEqual([
      [2, 1],
      [2, 4],
      [2, 7],
      [2, 10],
    ]);
  });

  it('skips then limits', async () => {
    const res = await rows(db.collection('orders').orderBy('_id', 'asc').skip(5).limit(3).get());
    expect(res.map((r) => r._id)).toEqual(['o05', 'o06', 'o07']);
  });

  it('projects fields with field(), _id included', async () => {
    const [first] = await rows(db.collection('orders').where({ _id: 'o01' }).field({ rank: true }).get());
    expect(first).toEqual({ _id: 'o01', rank: 11 });
    const [excluded] = await rows(db.collection('orders').where({ _id: 'o01' }).field({ secret: false }).get());
    expect(excluded).toEqual({ _id: 'o01', group: 1, rank: 11 });
  });

  it('projects a doc().get() too', async () => {
    const res = (await db.collection('orders').doc('o02').field({ group: true }).get()) as { data: Row };
    expect(res.data).toEqual({ _id: 'o02', group: 2 });
  });
});

// collection/Collection.get.html: "server side returns at most 1000 records, 100 by default"
describe('limits', () => {
  beforeAll(async () => {
    const data = Array.from({ length: 1100 }, (_v, i) => ({ i }));
    for (let i = 0; i < data.length; i += 250) await db.collection('pages').add({ data: data.slice(i, i + 250) });
  });

  it('returns 100 documents when no limit is given', async () => {
    expect(await rows(db.collection('pages').get())).toHaveLength(100);
  });

  it('returns up to 1000 with limit(1000)', async () => {
    expect(await rows(db.collection('pages').limit(1000).get())).toHaveLength(1000);
  });

  it('refuses a wire limit above 1000 with INVALID_PARAM', async () => {
    const res = await wire({ action: 'database.getDocument', collectionName: 'pages', queryType: 'WHERE', limit: 1001 });
    expect(res.code).toBe('INVALID_PARAM');
    expect(String(res.message)).toMatch(/limit 1001 exceeds the maximum of 1000/);
  });
});

// collection/Collection.count.html
describe('count', () => {
  it('counts matching documents beyond any page size', async () => {
    const res = (await db.collection('pages').where({ i: _.gte(100) }).count()) as { total: number };
    expect(res.total).toBe(1000);
  });
});

// command/Command.inc.html, Command.push.html, Command.pull.html, Command.addToSet.html, Command.remove.html,
// Command.min.html, Command.max.html, Command.mul.html, Command.set.html; document/Document.update.html
describe('update commands', () => {
  beforeEach(async () => {
    await db.collection('accounts').doc('u1').set({ data: { n: 1, list: [1, 2, 3], set: ['a'], gone: 'x', low: 5, high: 5, factor: 3, obj: { keep: 1, old: 2 }, meta: { a: 1, b: 1 } } });
  });

  it('applies every update command the SDK offers', async () => {
    const res = (await db.collection('accounts').doc('u1').update({
      data: {
        n: _.inc(2),
        list: _.push([4]),
        set: _.addToSet('a'),
        gone: _.remove(),
        low: _.min(2),
        high: _.max(9),
        factor: _.mul(2),
        obj: _.set({ fresh: true }),
      },
    })) as { stats: { updated: number } };
    expect(res.stats.updated).toBe(1);
    const doc = await one('accounts', 'u1');
    expect(doc).toEqual({ _id: 'u1', n: 3, list: [1, 2, 3, 4], set: ['a'], low: 2, high: 9, factor: 6, obj: { fresh: true }, meta: { a: 1, b: 1 } });
  });

  it('pulls matching array elements', async () => {
    await db.collection('accounts').doc('u1').update({ data: { list: _.pull(_.gt(1)) } });
    expect((await one('accounts', 'u1')).list).toEqual([1]);
  });

  it('merges nested objects field by field, and updates dotted paths', async () => {
    await db.collection('accounts').doc('u1').update({ data: { meta: { b: 2, c: 3 }, 'obj.keep': 10 } });
    const doc = await one('accounts', 'u1');
    expect(doc.meta).toEqual({ a: 1, b: 2, c: 3 });
    expect(doc.obj).toEqual({ keep: 10, old: 2 });
  });

  it('reports updated 0 when nothing matched', async () => {
    const res = (await db.collection('accounts').where({ _id: 'nobody' }).update({ data: { n: 1 } })) as { stats: { updated: number } };
    expect(res.stats.updated).toBe(0);
  });
});

// collection/Collection.update.html: where().update updates every match
describe('where().update', () => {
  it('updates all matching documents and counts them', async () => {
    await db.collection('accounts').add({ data: [{ kind: 'bulk', v: 0 }, { kind: 'bulk', v: 0 }, { kind: 'other', v: 0 }] });
    const res = (await db.collection('accounts').where({ kind: 'bulk' }).update({ data: { v: _.inc(1) } })) as { stats: { updated: number } };
    expect(res.stats.updated).toBe(2);
    const other = await rows(db.collection('accounts').where({ kind: 'other' }).get());
    expect(other[0]?.v).toBe(0);
  });
});

// document/Document.set.html
describe('doc().set', () => {
  it('replaces the whole document and keeps its _id', async () => {
    await db.collection('accounts').doc('s1').set({ data: { a: 1, b: 2 } });
    const res = (await db.collection('accounts').doc('s1').set({ data: { c: 3 } })) as { _id: string; stats: { updated: number; created: number } };
    expect(res).toMatchObject({ _id: 's1', stats: { updated: 1, created: 0 } });
    expect(await one('accounts', 's1')).toEqual({ _id: 's1', c: 3 });
  });

  it('creates the document when missing', async () => {
    const res = (await db.collection('accounts').doc('s-new').set({ data: { fresh: true } })) as { stats: { updated: number; created: number } };
    expect(res.stats).toEqual({ updated: 0, created: 1 });
    expect(await one('accounts', 's-new')).toEqual({ _id: 's-new', fresh: true });
  });
});

// document/Document.remove.html, collection/Collection.remove.html
describe('remove', () => {
  it('removes one document by id and every match by where()', async () => {
    await db.collection('accounts').add({ data: [{ _id: 'r1', tag: 'rm' }, { _id: 'r2', tag: 'rm' }, { _id: 'r3', tag: 'rm' }] });
    const one1 = (await db.collection('accounts').doc('r1').remove()) as { stats: { removed: number } };
    expect(one1.stats.removed).toBe(1);
    const many = (await db.collection('accounts').where({ tag: 'rm' }).remove()) as { stats: { removed: number } };
    expect(many.stats.removed).toBe(2);
    expect((await db.collection('accounts').where({ tag: 'rm' }).count()) as { total: number }).toMatchObject({ total: 0 });
  });
});

// Database.serverDate.html
describe('serverDate', () => {
  // wx-server-sdk's typings omit serverDate's { offset } option, which the runtime takes.
  const serverDateWithOffset = (offset: number) => (db.serverDate as unknown as (opts: { offset: number }) => unknown)({ offset });

  it('stores the server time (with offset) as a Date, on add and on update', async () => {
    const before = Date.now();
    await db.collection('accounts').add({ data: { _id: 'sd', at: db.serverDate(), later: serverDateWithOffset(60_000) } });
    let doc = await one('accounts', 'sd');
    expect(doc.at).toBeInstanceOf(Date);
    const at = (doc.at as Date).getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect((doc.later as Date).getTime() - at).toBeGreaterThanOrEqual(59_000);
    await db.collection('accounts').doc('sd').update({ data: { touched: db.serverDate() } });
    doc = await one('accounts', 'sd');
    expect(doc.touched).toBeInstanceOf(Date);
  });
});

// collection/Collection.aggregate.html and aggregate/Aggregate.*.html
describe('aggregate', () => {
  beforeAll(async () => {
    await db.collection('slots').add({
      data: [
        { _id: 'a1', org: 'o1', kind: 'talk', n: 2, items: ['x', 'y'] },
        { _id: 'a2', org: 'o1', kind: 'mediation', n: 3, items: ['x'] },
        { _id: 'a3', org: 'o2', kind: 'talk', n: 5, items: [] },
      ],
    });
    await db.collection('people').add({ data: [{ _id: 'o1', title: '城关所' }, { _id: 'o2', title: '河口所' }] });
  });

  it('matches, groups, sorts and projects', async () => {
    const $ = _.aggregate;
    const res = (await db
      .collection('slots')
      .aggregate()
      .match({ org: _.exists(true) })
      .group({ _id: '$org', total: $.sum('$n'), count: $.sum(1) })
      .sort({ total: -1 })
      .project({ _id: 0, org: '$_id', total: 1, count: 1 })
      .end()) as { list: Row[] };
    expect(res.list).toEqual([
      { org: 'o1', total: 5, count: 2 },
      { org: 'o2', total: 5, count: 1 },
    ].sort((a, b) => b.total - a.total));
  });

  it('looks up another collection, unwinds, adds fields, skips and limits', async () => {
    const res = (await db
      .collection('slots')
      .aggregate()
      .match({ kind: 'talk' })
      .lookup({ from: 'people', localField: 'org', foreignField: '_id', as: 'orgs' })
      .unwind('$orgs')
      .addFields({ orgTitle: '$orgs.title' })
      .sort({ _id: 1 })
      .skip(1)
      .limit(1)
      .project({ orgTitle: 1 })
      .end()) as { list: Row[] };
    expect(res.list).toEqual([{ _id: 'a3', orgTitle: '河口所' }]);
  });

  it('answers 20 rows unless the pipeline sets a limit, as CloudBase does', async () => {
    await db.collection('slots').add({ data: Array.from({ length: 25 }, (_x, i) => ({ _id: `many-${i}`, org: `m${i}`, kind: 'many', n: i })) });
    const $ = _.aggregate;
    const unbounded = (await db.collection('slots').aggregate().match({ kind: 'many' }).group({ _id: '$org', n: $.sum('$n') }).end()) as { list: Row[] };
    expect(unbounded.list).toHaveLength(20);
    const bounded = (await db.collection('slots').aggregate().match({ kind: 'many' }).group({ _id: '$org', n: $.sum('$n') }).limit(1000).end()) as { list: Row[] };
    expect(bounded.list).toHaveLength(25);
  });

  it('counts and facets', async () => {
    const counted = (await db.collection('slots').aggregate().match({ org: 'o1' }).count('c').end()) as { list: Row[] };
    expect(counted.list).toEqual([{ c: 2 }]);
    // @cloudbase/database 1.4 has no facet() stage builder, so $facet travels as a raw wire stage.
    const faceted = (await wire({
      action: 'database.aggregateDocuments',
      collectionName: 'slots',
      stages: [
        { stageKey: '$match', stageValue: '{"org":{"$in":["o1","o2"]}}' },
        { stageKey: '$facet', stageValue: '{"byKind":[{"$group":{"_id":"$kind","n":{"$sum":{"$numberInt":"1"}}}},{"$sort":{"_id":{"$numberInt":"1"}}}],"all":[{"$count":"n"}]}' },
      ],
    })) as { data: { list: string[] } };
    const list = faceted.data.list.map((text) => JSON.parse(text) as unknown);
    expect(list).toEqual([{ byKind: [{ _id: 'mediation', n: { $numberInt: '1' } }, { _id: 'talk', n: { $numberInt: '2' } }], all: [{ n: { $numberInt: '3' } }] }]);
  });
});

// DESIGN / issue: conditional updates are atomic (CloudBase: single-document updates are atomic,
// docs.cloudbase.net/en/database/transaction "single-document operations")
describe('atomic conditional update', () => {
  it('lets exactly 10 of 200 concurrent guarded increments through', async () => {
    await db.collection('slots').doc('s1').set({ data: { booked: 0 } });
    const results = (await Promise.all(
      Array.from({ length: 200 }, () => db.collection('slots').where({ _id: 's1', booked: _.lt(10) }).update({ data: { booked: _.inc(1) } })),
    )) as Array<{ stats: { updated: number } }>;
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(10);
    expect(results.filter((r) => r.stats.updated === 0)).toHaveLength(190);
    expect((await one('slots', 's1')).booked).toBe(10);
  });
});

// Transactions: test/devcloud/transactions.devcloud.test.ts

// docs.cloudbase.net/en/error-code/DATABASE_DUPLICATE_WRITE (unique indexes; a missing field counts as null)
describe('unique indexes', () => {
  it('refuses a duplicate on insert', async () => {
    await db.collection('users').add({ data: { _id: 'u-a', phone: '138' } });
    const err = await failure(db.collection('users').add({ data: { _id: 'u-b', phone: '138' } }));
    expect(err.errMsg).toMatch(/E11000 duplicate key error collection: users index: uniq_phone/);
  });

  it('refuses a duplicate on update and leaves the document as it was', async () => {
    await db.collection('users').add({ data: { _id: 'u-c', phone: '139' } });
    const err = await failure(db.collection('users').doc('u-c').update({ data: { phone: '138' } }));
    expect(err.errMsg).toMatch(/duplicate key/);
    expect((await one('users', 'u-c')).phone).toBe('139');
  });

  it('treats a missing field as null: two documents without it collide', async () => {
    await db.collection('users').add({ data: { _id: 'u-nophone-1' } });
    const err = await failure(db.collection('users').add({ data: { _id: 'u-nophone-2' } }));
    expect(err.errMsg).toMatch(/duplicate key/);
  });

  it('checks transactional writes at commit and applies none of them', async () => {
    const err = (await failure(
      db.runTransaction(async (tx: TxLike) => {
        await tx.collection('users').doc('u-d').set({ data: { phone: '150' } });
        await tx.collection('users').doc('u-e').set({ data: { phone: '138' } });
      }),
    )) as unknown as { message?: string; errMsg?: string };
    expect(err.message ?? err.errMsg).toMatch(/duplicate key/);
    expect((await rows(db.collection('users').where({ phone: '150' }).get())).length).toBe(0);
  });
});

// DESIGN "strict mode": our own DATABASE_INDEX_NOT_COVERED, so a missing index fails in tests
// (CloudBase indexes: docs.cloudbase.net/en/database/db-index)
describe('strict index coverage', () => {
  beforeAll(() => dc.db.setStrict(true));
  afterAll(() => dc.db.setStrict(false));

  it('refuses a query no declared index covers, naming its shape', async () => {
    const err = await failure(db.collection('cases').where({ handler: 'h1' }).orderBy('dueAt', 'asc').get());
    expect(err.errMsg).toMatch(/query on cases \{handler\} order \{dueAt\} is not covered by any declared index/);
  });

  it('accepts a query led by an index\'s first field, _id, or an empty filter', async () => {
    await expect(db.collection('cases').where({ status: 'open', orgPath: _.in(['a']) }).get()).resolves.toBeTruthy();
    await expect(db.collection('cases').where({ _id: 'x' }).get()).resolves.toBeTruthy();
    await expect(db.collection('cases').get()).resolves.toBeTruthy();
    await expect(db.collection('cases').orderBy('dueAt', 'desc').get()).resolves.toBeTruthy();
  });

  it('refuses a sort-only query on an unindexed field, and checks count, update, remove and aggregate', async () => {
    expect((await failure(db.collection('cases').orderBy('createdAt', 'desc').get())).errMsg).toMatch(/order \{createdAt\}/);
    expect((await failure(db.collection('cases').where({ orgPath: 'a' }).count())).errMsg).toMatch(/\{orgPath\}/);
    expect((await failure(db.collection('cases').where({ orgPath: 'a' }).update({ data: { x: 1 } }))).errMsg).toMatch(/not covered/);
    expect((await failure(db.collection('cases').where({ orgPath: 'a' }).remove())).errMsg).toMatch(/not covered/);
    expect((await failure(db.collection('cases').aggregate().match({ orgPath: 'a' }).end())).errMsg).toMatch(/not covered/);
    await expect(db.collection('cases').aggregate().match({ status: 'open' }).end()).resolves.toBeTruthy();
  });

  it('needs every $or branch covered', async () => {
    await expect(db.collection('cases').where(_.or([{ status: 'open' }, { dueAt: _.lt(new Date()) }])).get()).resolves.toBeTruthy();
    expect((await failure(db.collection('cases').where(_.or([{ status: 'open' }, { orgPath: 'a' }])).get())).errMsg).toMatch(/not covered/);
  });

  it('never blocks document operations by _id', async () => {
    await db.collection('cases').doc('c1').set({ data: { status: 'open' } });
    await expect(db.collection('cases').doc('c1').update({ data: { orgPath: 'x' } })).resolves.toBeTruthy();
  });
});

describe('uncoveredQuery (pure rule)', () => {
  const indexes = [
    { name: 'a', keys: [['status', 1], ['orgPath', 1]] as Array<[string, 1 | -1]> },
    { name: 'b', keys: [['dueAt', -1]] as Array<[string, 1 | -1]> },
  ];
  it.each([
    [{}, undefined, null],
    [{ status: 'x' }, { createdAt: -1 }, null],
    [{ status: { $in: ['x'] } }, undefined, null],
    [{ dueAt: { $gte: 1, $lt: 2 } }, undefined, null],
    [{ status: /^op/ }, undefined, null],
    [{ status: /op/ }, undefined, 'query on t {status} is not covered by any declared index'],
    [{ status: { $ne: 'x' } }, undefined, 'query on t {status} is not covered by any declared index'],
    [{ orgPath: 'x' }, undefined, 'query on t {orgPath} is not covered by any declared index'],
    [{}, { dueAt: 1 }, null],
    [{}, { orgPath: 1 }, 'query on t {} order {orgPath} is not covered by any declared index'],
    [{ $and: [{ orgPath: 'x' }, { status: 'y' }] }, undefined, null],
    [{ $or: [{ status: 'y' }, { orgPath: 'x' }] }, undefined, 'query on t {status, orgPath} is not covered by any declared index'],
  ])('%j order %j → %s', (filter, sort, expected) => {
    expect(uncoveredQuery('t', filter as Record<string, unknown>, sort, indexes)).toBe(expected);
  });
});

// Every CloudBase answer carries a requestId, failures included.
describe('wire envelope', () => {
  it('echoes a requestId on success and on failure', async () => {
    const ok = await wire({ action: 'database.calculateDocument', collectionName: 'people', queryType: 'WHERE' });
    expect(typeof ok.requestId).toBe('string');
    expect(ok.data).toMatchObject({ total: expect.any(Number) });
    const bad = await wire({ action: 'database.calculateDocument', collectionName: 'ghost', queryType: 'WHERE' });
    expect(bad).toMatchObject({ requestId: expect.any(String), code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });

  it('counts each action handled, for benchmarks', async () => {
    dc.db.resetCounters();
    await db.collection('people').where({ name: '张三' }).get();
    await db.collection('people').where({ name: '张三' }).count();
    await db.collection('people').where({ name: '张三' }).count();
    expect(dc.db.counters()).toEqual({ 'database.getDocument': 1, 'database.calculateDocument': 2 });
  });
});

/** The slice of wx-server-sdk's transaction object the tests use. */
interface TxLike {
  collection(name: string): ReturnType<Db['collection']>;
}
