import { ledgerRow, replay, LEDGER_COLUMNS, type CaseEvent, type InputOf, type caseContracts } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

type Command = InputOf<(typeof caseContracts)['act']>['command'];

let cloud: TestCloud;
let n = 0;
const rid = () => `ref-${Date.now().toString(36)}-${n++}`;
const act = (openid: string, caseId: string, command: Command) => cloud.api(openid).case.act({ caseId, command });
const submit = (openid: string, summary: string) =>
  cloud.api(openid).case.submit({ category: 'mediation', summary, applicant: { name: '张大爷', phone: '13800000000' }, priorityGroups: ['elderly'] });
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('one front door, routed back offices: the full path of a mediation request', () => {
  let caseId = '';

  it('walks from the resident’s request to a resolved case, every step on the timeline', async () => {
    const submitted = await submit('demo-elder', '邻居在我家宅基地上堆柴，协商不成');
    caseId = submitted.id;
    expect(submitted.code).toMatch(/^TJ\d{12}$/);
    expect(submitted.status).toBe('received');

    // Reception at the county center routes it to the township station (分流).
    await act('demo-staff', caseId, { type: 'triage', orgId: 'qs-station', note: '属青石镇' });
    // The station passes it to the village room whose advisor knows the parties (转办).
    const pending = await act('seed-staff-qs', caseId, { type: 'transfer', toOrgId: 'qs-dongpo', reason: '东坡村法律顾问驻点，便于调解' });
    expect(pending.case.status).toBe('transferPending');
    // The advisor serving 东坡村 signs for it (签收).
    const accepted = await act('demo-advisor', caseId, { type: 'acceptTransfer' });
    expect(accepted.case).toMatchObject({ status: 'accepted', orgId: 'qs-dongpo', handlerName: '林晓岚律师' });
    // 前店后厂: materials received from the resident, handed to the mediation committee, signed for.
    await act('demo-advisor', caseId, { type: 'recordMaterials', kind: 'received', items: [{ name: '宅基地使用证复印件', count: 1 }, { name: '现场照片', count: 3 }] });
    await act('demo-advisor', caseId, { type: 'recordMaterials', kind: 'handedOver', items: [{ name: '宅基地使用证复印件', count: 1 }], counterpart: '东坡村调委会' });
    await act('demo-advisor', caseId, { type: 'recordMaterials', kind: 'signedFor', items: [{ name: '宅基地使用证复印件', count: 1 }], counterpart: '东坡村调委会' });
    const resolved = await act('demo-advisor', caseId, { type: 'resolve', result: '双方达成调解协议，柴堆三日内清走' });
    expect(resolved.case.status).toBe('resolved');

    const seen = await cloud.api('demo-elder').case.get({ caseId });
    expect(seen.timeline.map((e) => e.title)).toEqual([
      '已受理',
      '已分流',
      '转交其他单位办理',
      '接收单位已签收',
      '材料接收',
      '材料移交',
      '材料签收',
      '已办结',
    ]);
    expect(seen.timeline.every((e) => !e.internal)).toBe(true);
    // Units by name, so the resident knows where the matter is.
    expect(seen.timeline[1]?.detail).toContain('转到青石镇公共法律服务工作站办理');
    expect(seen.timeline[2]?.detail).toBe('转给东坡村公共法律服务工作室');
    expect(seen.timeline.at(-1)?.detail).toContain('双方达成调解协议');
    expect(seen.commands).toEqual(['addNote', 'evaluate']);
  });

  it('keeps the ledger (台账) complete: every field of the 接待登记表 (实体平台建设指导意见 §(九)3) derives from the stored case and events', async () => {
    const [doc] = cloud.db.find('cases', { _id: caseId }) as Array<Record<string, unknown>>;
    const events = cloud.db.find('case_events', { caseId }, { sort: { seq: 1 } }) as CaseEvent[];
    const state = replay(events);
    expect(doc?.status).toBe(state.status);
    const row = ledgerRow(state, events);
    for (const column of Object.keys(LEDGER_COLUMNS)) {
      if (column === 'satisfaction') continue; // 满意度调查 is filled when the resident rates it
      expect([column, row[column as keyof typeof row]]).not.toEqual([column, null]);
      expect(String(row[column as keyof typeof row]).length).toBeGreaterThan(0);
    }
  });

  it('exports the ledger for a date range and unit, with every column filled, and records the export', async () => {
    const { columns, rows, truncated } = await cloud.api('seed-staff-qs').case.ledger({ from: today(), to: today(), orgId: 'qs-station' });
    expect(columns.map((c) => c.label)).toEqual(['案件编号', '来访人姓名', '联系方式', '来访时间', '接待人员', '办理事项', '办理过程及结果', '接待人签名', '满意度调查']);
    expect(truncated).toBe(false);
    const row = rows.find((r) => r.matter?.includes('邻居在我家宅基地上堆柴'));
    expect(row).toMatchObject({ visitorName: '张大爷', contact: '138****0000', receptionist: '陈静', receptionistSignature: '林晓岚律师（电子记录）', satisfaction: '待评价' });
    expect(row?.processAndResult).toContain('材料签收');
    expect(row?.processAndResult).toContain('转给东坡村公共法律服务工作室');
    expect(row?.processAndResult).not.toContain('qs-dongpo');
    expect(cloud.db.find('audit_log', { what: 'ledger.export', actor: 'seed-staff-qs' })).toHaveLength(1);
    await expect(cloud.api('seed-staff-qs').case.ledger({ from: today(), to: today(), orgId: 'xl-station' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'out_of_reach' },
    });
  });

  it('lets the resident rate it, after which it is closed', async () => {
    const rated = await act('demo-elder', caseId, { type: 'evaluate', satisfaction: 5, comment: '林律师很耐心' });
    expect(rated.case.status).toBe('evaluated');
    await expect(act('demo-elder', caseId, { type: 'evaluate', satisfaction: 1 })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      details: { reason: 'already_evaluated' },
    });
  });

  it('keeps the case on the first handler’s follow-up list until it is evaluated', async () => {
    const other = await submit('demo-resident', '欠薪三个月');
    await act('demo-staff', other.id, { type: 'accept' });
    const bench = await cloud.api('demo-staff').case.workbench({ queue: 'followUps' });
    expect(bench.cases.map((c) => c.id)).toContain(other.id);
    await act('demo-staff', other.id, { type: 'transfer', toOrgId: 'lh-station', reason: '当事人在柳河乡' });
    await act('seed-staff-lh', other.id, { type: 'acceptTransfer' });
    const still = await cloud.api('demo-staff').case.workbench({ queue: 'followUps' });
    expect(still.cases.map((c) => c.id)).toContain(other.id);
  });
});

describe('assigning inside the subtree', () => {
  it('offers the station staff and the advisors of its villages, and the chosen advisor must sign', async () => {
    const { id } = await submit('demo-resident', '宅基地确权');
    await act('demo-staff', id, { type: 'triage', orgId: 'qs-station' });
    const { handlers } = await cloud.api('seed-staff-qs').case.handlers({ caseId: id });
    expect(handlers.map((h) => h.openid).sort()).toEqual(['demo-advisor', 'seed-advisor-2', 'seed-staff-qs']);
    const assigned = await act('seed-staff-qs', id, { type: 'assign', handler: { openid: 'demo-advisor', name: '林晓岚律师' } });
    expect(assigned.case).toMatchObject({ status: 'assigned', handlerName: '林晓岚律师' });
    const bench = await cloud.api('demo-advisor').case.workbench({ queue: 'mine' });
    expect(bench.cases.map((c) => c.id)).toContain(id);
    expect((await act('demo-advisor', id, { type: 'accept' })).case.status).toBe('accepted');
  });
});

describe('首办: the first handler keeps sight of the case after it moves on', () => {
  it('shows the advisor who first took a case its wait for materials at another township', async () => {
    const { id } = await submit('demo-elder', '赡养费纠纷');
    await act('demo-staff', id, { type: 'transfer', toOrgId: 'qs-dongpo', reason: '驻点调解' });
    await act('demo-advisor', id, { type: 'acceptTransfer' });
    await act('demo-advisor', id, { type: 'transfer', toOrgId: 'lh-station', reason: '被告住柳河乡' });
    await act('seed-staff-lh', id, { type: 'acceptTransfer' });
    await act('seed-staff-lh', id, { type: 'requestMaterials', items: ['户口簿', '收入证明'] });
    const bench = await cloud.api('demo-advisor').case.workbench({ queue: 'awaitingMaterials' });
    expect(bench.cases.map((c) => c.id)).toContain(id);
  });
});

describe('workers on their own matters', () => {
  it('treats a worker who files their own case as its applicant: no triage, no resolving it, no internal notes', async () => {
    const { id } = await submit('demo-advisor', '我自己家的宅基地纠纷');
    const detail = await cloud.api('demo-advisor').case.get({ caseId: id });
    expect(detail.asWorker).toBe(false);
    expect(detail.commands).not.toContain('triage');
    const commands: Command[] = [{ type: 'triage', orgId: 'xl-station' }, { type: 'accept' }, { type: 'resolve', result: '自己结了' }];
    for (const command of commands) {
      await expect(act('demo-advisor', id, command)).rejects.toMatchObject({
        code: expect.stringMatching(/FORBIDDEN|INVALID_STATE/),
        details: { reason: expect.any(String) },
      });
    }
    // Reception still works it normally.
    expect((await act('demo-staff', id, { type: 'accept' })).case.status).toBe('accepted');
  });

  it('refuses to assign a case to someone who does not serve its unit, whatever name the payload gives', async () => {
    const { id } = await submit('demo-resident', '借款纠纷');
    await act('demo-staff', id, { type: 'triage', orgId: 'qs-station' });
    await expect(act('seed-staff-qs', id, { type: 'assign', handler: { openid: 'seed-advisor-5', name: '冒名顶替' } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { reason: 'handler_not_eligible' },
    });
    const named = await act('seed-staff-qs', id, { type: 'assign', handler: { openid: 'demo-advisor', name: '随便写的名字' } });
    expect(named.case.handlerName).toBe('林晓岚律师');
  });

  it('answers a retried submission whose first answer was lost with the same case', async () => {
    const requestId = rid();
    const payload = { category: 'consultation', summary: '网络不好重试', applicant: { name: '网络差', phone: '13800001111' } } as const;
    const first = await cloud.api('demo-resident').case.submit(payload, { requestId });
    // The answer never reached the phone, and the retry comes after so many other requests that the
    // counter no longer remembers this one: it draws again, and the case its request made answers it.
    const counters = cloud.db.find('counters', {}) as Array<{ _id: string; recent?: Array<{ id: string }> }>;
    const held = counters.filter((c) => c.recent?.some((r) => r.id === first.id));
    expect(held).toHaveLength(1);
    await cloud.db.handle({ action: 'database.modifyDocument', collectionName: 'counters', queryType: 'WHERE', query: JSON.stringify({ _id: held[0]!._id }), data: JSON.stringify({ recent: [] }), multi: false });
    const again = await cloud.api('demo-resident').case.submit(payload, { requestId });
    expect(again).toEqual(first);
  });
});

describe('a declined transfer', () => {
  it('returns the case to the sender with the reason; nothing is lost or duplicated', async () => {
    const { id } = await submit('demo-migrant', '工地老板拖欠工资');
    await act('demo-staff', id, { type: 'accept' });
    const before = cloud.db.find('case_events', { caseId: id }).length;
    await act('demo-staff', id, { type: 'transfer', toOrgId: 'qs-shanxia', reason: '当事人住山下村' });
    const inbox = await cloud.api('demo-advisor').case.workbench({ queue: 'pendingTransfers' });
    expect(inbox.cases.map((c) => c.id)).toContain(id);
    // The sender still sees it while it is pending.
    expect((await cloud.api('demo-staff').case.get({ caseId: id })).case.status).toBe('transferPending');

    const declined = await act('demo-advisor', id, { type: 'declineTransfer', reason: '欠薪属劳动争议，建议转劳动仲裁' });
    expect(declined.case).toMatchObject({ status: 'accepted', orgId: 'qh-center' });
    const sender = await cloud.api('demo-staff').case.get({ caseId: id });
    expect(sender.lastDecline?.reason).toBe('欠薪属劳动争议，建议转劳动仲裁');
    expect(sender.commands).toContain('transfer');
    const events = cloud.db.find('case_events', { caseId: id }) as CaseEvent[];
    expect(events).toHaveLength(before + 2);
    expect(cloud.db.find('cases', { _id: id })).toHaveLength(1);
    // The advisor, who declined, no longer reaches it.
    await expect(cloud.api('demo-advisor').case.get({ caseId: id })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'out_of_reach' } });
  });
});

describe('out of scope', () => {
  let caseId = '';
  beforeAll(async () => {
    ({ id: caseId } = await submit('demo-resident', '土地承包合同纠纷'));
    await act('demo-staff', caseId, { type: 'triage', orgId: 'qs-station' });
  });

  it.each([
    ['another resident', 'demo-elder'],
    ['another township’s staff', 'seed-staff-lh'],
    ['an advisor the case is not assigned to', 'seed-advisor-2'],
    ['the advisor of a village in the same township, before anything is sent to them', 'demo-advisor'],
  ])('refuses %s', async (_who, openid) => {
    await expect(cloud.api(openid).case.get({ caseId })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'out_of_reach' } });
  });

  it('answers a refusal as a refusal (HTTP 200 and an envelope), not a transport failure', async () => {
    const { status, body } = await cloud.call('case', 'get', { caseId }, { openid: 'demo-elder' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'out_of_reach' } } });
  });

  it('finds a case by its code for someone who reaches it, and answers an unknown code or id as not found', async () => {
    const { case: found } = await cloud.api('seed-staff-qs').case.get({ caseId });
    expect((await cloud.api('demo-resident').case.findByCode({ code: found.code })).case.id).toBe(caseId);
    // Out of reach answers as an unknown code does (test/app/audit.functions.test.ts compares the two).
    await expect(cloud.api('demo-elder').case.findByCode({ code: found.code })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'case_not_found' } });
    await expect(cloud.api('demo-resident').case.findByCode({ code: 'TJ209912310001' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { reason: 'case_not_found' },
    });
    await expect(cloud.api('demo-staff').case.get({ caseId: 'no-such-case' })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'case_not_found' } });
  });

  it('lets the township’s own staff and the applicant in', async () => {
    expect((await cloud.api('seed-staff-qs').case.get({ caseId })).case.id).toBe(caseId);
    expect((await cloud.api('demo-resident').case.get({ caseId })).case.id).toBe(caseId);
  });
});

describe('due and overdue across a holiday', () => {
  it('gives a consultation received on the eve of National Day until the first working day after it, then shows it overdue', async () => {
    cloud.clock.set(new Date('2026-09-30T03:00:00Z'));
    const registered = await cloud.api('demo-staff').case.register({
      channel: 'hotline12348',
      category: 'consultation',
      summary: '电话咨询：离婚财产怎么分',
      orgId: 'qh-center',
      applicant: { name: '王女士', phone: '13900001111' },
      visitedAt: '2026-09-30T10:30:00+08:00',
    });
    // 1 working day: 10-01..10-07 are holidays, so the day is 10-08, ending 24:00 Beijing time.
    expect(registered.dueAt).toBe('2026-10-08T15:59:59.999Z');
    // 即将到期 from 09-30 (the last working day before a week off), over the holiday and on 10-08
    // itself, and the tile's count is the list's length.
    for (const at of ['2026-09-30T03:00:00Z', '2026-10-03T02:00:00Z', '2026-10-08T08:00:00Z']) {
      cloud.clock.set(new Date(at));
      const soon = await cloud.api('demo-staff').case.workbench({ queue: 'dueSoon' });
      expect(soon.cases.map((c) => c.id)).toContain(registered.id);
      expect(soon.counts.dueSoon).toBe(soon.cases.length);
    }
    cloud.clock.set(new Date('2026-10-09T01:00:00Z'));
    const late = await cloud.api('demo-staff').case.workbench({ queue: 'overdue' });
    expect(late.cases.map((c) => c.id)).toContain(registered.id);
    expect(late.counts.overdue).toBeGreaterThanOrEqual(1);
    cloud.clock.reset();
  });
});
