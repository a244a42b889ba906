/**
 * devcloud's transactions as CloudBase runs them (MongoDB snapshot isolation), driven through the
 * real SDKs: wx-server-sdk (what the functions use) and @cloudbase/node-sdk (which it wraps).
 * Sources: developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.runTransaction.html
 * (runTransaction retries on conflict only; single-document operations only),
 * docs.cloudbase.net/en/database/transaction (snapshot isolation, get/add/delete/update/set),
 * docs.cloudbase.net/en/error-code/DATABASE_TRANSACTION_FAIL (the 30 s lifetime).
 */
import os from 'node:os';
import path from 'node:path';
import cloud from 'wx-server-sdk';
import { startDevcloud, type Devcloud } from '../../devcloud/server';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDKs' transaction objects are untyped */
type AnyDb = any;

let dc: Devcloud;
let wxDb: AnyDb;
let nodeDb: AnyDb;
const savedTencentCloud = process.env.TENCENTCLOUD;

beforeAll(async () => {
  // Skips node-sdk's metadata probe off Tencent Cloud; serviceUrl still decides where requests go.
  process.env.TENCENTCLOUD = 'true';
  dc = await startDevcloud({ collections: [{ name: 'accounts' }, { name: 'ledger' }], functionsDir: path.join(os.tmpdir(), 'devcloud-tx-test-no-functions') });
  cloud.init({ env: 'devcloud', serviceUrl: dc.serviceUrl, secretId: 'x', secretKey: 'y' } as never);
  wxDb = cloud.database();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package wx-server-sdk wraps, loaded as it loads it
  const tcb = require('@cloudbase/node-sdk') as { init(o: object): { database(): AnyDb } };
  nodeDb = tcb.init({ env: 'devcloud', serviceUrl: dc.serviceUrl, secretId: 'x', secretKey: 'y' }).database();
});

afterAll(async () => {
  await dc.close();
  if (savedTencentCloud === undefined) delete process.env.TENCENTCLOUD;
  else process.env.TENCENTCLOUD = savedTencentCloud;
});

afterEach(() => dc.clock.reset());

/** The failure as either SDK reports it: node-sdk keeps CloudBase's code, wx-server-sdk an errCode and the message. */
async function failure(p: Promise<unknown>): Promise<{ code?: string; errCode?: number; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; errCode?: number; errMsg?: string; message?: string };
    return { code: err.code, errCode: err.errCode, message: err.errMsg ?? err.message ?? '' };
  }
  throw new Error('expected the call to fail');
}

async function balance(id: string): Promise<unknown> {
  return ((await wxDb.collection('accounts').doc(id).get()) as { data: { balance: unknown } }).data.balance;
}

/** Each SDK's spelling of a document update: wx-server-sdk wraps the fields in `data`, node-sdk does not. */
const SDKS = [
  { name: 'wx-server-sdk', db: () => wxDb, data: (fields: object) => ({ data: fields }), keepsCode: false },
  { name: '@cloudbase/node-sdk', db: () => nodeDb, data: (fields: object) => fields, keepsCode: true },
];

const CONFLICT = /^(.*\s)?\[ResourceUnavailable\.TransactionConflict\] /;
const NOT_EXIST = /^(.*\s)?\[ResourceUnavailable\.TransactionNotExist\] /;

describe.each(SDKS)('transactions through $name', ({ db, data, keepsCode }) => {
  beforeEach(async () => {
    await wxDb.collection('accounts').doc('alice').set({ data: { balance: 100 } });
    await wxDb.collection('accounts').doc('bob').set({ data: { balance: 0 } });
  });

  it('commits reads and writes of several documents together, and discards them on rollback', async () => {
    await db().runTransaction(async (tx: AnyDb) => {
      const alice = (await tx.collection('accounts').doc('alice').get()).data;
      await tx.collection('accounts').doc('alice').update(data({ balance: alice.balance - 30 }));
      await tx.collection('accounts').doc('bob').update(data({ balance: wxDb.command.inc(30) }));
      await tx.collection('ledger').add(data({ amount: 30 }));
    });
    expect([await balance('alice'), await balance('bob')]).toEqual([70, 30]);
    await expect(
      db().runTransaction(async (tx: AnyDb) => {
        await tx.collection('accounts').doc('alice').update(data({ balance: 0 }));
        await tx.rollback('insufficient');
      }),
    ).rejects.toBe('insufficient');
    expect(await balance('alice')).toBe(70);
  });

  it('reads its snapshot: a document changed outside after the start still reads as it was, its own writes as written', async () => {
    const tx = await db().startTransaction();
    await tx.collection('accounts').doc('bob').update(data({ balance: 7 }));
    // alice is first read only after the outside write: the snapshot dates from the start.
    await wxDb.collection('accounts').doc('alice').update({ data: { balance: 1 } });
    expect((await tx.collection('accounts').doc('alice').get()).data.balance).toBe(100);
    expect((await tx.collection('accounts').doc('bob').get()).data.balance).toBe(7);
    expect(await balance('bob')).toBe(0);
    await tx.commit();
    expect([await balance('alice'), await balance('bob')]).toEqual([1, 7]);
  });

  it('fails the second of two transactions writing one document at that write, with DATABASE_TRANSACTION_CONFLICT', async () => {
    const first = await db().startTransaction();
    const second = await db().startTransaction();
    await first.collection('accounts').doc('alice').update(data({ balance: 1 }));
    const started = performance.now();
    const err = await failure(second.collection('accounts').doc('alice').update(data({ balance: 2 })));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(err.message).toMatch(CONFLICT);
    // node-sdk keeps CloudBase's code; wx-server-sdk knows no number for it (SYS_ERR) and keeps the message.
    if (err.code !== undefined) expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    else expect(err.errCode).toBe(-501001);
    // The conflict ended the second transaction; the first commits as if nothing happened.
    expect((await failure(second.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
    await first.commit();
    expect(await balance('alice')).toBe(1);
  });

  it('fails a write to a document changed outside after the start, at the write', async () => {
    const tx = await db().startTransaction();
    await wxDb.collection('accounts').doc('alice').update({ data: { balance: 5 } });
    expect((await failure(tx.collection('accounts').doc('alice').update(data({ balance: 6 })))).message).toMatch(CONFLICT);
    expect(await balance('alice')).toBe(5);
  });

  it('lets a write outside a transaction complete at once; the transaction holding the document then fails to commit', async () => {
    const tx = await db().startTransaction();
    await tx.collection('accounts').doc('alice').update(data({ balance: 1 }));
    const started = performance.now();
    await wxDb.collection('accounts').doc('alice').update({ data: { balance: wxDb.command.inc(10) } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await balance('alice')).toBe(110);
    const err = await failure(tx.commit());
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(err.message).toMatch(CONFLICT);
    expect(await balance('alice')).toBe(110);
  });

  it('answers any operation on a committed, rolled-back or expired transaction with DATABASE_TRANSACTION_FAIL', async () => {
    const committed = await db().startTransaction();
    await committed.commit();
    const rolledBack = await db().startTransaction();
    await rolledBack.rollback();
    const expired = await db().startTransaction();
    await expired.collection('accounts').doc('alice').update(data({ balance: 0 }));
    // 30 s on devcloud's clock, not the wall's: no test waits for it.
    dc.clock.set(new Date(Date.now() + 30_001));
    for (const tx of [committed, rolledBack, expired]) {
      const read = await failure(tx.collection('accounts').doc('alice').get());
      expect(read.message).toMatch(NOT_EXIST);
      const commit = await failure(tx.commit());
      expect(commit.code).toBe('DATABASE_TRANSACTION_FAIL');
      expect(commit.message).toMatch(NOT_EXIST);
    }
    expect(await balance('alice')).toBe(100);
  });

  it('runTransaction retries a write conflict only when the SDK keeps its code; no update is lost either way', async () => {
    const bump = () =>
      db().runTransaction(async (tx: AnyDb) => {
        const cur = (await tx.collection('accounts').doc('bob').get()).data;
        // Both read before either writes: the later write is the one that conflicts.
        await new Promise((r) => setImmediate(r));
        await tx.collection('accounts').doc('bob').set(data({ balance: cur.balance + 1 }));
      }, 5);
    const results = await Promise.allSettled([bump(), bump()]);
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    // runTransaction looks at error.code; wx-server-sdk turns the code it does not know into
    // errCode -501001 and keeps only the message, so its callers retry themselves (cloudfunctions/case/store.ts).
    expect(ok).toBe(keepsCode ? 2 : 1);
    expect(await balance('bob')).toBe(ok);
  });

  it('refuses query-shaped operations inside a transaction with DATABASE_REQUEST_FAILED and stays usable', async () => {
    const tx = await db().startTransaction();
    const where = tx.collection('accounts').where({ _id: 'alice' });
    const coll = tx.collection('accounts');
    const refusals = [
      await failure(tx.collection('accounts').where({ balance: 100 }).get()),
      await failure(tx.collection('ledger').add(data(Array.from({ length: 1001 }, (_, i) => ({ i }))))),
    ];
    // node-sdk only: wx-server-sdk's query has no updateAndReturn and its collection no options().
    if (typeof where.updateAndReturn === 'function') refusals.push(await failure(where.updateAndReturn(data({ balance: 1 }))));
    if (typeof coll.options === 'function') refusals.push(await failure(coll.options({ raw: true }).where({ balance: { $gt: 1 } }).get()));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    for (const err of refusals) {
      if (err.code !== undefined) expect(err.code).toBe('DATABASE_REQUEST_FAILED');
      else expect(err.errCode).toBe(-502001);
      expect(err.message).toMatch(/single-document operations only/);
    }
    await tx.collection('accounts').doc('alice').update(data({ balance: 99 }));
    await tx.commit();
    expect(await balance('alice')).toBe(99);
    expect((await wxDb.collection('ledger').where({ i: 1000 }).count()).total).toBe(0);
  });

  it('runs a where().update() begun on a transaction outside it: both SDKs send it without the transaction id', async () => {
    const tx = await db().startTransaction();
    await tx.collection('accounts').where({ _id: 'bob' }).update(data({ balance: 4 }));
    await tx.rollback();
    expect(await balance('bob')).toBe(4);
  });
});

describe('the older explicit-transaction wire actions', () => {
  async function wire(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await fetch(dc.serviceUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  }

  it('serve getInTransaction, updateDocInTransaction and deleteDocInTransaction with the same rules', async () => {
    await wxDb.collection('accounts').doc('carol').set({ data: { balance: 3 } });
    const { transactionId } = (await wire({ action: 'database.startTransaction' })) as { transactionId: string };
    expect(transactionId).toMatch(/^[0-9a-f]{32}$/);
    const got = await wire({ action: 'database.getInTransaction', collectionName: 'accounts', transactionId, _id: 'carol' });
    expect(JSON.parse(got.data as string)).toMatchObject({ _id: 'carol', balance: { $numberInt: '3' } });
    expect(await wire({ action: 'database.updateDocInTransaction', collectionName: 'accounts', transactionId, _id: 'carol', data: '{"$set":{"balance":{"$numberInt":"7"}}}' })).toMatchObject({ updated: 1 });
    const other = (await wire({ action: 'database.startTransaction' })) as { transactionId: string };
    const clash = await wire({ action: 'database.deleteDocInTransaction', collectionName: 'accounts', transactionId: other.transactionId, _id: 'carol' });
    expect(clash).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await wire({ action: 'database.commitTransaction', transactionId });
    expect(await balance('carol')).toBe(7);
  });
});
