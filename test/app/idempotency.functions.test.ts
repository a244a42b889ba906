import { FUNCTIONS, type ActionContract, type InputOf, type bookingContracts, type caseContracts } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

type Idempotency = typeof import('../../cloudfunctions/_runtime/idempotency');
type Command = InputOf<(typeof caseContracts)['act']>['command'];

let cloud: TestCloud;
let idempotency: Idempotency;
let n = 0;
const rid = () => `idem-${Date.now().toString(36)}-${n++}`;
const HOUR_MS = 3_600_000;
const request = (summary: string, phone = '13812345678') =>
  ({ category: 'consultation', summary, applicant: { name: '王秀英', phone }, proxy: { name: '王小明', phone: '13987654321', relation: '儿子' } }) as const;
const submit = (openid: string, payload: ReturnType<typeof request>, requestId: string) => cloud.api(openid).case.submit(payload, { requestId });
const act = (openid: string, caseId: string, command: Command, requestId: string) => cloud.api(openid).case.act({ caseId, command }, { requestId });
const records = () => cloud.db.find('idempotency', {}) as Array<Record<string, unknown>>;

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  // The module's tables, loaded as inside a function instance (the SDK needs devcloud's address first).
  process.env.DEVCLOUD_SERVICE_URL = cloud.serviceUrl;
  idempotency = jest.requireActual<Idempotency>('../../cloudfunctions/_runtime/idempotency');
}, 30000);
afterAll(async () => {
  delete process.env.DEVCLOUD_SERVICE_URL;
  cloud.clock.reset();
  await cloud.close();
});

describe('a retried write', () => {
  it('answers a submission retried with the same payload as the first time, with one case', async () => {
    const requestId = rid();
    const first = await submit('demo-resident', request('重试的申请'), requestId);
    const again = await submit('demo-resident', request('重试的申请'), requestId);
    expect(again).toEqual(first);
    expect(cloud.db.find('cases', { summary: '重试的申请' })).toHaveLength(1);
  });

  it('refuses a requestId reused for another payload, and writes nothing for it', async () => {
    const requestId = rid();
    const first = await submit('demo-resident', request('第一件事'), requestId);
    const counters = cloud.db.find('counters', {});
    await expect(submit('demo-resident', request('另一件事'), requestId)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'idempotency_mismatch' } });
    await expect(submit('demo-resident', request('第一件事', '13800000009'), requestId)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'idempotency_mismatch' },
    });
    expect(cloud.db.find('cases', { summary: '另一件事' })).toHaveLength(0);
    expect(cloud.db.find('counters', {})).toEqual(counters);
    // The first request's retry still gets its answer.
    expect(await submit('demo-resident', request('第一件事'), requestId)).toEqual(first);
  });

  it('lets the same requestId serve different callers and actions independently', async () => {
    const requestId = rid();
    const mine = await submit('demo-resident', request('同号不同人'), requestId);
    const theirs = await submit('demo-elder', request('同号不同人'), requestId);
    expect(theirs.id).not.toBe(mine.id);
  });

  it('answers a command retried as the first time (the case read again), recording the step once', async () => {
    const { id } = await submit('demo-resident', request('补一条记录'), rid());
    const requestId = rid();
    const note: Command = { type: 'addNote', text: '已电话联系', visibility: 'internal' };
    const first = await act('demo-staff', id, note, requestId);
    const again = await act('demo-staff', id, note, requestId);
    expect(again).toEqual(first);
    expect(cloud.db.find('case_events', { caseId: id, type: 'noteAdded' })).toHaveLength(1);
    await expect(act('demo-staff', id, { ...note, text: '改了内容' }, requestId)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'idempotency_mismatch' } });
  });

  it('makes one case of ten identical submissions sent at once', async () => {
    const requestId = rid();
    const answers = await Promise.allSettled(Array.from({ length: 10 }, () => submit('demo-migrant', request('连点十次'), requestId)));
    const cases = cloud.db.find('cases', { summary: '连点十次' }) as Array<{ _id: string }>;
    expect(cases).toHaveLength(1);
    for (const a of answers) {
      if (a.status === 'fulfilled') expect(a.value.id).toBe(cases[0]?._id);
      else expect(a.reason).toMatchObject({ code: 'CONFLICT', details: { reason: 'request_in_progress' } });
    }
  });

  it('answers a retried write whose answer names nobody with that answer, kept', async () => {
    const requestId = rid();
    const schedule: InputOf<(typeof bookingContracts)['saveSchedule']> = {
      orgId: 'qs-heping',
      sessions: [{ weekday: 3, from: '09:00', to: '12:00' }],
      slotMinutes: 30,
      capacity: 2,
      services: ['consultation'],
      horizonDays: 7,
      leadMinutes: 60,
      active: true,
    };
    const first = await cloud.api('demo-staff').booking.saveSchedule(schedule, { requestId });
    expect(await cloud.api('demo-staff').booking.saveSchedule(schedule, { requestId })).toEqual(first);
    expect(records().filter((r) => r.scope === 'booking.saveSchedule')).toEqual([expect.objectContaining({ status: 'done', answer: first })]);
  });

  it('does not do again a write whose answer it does not keep, and says it was done', async () => {
    const requestId = rid();
    const payload = { openid: 'seed-advisor-4', displayName: '何文斌律师（驻所）' };
    await cloud.api('demo-admin').identity.updateMember(payload, { requestId });
    const audited = cloud.db.find('audit_log', { what: 'member.update' }).length;
    await expect(cloud.api('demo-admin').identity.updateMember(payload, { requestId })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'request_done' },
    });
    expect(cloud.db.find('audit_log', { what: 'member.update' })).toHaveLength(audited);
  });
});

describe('what the records keep', () => {
  it('holds no phone number, name, caller or requestId, whatever the writes answered', async () => {
    const requestId = rid();
    const { id } = await submit('demo-resident', request('隐私检查', '13811112222'), requestId);
    await act('demo-staff', id, { type: 'addNote', text: '已核实', visibility: 'internal' }, rid());
    await cloud.api('demo-staff').case.register(
      { channel: 'hotline12348', category: 'consultation', summary: '热线来电', orgId: 'qh-center', applicant: { name: '赵德厚', phone: '13833334444' } },
      { requestId: rid() },
    );
    await cloud.api('demo-admin').identity.updateMember({ openid: 'seed-advisor-5', phone: '13955556666' }, { requestId: rid() });
    const stored = JSON.stringify(records());
    expect(records().length).toBeGreaterThan(3);
    for (const secret of ['13811112222', '13833334444', '13955556666', '13987654321', '王秀英', '王小明', '赵德厚', 'demo-resident', 'demo-staff', requestId]) {
      expect([secret, stored.includes(secret)]).toEqual([secret, false]);
    }
    expect(stored).not.toMatch(/1\d{10}/);
  });

  it('keeps each record a day, then answers the requestId afresh', async () => {
    const { id } = await submit('demo-resident', request('过期的记录'), rid());
    const requestId = rid();
    const note: Command = { type: 'addNote', text: '第二天又发了一次', visibility: 'internal' };
    await act('demo-staff', id, note, requestId);
    const [record] = records().filter((r) => r.status === 'done').slice(-1) as Array<{ createdAt: Date; expiresAt: Date }>;
    expect(new Date(record?.expiresAt ?? 0).getTime() - new Date(record?.createdAt ?? 0).getTime()).toBe(idempotency.RETENTION_MS);
    cloud.clock.set(new Date(Date.now() + 23 * HOUR_MS));
    await act('demo-staff', id, note, requestId);
    expect(cloud.db.find('case_events', { caseId: id, type: 'noteAdded' })).toHaveLength(1);
    cloud.clock.set(new Date(Date.now() + 25 * HOUR_MS));
    await act('demo-staff', id, note, requestId);
    expect(cloud.db.find('case_events', { caseId: id, type: 'noteAdded' })).toHaveLength(2);
  });

  it('sweeps records past their day on the hourly timer, and only those', async () => {
    cloud.clock.set(new Date(Date.now() + 3 * 24 * HOUR_MS));
    await submit('demo-resident', request('扫除后留下的'), rid());
    const live = records().filter((r) => new Date(r.expiresAt as Date).getTime() > cloud.clock.now().getTime());
    expect(records().length).toBeGreaterThan(live.length);
    expect(await cloud.triggers.fireNow('case')).toMatchObject({ trigger: 'sweepIdempotency', ok: true });
    expect(records()).toEqual(live);
  });
});

describe('how each write answers a retry', () => {
  it('names, for every write the dispatcher keeps a record for, a read of its own function or a kept answer — or none', () => {
    const rereads = Object.entries(idempotency.REREADS);
    for (const [scope, how] of rereads) {
      const [fn = '', action = ''] = scope.split('.');
      const contracts = (FUNCTIONS as Record<string, Record<string, ActionContract>>)[fn] ?? {};
      expect([scope, contracts[action]?.write]).toEqual([scope, true]);
      expect([scope, how.read, contracts[how.read]?.write]).toEqual([scope, how.read, false]);
    }
    for (const scope of idempotency.KEPT_ANSWERS) {
      const [fn = '', action = ''] = scope.split('.');
      expect([scope, (FUNCTIONS as Record<string, Record<string, ActionContract>>)[fn]?.[action]?.write]).toEqual([scope, true]);
      expect(idempotency.REREADS[scope]).toBeUndefined();
    }
  });
});
