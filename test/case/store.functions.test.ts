import { createWorkCalendar, refuse, replay, type ActingActor, type CaseEvent, type CaseState } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

// The case store runs here as inside a function instance: real wx-server-sdk against devcloud.
type Store = typeof import('../../cloudfunctions/case/store');
type Errors = typeof import('../../cloudfunctions/_runtime/db-errors');
let cloud: TestCloud;
let store: Store;
let errors: Errors;
const calendar = createWorkCalendar();

const resident: ActingActor = { openid: 'demo-resident', role: 'resident', name: '张大爷', orgIds: [] };
const reception: ActingActor = { openid: 'demo-staff', role: 'staff', name: '陈静', orgIds: ['qh-center'] };
const advisor: ActingActor = { openid: 'demo-advisor', role: 'advisor', name: '林晓岚律师', orgIds: ['qs-dongpo', 'qs-shanxia', 'qs-heping'] };
const at = (iso: string) => new Date(iso);
const pathOf = async (id: string) => (id.startsWith('qs-') && id !== 'qs-station' ? ['qh-center', 'qs-station'] : ['qh-center']);
const as = (actor: ActingActor) => ({ calendar, actorFor: () => actor, pathOf });

beforeAll(async () => {
  cloud = await startTestCloud();
  process.env.DEVCLOUD_SERVICE_URL = cloud.serviceUrl;
  store = jest.requireActual<Store>('../../cloudfunctions/case/store');
  errors = jest.requireActual<Errors>('../../cloudfunctions/_runtime/db-errors');
});
afterAll(async () => {
  delete process.env.DEVCLOUD_SERVICE_URL;
  await cloud.close();
});

const open = (caseId: string, when = '2026-11-23T02:00:00Z') =>
  store.openCase(
    caseId,
    { channel: 'miniprogram', category: 'mediation', summary: '邻居占用宅基地', applicant: { openid: 'demo-resident', name: '张大爷', phone: '13800000000' }, orgId: 'qh-center' },
    { actor: resident, at: at(when) },
    [],
    calendar,
  );

function projection(doc: CaseState & { _id?: string; dueAt?: unknown; closedInTime?: unknown; orgPath?: unknown; transferPath?: unknown }): CaseState {
  const { _id, dueAt, closedInTime, orgPath, transferPath, ...state } = doc;
  void [_id, dueAt, closedInTime, orgPath, transferPath];
  return state;
}

describe('case store', () => {
  it('registers a case with its code, deadline and first event in one go', async () => {
    const doc = await open('case-a');
    expect(doc.code).toBe('TJ202611230001');
    expect(doc.status).toBe('received');
    // 30 calendar days for mediation, counted from the day after receipt, ending 23:59:59.999 Beijing time.
    expect(doc.dueAt?.toISOString()).toBe('2026-12-23T15:59:59.999Z');
    const events = await store.loadEvents('case-a');
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'received']]);
  });

  it('keeps the stored case equal to the replay of its ledger after every command', async () => {
    await open('case-b');
    const steps: Array<[ActingActor, Parameters<Store['runCommand']>[1], string]> = [
      [reception, { type: 'triage', orgId: 'qs-dongpo' }, '2026-11-23T03:00:00Z'],
      [reception, { type: 'assign', handler: { openid: 'demo-advisor', name: '林晓岚律师' } }, '2026-11-23T03:05:00Z'],
      [advisor, { type: 'accept' }, '2026-11-23T04:00:00Z'],
      [advisor, { type: 'requestMaterials', items: ['宅基地使用证复印件', '现场照片'] }, '2026-11-24T01:00:00Z'],
      [resident, { type: 'supplyMaterials', items: ['宅基地使用证复印件', '现场照片'] }, '2026-11-26T01:00:00Z'],
      [advisor, { type: 'resolve', result: '双方达成调解协议' }, '2026-11-27T08:00:00Z'],
    ];
    for (const [actor, command, when] of steps) {
      const { doc } = await store.runCommand('case-b', command, at(when), as(actor));
      const stored = await store.loadCase('case-b');
      const events = await store.loadEvents('case-b');
      expect(projection(stored)).toEqual(replay(events as CaseEvent[]));
      expect(stored.version).toBe(events.length);
      expect(doc.status).toBe(stored.status);
    }
    const done = await store.loadCase('case-b');
    expect(done.status).toBe('resolved');
    expect(done.firstHandler).toEqual({ openid: 'demo-advisor', name: '林晓岚律师' });
    expect(done.orgPath).toEqual(['qh-center', 'qs-station']);
    expect(done.dueAt).toBeNull();
  });

  it('refuses a command the state machine forbids and writes nothing', async () => {
    await open('case-c');
    await expect(store.runCommand('case-c', { type: 'resolve', result: '好了' }, at('2026-11-23T05:00:00Z'), as(reception))).rejects.toMatchObject({
      code: 'INVALID_STATE',
      details: { reason: expect.stringMatching(/^[a-z_]+$/) },
    });
    expect((await store.loadEvents('case-c')).length).toBe(1);
    expect((await store.loadCase('case-c')).version).toBe(1);
  });

  it('lets the scope check refuse inside the transaction', async () => {
    await open('case-d');
    const deny = {
      ...as(reception),
      actorFor: (): ActingActor => {
        throw refuse('FORBIDDEN', 'out_of_reach');
      },
    };
    await expect(store.runCommand('case-d', { type: 'addNote', text: '看看', visibility: 'internal' }, at('2026-11-23T05:00:00Z'), deny)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'out_of_reach' },
    });
    expect((await store.loadEvents('case-d')).length).toBe(1);
  });

  it('never lets two racing commands write the same step: every note lands once, in order', async () => {
    await open('case-e');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        store.runCommand('case-e', { type: 'addNote', text: `第${i + 1}条记录`, visibility: 'internal' }, at('2026-11-23T06:00:00Z'), as(reception)),
      ),
    );
    const landed = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT', details: { reason: 'concurrent_change' } });
    const events = await store.loadEvents('case-e');
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 1 + landed }, (_, i) => i + 1));
    expect(projection(await store.loadCase('case-e'))).toEqual(replay(events as CaseEvent[]));
    expect(landed).toBeGreaterThan(0);
  });

  it('takes no number for a request intake refuses', async () => {
    const first = await open('case-n1', '2026-11-24T02:00:00Z');
    const counter = () => cloud.db.find('counters', {});
    const before = counter();
    const foreign = [{ fileID: 'cloud://devcloud/uploads/someone-else/id-card.jpg', name: '身份证.jpg' }];
    const refused = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        store.openCase(
          `case-refused-${i}`,
          { channel: 'miniprogram', category: 'mediation', summary: '别人的照片', applicant: { openid: 'demo-resident', name: '张大爷', phone: '13800000000' }, orgId: 'qh-center', attachments: foreign },
          { actor: resident, at: at('2026-11-24T02:30:00Z') },
          [],
          calendar,
        ),
      ),
    );
    for (const r of refused) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'VALIDATION_FAILED', details: { reason: 'not_own_upload' } } });
    expect(counter()).toEqual(before);
    const next = await open('case-n2', '2026-11-24T03:00:00Z');
    expect([first.code, next.code]).toEqual(['TJ202611240001', 'TJ202611240002']);
  });

  it('numbers 1,000 concurrent registrations of one day without a duplicate', async () => {
    // 1,000 requests at once queue behind each other; the SDK's "longer than 3s" warning is expected here.
    process.env.SILENCE = 'true';
    const docs = await Promise.all(Array.from({ length: 1000 }, (_, i) => open(`bulk-${i}`, '2026-11-25T02:00:00Z')));
    const codes = new Set(docs.map((d) => d.code));
    expect(codes.size).toBe(1000);
    expect([...codes].sort()[999]).toBe('TJ202611251000');
    delete process.env.SILENCE;
  }, 120000);

  it('reads the events of a thousand cases for the ledger, each case complete and in order, even one with over a page of events', async () => {
    const busy = 'busy-ledger-case';
    await cloud.db.insertMany(
      'case_events',
      Array.from({ length: 1050 }, (_, i) => ({ _id: `${busy}-${String(i + 1).padStart(6, '0')}`, caseId: busy, seq: i + 1, type: 'noteAdded' })),
    );
    const ids = [...Array.from({ length: 1000 }, (_, i) => `bulk-${i}`), busy];
    const byCase = await store.loadEventsOf(ids);
    expect([...byCase.values()].filter((events) => events.length === 1)).toHaveLength(1000);
    const seqs = byCase.get(busy)?.map((e) => e.seq) ?? [];
    expect(seqs).toEqual(Array.from({ length: 1050 }, (_, i) => i + 1));
  });

  describe('a taken key on the step\'s later writes', () => {
    const logged = () => {
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      return { lines: () => spy.mock.calls.map((c) => String(c[0])), restore: () => spy.mockRestore() };
    };

    it('counts a document as written when its own id is taken, and writes the rest of the batch', async () => {
      await open('case-x1');
      await cloud.db.insertMany('return_visits', [{ _id: 'case-x1-a', note: 'written before' }]);
      const extraWrites = () => ['a', 'b'].map((k) => ({ collection: 'return_visits', doc: { _id: `case-x1-${k}`, note: 'the step' } }));
      await store.runCommand('case-x1', { type: 'addNote', text: '带两份', visibility: 'internal' }, at('2026-11-23T05:00:00Z'), { ...as(reception), extraWrites });
      expect(cloud.db.find('return_visits', { _id: { $in: ['case-x1-a', 'case-x1-b'] } }, { sort: { _id: 1 } })).toEqual([
        { _id: 'case-x1-a', note: 'written before' },
        { _id: 'case-x1-b', note: 'the step' },
      ]);
      expect((await store.loadCase('case-x1')).version).toBe(2);
    });

    it('fails loudly when another unique index holds the key: logged, never counted as written, and so on every roll-forward', async () => {
      await open('case-x2');
      // (caseId, seq) is case_events' own unique index: this document's id is free, its key is not.
      const extraWrites = () => [{ collection: 'case_events', doc: { _id: 'case-x2-stray', caseId: 'case-x2', seq: 1 } }];
      const log = logged();
      try {
        const step = store.runCommand('case-x2', { type: 'addNote', text: '撞键', visibility: 'internal' }, at('2026-11-23T05:00:00Z'), { ...as(reception), extraWrites });
        await expect(step).rejects.toThrow(/case_events\/case-x2-stray was not written: unique index case_seq/);
        expect(log.lines().some((l) => l.includes('"msg":"case step write collided"') && l.includes('"index":"case_seq"'))).toBe(true);
        expect(cloud.db.find('case_events', { _id: 'case-x2-stray' })).toHaveLength(0);
        // The step's event stands and its case is not moved on as if the step were complete.
        expect((await store.loadEvents('case-x2')).map((e) => e.seq)).toEqual([1, 2]);
        expect(cloud.db.find('cases', { _id: 'case-x2' })).toMatchObject([{ version: 1 }]);
        await expect(store.loadCaseWithEvents('case-x2')).rejects.toThrow(/unique index case_seq/);
      } finally {
        log.restore();
      }
    });

    it('fails loudly when a new case\'s code is another case\'s, where the case was once dropped silently', async () => {
      await cloud.db.insertMany('cases', [{ _id: 'case-older', code: 'TJ202611280001', version: 1 }]);
      const log = logged();
      try {
        await expect(open('case-x3', '2026-11-28T02:00:00Z')).rejects.toThrow(/cases\/case-x3 was not written: unique index code/);
        expect(log.lines().some((l) => l.includes('"index":"code"'))).toBe(true);
        expect(cloud.db.find('cases', { _id: 'case-x3' })).toHaveLength(0);
      } finally {
        log.restore();
      }
    });

    it('reads which index a duplicate-key error names, in MongoDB\'s, older MongoDB\'s and devcloud\'s words', () => {
      const named = (errMsg: string) => errors.duplicateIndexOf({ errCode: -502001, errMsg });
      expect(named('[DATABASE_DUPLICATE_WRITE] E11000 duplicate key error collection: tnt-1.notices index: _id_ dup key: { _id: "n1" }')).toBe('_id_');
      expect(named('E11000 duplicate key error index: tnt-1.notices.$_id_  dup key: { : "n1" }')).toBe('_id_');
      expect(named('E11000 duplicate key error collection: cases index: code (code) dup key: ["TJ1"]')).toBe('code');
      // Only the code: which key was taken is unknown, and the store reads the document to tell.
      expect(errors.duplicateIndexOf({ code: 'DATABASE_DUPLICATE_WRITE', message: 'duplicate write' })).toBeNull();
      expect(errors.duplicateIndexOf({ code: 'DATABASE_TRANSACTION_CONFLICT', message: 'index: _id_' })).toBeNull();
    });
  });
});
