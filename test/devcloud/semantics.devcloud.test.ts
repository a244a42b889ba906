/**
 * Where mingo's answers differ from MongoDB's (CloudBase's database is MongoDB), devcloud answers as
 * MongoDB does or refuses naming the operator. Expected values follow MongoDB's manual:
 * query/mod, query/size, query/elemMatch, query/exists ("Query an Array of Embedded Documents"),
 * aggregation/week (strftime %U: Sunday-based, week 0 before the first Sunday), query/jsonSchema;
 * ObjectId per docs.cloudbase.net (db.ObjectId({ id })) and wx-server-sdk's Database.ObjectId.
 */
import os from 'node:os';
import path from 'node:path';
import cloud from 'wx-server-sdk';
import { startDevcloud, type Devcloud } from '../../devcloud/server';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's database is untyped here */
let dc: Devcloud;
let db: any;
const savedTencentCloud = process.env.TENCENTCLOUD;

const DOCS = [
  { _id: 'd1', a: [{ b: 1 }, { c: 2 }] },
  { _id: 'd2', a: [{ c: 2 }] },
  { _id: 'd3', a: [] },
  { _id: 'd4', a: [{ b: 4 }, { b: 7 }] },
  { _id: 'd5', a: [{ b: [1, 2] }, { b: [3, 8] }] },
  { _id: 'd6', a: { b: 5 } },
  { _id: 'd7' },
  { _id: 'd8', a: [{ b: null }] },
  { _id: 'd9', n: 5.5, tags: ['x', 'y'] },
];

beforeAll(async () => {
  process.env.TENCENTCLOUD = 'true';
  dc = await startDevcloud({
    collections: [{ name: 'shapes' }, { name: 'days' }, { name: 'owners' }, { name: 'pets', indexes: [{ name: 'owner', keys: [['owner', 1]] }] }],
    functionsDir: path.join(os.tmpdir(), 'devcloud-semantics-no-functions'),
  });
  cloud.init({ env: 'devcloud', serviceUrl: dc.serviceUrl, secretId: 'x', secretKey: 'y' } as never);
  db = cloud.database();
  for (const doc of DOCS) await db.collection('shapes').add({ data: doc });
});
afterAll(async () => {
  await dc.close();
  if (savedTencentCloud === undefined) delete process.env.TENCENTCLOUD;
  else process.env.TENCENTCLOUD = savedTencentCloud;
});

const ids = async (filter: object): Promise<string[]> => ((await db.collection('shapes').where(filter).get()).data as Array<{ _id: string }>).map((d) => d._id).sort();

async function failure(p: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errCode: number; errMsg: string };
  }
  throw new Error('expected the call to fail');
}

describe('queries through arrays of embedded documents', () => {
  it.each([
    ['exists', { 'a.b': { $exists: true } }, ['d1', 'd4', 'd5', 'd6', 'd8']],
    ['not exists', { 'a.b': { $exists: false } }, ['d2', 'd3', 'd7', 'd9']],
    // Any value the path reaches, elements of an array value included; null never (mingo: null % 2 === 0).
    ['mod [2, 0]', { 'a.b': { $mod: [2, 0] } }, ['d4', 'd5']],
    ['mod [3, 1]', { 'a.b': { $mod: [3, 1] } }, ['d1', 'd4', 'd5']],
    // The value truncated toward zero: 5.5 is 5 (mingo: 5.5 % 2 is 1.5).
    ['mod of a double', { n: { $mod: [2, 1] } }, ['d9']],
    // Only an array the path reaches: b's through a's elements (4, 7) are not one (mingo: they are).
    ['elemMatch through a path', { 'a.b': { $elemMatch: { $gt: 5 } } }, ['d5']],
    ['elemMatch on the array of documents', { a: { $elemMatch: { b: { $gt: 3 } } } }, ['d4', 'd5']],
    ['size through a path', { 'a.b': { $size: 2 } }, ['d5']],
    ['size of a field', { tags: { $size: 2 } }, ['d9']],
  ])('%s', async (_name, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });

  it('refuses $jsonSchema (mingo would match every document) with DATABASE_INVALID_OPERRATOR naming it', async () => {
    const err = await failure(db.collection('shapes').where({ $jsonSchema: { required: ['n'] } }).get());
    expect(err.errCode).toBe(-502002);
    expect(err.errMsg).toMatch(/\$jsonSchema is not supported by devcloud/);
  });
});

describe('$week', () => {
  it('counts Sunday-based weeks as MongoDB does: the days before the first Sunday are week 0', async () => {
    const days = ['2026-01-01', '2026-01-03', '2026-01-04', '2026-12-31', '2023-01-01', '2027-01-03'];
    for (const day of days) await db.collection('days').add({ data: { _id: day, at: new Date(`${day}T12:00:00Z`) } });
    const { list } = await db
      .collection('days')
      .aggregate()
      .project({ week: db.command.aggregate.week('$at'), beijing: db.command.aggregate.week({ date: '$at', timezone: '+08:00' }) })
      .sort({ _id: 1 })
      .limit(10)
      .end();
    expect(list.map((r: { _id: string; week: number }) => [r._id, r.week])).toEqual([
      ['2023-01-01', 1],
      ['2026-01-01', 0],
      ['2026-01-03', 0],
      ['2026-01-04', 1],
      ['2026-12-31', 52],
      ['2027-01-03', 1],
    ]);
    const err = await failure(db.collection('days').aggregate().project({ w: db.command.aggregate.week({ date: '$at', timezone: 'Asia/Shanghai' }) }).end());
    expect(err.errMsg).toMatch(/\$week with timezone "Asia\/Shanghai" is not supported by devcloud/);
  });
});

// wx-server-sdk has no db.ObjectId; @cloudbase/node-sdk (which it wraps) has, and sends it as {$oid}.
describe('ObjectId (through @cloudbase/node-sdk)', () => {
  it('stores, finds, returns and joins by db.ObjectId({ id }) as _id and as a field value', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package wx-server-sdk wraps
    const tcb = require('@cloudbase/node-sdk') as { init(o: object): { database(): any } };
    const ndb = tcb.init({ env: 'devcloud', serviceUrl: dc.serviceUrl, secretId: 'x', secretKey: 'y' }).database();
    const oid = (id: string) => ndb.ObjectId({ id });
    const ownerId = '64b7f0c2a1b2c3d4e5f60718';
    await ndb.collection('owners').add({ _id: oid(ownerId), name: '张三' });
    await ndb.collection('owners').add({ _id: ownerId, name: '同号的字符串' });
    await ndb.collection('pets').add({ _id: 'p1', owner: oid(ownerId), kind: 'dog' });
    await ndb.collection('pets').add({ _id: 'p2', owner: oid('64b7f0c2a1b2c3d4e5f60719'), kind: 'cat' });

    // An ObjectId _id and the same 24 hex as a string are two documents.
    const byOid = (await ndb.collection('owners').where({ _id: oid(ownerId) }).get()).data;
    expect(byOid.map((d: { name: string }) => d.name)).toEqual(['张三']);
    // On the wire the _id comes back as CloudBase sends it, {"$oid": …}; the SDK's result formatter
    // then turns the parsed ObjectId into a plain {} (its own behaviour, the same against CloudBase).
    const raw = await fetch(dc.serviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'pets', queryType: 'WHERE', query: JSON.stringify({ _id: 'p1' }) }),
    });
    expect(JSON.parse(((await raw.json()) as { data: { list: string[] } }).data.list[0] as string)).toMatchObject({ owner: { $oid: ownerId } });
    expect((await db.collection('owners').doc(ownerId).get()).data.name).toBe('同号的字符串');

    const pets = (await ndb.collection('pets').where({ owner: oid(ownerId) }).get()).data;
    expect(pets.map((p: { _id: string }) => p._id)).toEqual(['p1']);

    const { data: joined } = await ndb
      .collection('owners')
      .aggregate()
      .match({ _id: oid(ownerId) })
      .lookup({ from: 'pets', localField: '_id', foreignField: 'owner', as: 'pets' })
      .end();
    expect(joined.map((o: { name: string; pets: Array<{ _id: string }> }) => [o.name, o.pets.map((p) => p._id)])).toEqual([['张三', ['p1']]]);

    await ndb.collection('owners').where({ _id: oid(ownerId) }).update({ name: '张三丰' });
    expect((await ndb.collection('owners').where({ _id: oid(ownerId) }).get()).data[0].name).toBe('张三丰');
    await ndb.collection('owners').where({ _id: oid(ownerId) }).remove();
    expect((await db.collection('owners').where({ name: '张三丰' }).count()).total).toBe(0);
    expect((await db.collection('owners').where({ name: '同号的字符串' }).count()).total).toBe(1);
  });
});

describe('$lookup', () => {
  it('answers a plain localField/foreignField join as MongoDB does: array local values match any element, missing matches missing', async () => {
    await db.collection('pets').add({ data: { _id: 'p3', kind: 'fish' } });
    await db.collection('owners').add({ data: { _id: 'o-many', owners: ['x', 'y'] } });
    await db.collection('pets').add({ data: { _id: 'p4', owner: 'y' } });
    const { list } = await db
      .collection('owners')
      .aggregate()
      .match({ _id: db.command.in(['o-many']) })
      .lookup({ from: 'pets', localField: 'owners', foreignField: 'owner', as: 'pets' })
      .end();
    expect(list[0].pets.map((p: { _id: string }) => p._id)).toEqual(['p4']);
    const { list: missing } = await db
      .collection('shapes')
      .aggregate()
      .match({ _id: 'd7' })
      .lookup({ from: 'pets', localField: 'owner', foreignField: 'owner', as: 'pets' })
      .end();
    expect(missing[0].pets.map((p: { _id: string }) => p._id)).toEqual(['p3']);
  });
});
