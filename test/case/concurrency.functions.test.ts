import cloudSdk from 'wx-server-sdk';
import { createWorkCalendar, replay, type ActingActor, type CaseEvent, type CaseState, type InputOf, type caseContracts } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/**
 * Case commands racing on one case under CloudBase's transaction rules (a conflict comes at the
 * write, not at commit; runTransaction does not retry it through wx-server-sdk): every caller is
 * answered ok or CONFLICT, the ledger has no gap, and the case is the replay of its ledger.
 */
type Store = typeof import('../../cloudfunctions/case/store');
type Tx = typeof import('../../cloudfunctions/_runtime/transaction');
type Errors = typeof import('../../cloudfunctions/_runtime/db-errors');
type Command = InputOf<(typeof caseContracts)['act']>['command'];

let cloud: TestCloud;
let store: Store;
let tx: Tx;
let errors: Errors;
let n = 0;
const rid = () => `race-${Date.now().toString(36)}-${n++}`;
const calendar = createWorkCalendar();
const staff: ActingActor = { openid: 'demo-staff', role: 'staff', name: '陈静', orgIds: ['qh-center'] };
const pathOf = async (id: string) => (id === 'qh-center' ? [] : ['qh-center']);

beforeAll(async () => {
  // Enough warm instances that commands really overlap (CloudBase runs one request per instance).
  cloud = await startTestCloud({ seed: true, maxInstancesPerFunction: 12 });
  process.env.DEVCLOUD_SERVICE_URL = cloud.serviceUrl;
  process.env.TENCENTCLOUD = 'true';
  store = jest.requireActual<Store>('../../cloudfunctions/case/store');
  tx = jest.requireActual<Tx>('../../cloudfunctions/_runtime/transaction');
  errors = jest.requireActual<Errors>('../../cloudfunctions/_runtime/db-errors');
}, 30000);
// Each test starts in a fresh minute of devcloud's clock, so per-caller write limits start afresh.
let minutes = 0;
beforeEach(() => cloud.clock.set(new Date(Date.now() + (minutes += 2) * 60_000)));
afterAll(async () => {
  delete process.env.DEVCLOUD_SERVICE_URL;
  cloud.clock.reset();
  await cloud.close();
});

function projection(doc: Record<string, unknown>): CaseState {
  const { _id, dueAt, closedInTime, orgPath, transferPath, requests, ...state } = doc;
  void [_id, dueAt, closedInTime, orgPath, transferPath, requests];
  return state as unknown as CaseState;
}

function ledgerOf(caseId: string): { doc: Record<string, unknown>; events: CaseEvent[] } {
  const [doc] = cloud.db.find('cases', { _id: caseId }) as Array<Record<string, unknown>>;
  const events = cloud.db.find('case_events', { caseId }, { sort: { seq: 1 } }) as Array<CaseEvent & { seq: number }>;
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(projection(doc!)).toEqual(replay(events));
  expect(doc!.version).toBe(events.length);
  return { doc: doc!, events };
}

async function openCase(summary: string): Promise<string> {
  const { id } = await cloud.api('demo-resident').case.submit({ category: 'consultation', summary, applicant: { name: '王秀英', phone: '13812345678' } }, { requestId: rid() });
  await cloud.api('demo-staff').case.act({ caseId: id, command: { type: 'triage', orgId: 'qs-station' } }, { requestId: rid() });
  return id;
}

describe('200 case commands at once on one case', () => {
  it('answers each ok or CONFLICT, leaves a gapless ledger equal to the case, and records exactly the commands answered ok', async () => {
    const caseId = await openCase('二百条记录同时到');
    // Four workers who reach the case, 50 each: under the write limit of 60 a minute per caller.
    const callers = ['demo-staff', 'demo-supervisor', 'demo-admin', 'seed-staff-qs'];
    const note = (i: number): Command => ({ type: 'addNote', text: `第${i}条`, visibility: 'internal' });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => cloud.call<{ ok: boolean; error?: { code: string; details: { reason: string } } }>('case', 'act', { caseId, command: note(i) }, { openid: callers[i % 4], requestId: rid() })),
    );
    const ok = answers.filter((a) => a.status === 200 && a.body.ok).length;
    const refused = answers.filter((a) => !a.body.ok).map((a) => [a.status, a.body.error?.code, a.body.error?.details.reason]);
    for (const r of refused) expect(r).toEqual([200, 'CONFLICT', 'concurrent_change']);
    expect(ok + refused.length).toBe(200);
    expect(ok).toBeGreaterThan(0);
    const { events } = ledgerOf(caseId);
    expect(events.filter((e) => e.type === 'noteAdded')).toHaveLength(ok);
  }, 120000);

  it('carries out one command sent ten times at once with one requestId once, answering every copy alike', async () => {
    const caseId = await openCase('连点十次记录');
    const requestId = rid();
    const command: Command = { type: 'addNote', text: '只记一次', visibility: 'internal' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => cloud.call<{ ok: boolean; data?: unknown; error?: { code: string } }>('case', 'act', { caseId, command }, { openid: 'demo-staff', requestId })));
    const done = answers.filter((a) => a.body.ok).map((a) => a.body.data);
    for (const a of answers.filter((x) => !x.body.ok)) expect(a.body.error?.code).toBe('CONFLICT');
    expect(done.length).toBeGreaterThan(0);
    for (const d of done) expect(d).toEqual(done[0]);
    expect(ledgerOf(caseId).events.filter((e) => e.type === 'noteAdded')).toHaveLength(1);
  });
});

const note = (text: string): Command => ({ type: 'addNote', text, visibility: 'internal' });
const as = (extra: Partial<Parameters<Store['runCommand']>[3]> = {}) => ({ calendar, actorFor: () => staff, pathOf, ...extra });

describe('each interleaving, forced', () => {

  it('decides again when another command committed between its read and its write', async () => {
    const caseId = await openCase('读后被抢先');
    let reads = 0;
    const result = await store.runCommand(
      caseId,
      { type: 'transfer', toOrgId: 'qs-dongpo', reason: '驻点调解' },
      cloud.clock.now(),
      as({
        // Called after the read, before the transaction: the first time, another command lands.
        pathOf: async (id) => {
          if (reads++ === 0) await store.runCommand(caseId, note('抢先一步'), cloud.clock.now(), as());
          return pathOf(id);
        },
      }),
    );
    expect(reads).toBeGreaterThanOrEqual(2);
    const { events } = ledgerOf(caseId);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['noteAdded', 'transferred']);
    expect(result.timeline.map((e) => e.type)).toEqual(events.map((e) => e.type));
  });

  it('is not held up by an open transaction on the case: the step lands at once and the holder fails at its commit', async () => {
    // The store writes no transaction: its writes are outside ones, which never wait on CloudBase.
    const caseId = await openCase('被占住的案件');
    cloudSdk.init({ env: 'devcloud', serviceUrl: cloud.serviceUrl, secretId: 'x', secretKey: 'y' } as never);
    const db = cloudSdk.database();
    const holder = (await db.startTransaction()) as unknown as { collection(n: string): { doc(id: string): { update(o: object): Promise<unknown> } }; commit(): Promise<unknown> };
    await holder.collection('cases').doc(caseId).update({ data: { heldBy: 'test' } });
    const result = await store.runCommand(caseId, note('照样写入'), cloud.clock.now(), as());
    expect(result.events.map((e) => e.type)).toEqual(['noteAdded']);
    const failed = await holder.commit().then(() => null, (err: unknown) => err);
    expect(errors.isTransactionConflict(failed)).toBe(true);
    const { doc, events } = ledgerOf(caseId);
    expect(doc.heldBy).toBeUndefined();
    expect(events.at(-1)?.type).toBe('noteAdded');
  });

  it('writes extra documents with the step; an id already there counts as written (a roll-forward wrote it)', async () => {
    const caseId = await openCase('附带写入');
    const extra = (id: string) => () => [{ collection: 'case_events', doc: { _id: id, caseId: 'elsewhere', seq: 0 } }];
    await store.runCommand(caseId, note('带一份'), cloud.clock.now(), as({ extraWrites: extra(`${caseId}-extra`) }));
    expect(cloud.db.find('case_events', { _id: `${caseId}-extra` })).toHaveLength(1);
    await store.runCommand(caseId, note('带重了'), cloud.clock.now(), as({ extraWrites: extra(`${caseId}-extra`) }));
    expect(cloud.db.find('case_events', { _id: `${caseId}-extra` })).toHaveLength(1);
    expect(ledgerOf(caseId).events.slice(-2).map((e) => e.type)).toEqual(['noteAdded', 'noteAdded']);
  });
});

describe('a writer that stops between its event and its case', () => {
  const noticesOf = (caseId: string, seq: number) => (cloud.db.find('notices', {}) as Array<{ _id: string }>).filter((n) => n._id.startsWith(`case:${caseId}:${seq}:`));

  it('leaves a step the next read rolls forward: the case, its notices and its extra documents, each once', async () => {
    const caseId = await openCase('写了一半');
    const transfer: Command = { type: 'transfer', toOrgId: 'qs-dongpo', reason: '驻点调解' };
    const extraWrites = () => [{ collection: 'case_events', doc: { _id: `${caseId}-visit`, caseId: `elsewhere-${caseId}`, seq: 0 } }];
    const step = await store.planCommand(caseId, transfer, cloud.clock.now(), as({ extraWrites }));
    if (!('added' in step)) throw new Error('the transfer decided nothing');
    expect(await store.commitOnly(step)).toBe(true);
    // As the dead writer left it: the event is there, the case, its notices and the extra are not.
    const seq = step.added[0]!.seq;
    expect((cloud.db.find('cases', { _id: caseId })[0] as { version: number }).version).toBe(seq - 1);
    expect(noticesOf(caseId, seq)).toHaveLength(0);
    expect(cloud.db.find('case_events', { _id: `${caseId}-visit` })).toHaveLength(0);
    // The next read (the case page) finishes it, exactly as the writer would have.
    const page = await cloud.api('seed-staff-qs').case.get({ caseId });
    const { doc } = ledgerOf(caseId);
    expect(page.timeline.length).toBe(seq);
    expect(doc.transfer).toMatchObject({ toOrgId: 'qs-dongpo' });
    expect(doc).toMatchObject({ version: seq, orgPath: step.doc.orgPath, transferPath: step.doc.transferPath });
    const notices = noticesOf(caseId, seq);
    expect(notices.length).toBeGreaterThan(0);
    expect(cloud.db.find('case_events', { _id: `${caseId}-visit` })).toHaveLength(1);
    // Read again and command again: nothing is written twice, and the ledger goes on without a gap.
    await cloud.api('seed-staff-qs').case.get({ caseId });
    await cloud.api('demo-staff').case.act({ caseId, command: note('接着办') }, { requestId: rid() });
    expect(noticesOf(caseId, seq)).toEqual(notices);
    expect(ledgerOf(caseId).events.slice(-2).map((e) => e.type)).toEqual(['transferred', 'noteAdded']);
    // The ledger as the functions show it carries no commit.
    expect(JSON.stringify(await store.loadEvents(caseId))).not.toContain('commit');
  });

  it('lets a command decide on the step a dead writer left, after finishing it', async () => {
    const caseId = await openCase('命令前补完');
    const step = await store.planCommand(caseId, note('写到一半'), cloud.clock.now(), as());
    if (!('added' in step)) throw new Error('the note decided nothing');
    await store.commitOnly(step);
    const result = await store.runCommand(caseId, note('后来的'), cloud.clock.now(), as());
    expect(result.timeline.slice(-2).map((e) => e.type)).toEqual(['noteAdded', 'noteAdded']);
    expect(ledgerOf(caseId).doc.version).toBe(step.added[0]!.seq + 1);
  });

  it('is finished by the hourly sweep when nobody reads the case again', async () => {
    const caseId = await openCase('没人再看');
    const step = await store.planCommand(caseId, { type: 'transfer', toOrgId: 'qs-dongpo', reason: '驻点调解' }, cloud.clock.now(), as());
    if (!('added' in step)) throw new Error('the transfer decided nothing');
    await store.commitOnly(step);
    const seq = step.added[0]!.seq;
    // Within its first minute the step is left to its writer; after it, the sweep finishes it.
    expect(await cloud.triggers.fireNow('case')).toMatchObject({ ok: true });
    expect((cloud.db.find('cases', { _id: caseId })[0] as { version: number }).version).toBe(seq - 1);
    cloud.clock.set(new Date(cloud.clock.now().getTime() + 5 * 60_000));
    expect(await cloud.triggers.fireNow('case')).toMatchObject({ trigger: 'sweepIdempotency', ok: true });
    expect(ledgerOf(caseId).doc.version).toBe(seq);
    expect(noticesOf(caseId, seq).length).toBeGreaterThan(0);
  });

  it('leaves a new case whose first event is written and the case not: a retry of the request finishes it, numbered once', async () => {
    const requestId = rid();
    const payload = { category: 'consultation', summary: '受理写了一半', applicant: { name: '王秀英', phone: '13812345678' } } as const;
    const { id } = await cloud.api('demo-resident').case.submit(payload, { requestId });
    // Undo what follows the first event, as if the instance had died right after writing it.
    const db = cloudSdk.database();
    const notices = noticesOf(id, 1);
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) await db.collection('notices').doc(n._id).remove();
    await db.collection('cases').doc(id).remove();
    const counters = cloud.db.find('counters', {});
    const again = await cloud.api('demo-resident').case.submit(payload, { requestId });
    expect(again.id).toBe(id);
    expect(cloud.db.find('counters', {})).toEqual(counters);
    expect(noticesOf(id, 1).map((n) => n._id).sort()).toEqual(notices.map((n) => n._id).sort());
    ledgerOf(id);
  });
});

describe('transaction() for other transactions (cloudfunctions/_runtime/transaction.ts)', () => {
  it('retries a conflict raised at a write, which db.runTransaction alone answers with an error', async () => {
    const caseId = await openCase('别处的事务');
    cloudSdk.init({ env: 'devcloud', serviceUrl: cloud.serviceUrl, secretId: 'x', secretKey: 'y' } as never);
    const db = cloudSdk.database();
    const hold = async () => {
      const holder = (await db.startTransaction()) as unknown as { collection(n: string): { doc(id: string): { update(o: object): Promise<unknown> } }; rollback(): Promise<unknown> };
      await holder.collection('cases').doc(caseId).update({ data: { heldBy: 'test' } });
      return holder;
    };
    const work = (release: () => Promise<unknown>) => {
      let attempts = 0;
      return async (t: { collection(n: string): { doc(id: string): { update(o: object): Promise<unknown> } } }) => {
        if (++attempts === 2) await release();
        await t.collection('cases').doc(caseId).update({ data: { touchedBy: 'retry' } });
        return attempts;
      };
    };
    const first = await hold();
    await expect(db.runTransaction(work(() => first.rollback()) as never)).rejects.toMatchObject({ errMsg: expect.stringContaining('[ResourceUnavailable.TransactionConflict]') });
    await first.rollback().catch(() => undefined);
    const second = await hold();
    expect(await tx.transaction(work(() => second.rollback()) as never)).toBe(2);
    expect(cloud.db.find('cases', { _id: caseId })[0]).toMatchObject({ touchedBy: 'retry' });
  });
});
