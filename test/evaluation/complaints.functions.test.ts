import { QUEUES, type InputOf, type caseContracts } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * 投诉 about a case, a person or a unit: it goes to the unit above the complained party, and the
 * complained person never has it — not in any queue of the 工作台, not by opening it, not by any
 * command (assign, accept, start, transfer, resolve …), whoever sends it.
 */

type Command = InputOf<(typeof caseContracts)['act']>['command'];

let cloud: TestCloud;
const act = (openid: string, caseId: string, command: Command) => cloud.api(openid).case.act({ caseId, command });
const complain = (about: { kind: 'case' | 'person' | 'unit'; caseCode?: string; openid?: string; orgId?: string }, summary = '工作人员态度不好') =>
  cloud.api('demo-resident').case.submit({ category: 'complaint', summary, applicant: { name: '张大爷', phone: '13800000000' }, about });

const EVERY_COMMAND: Command[] = [
  { type: 'accept' },
  { type: 'assign', handler: { openid: 'demo-staff', name: '陈静' } },
  { type: 'start' },
  { type: 'addNote', text: '我来处理', visibility: 'internal' },
  { type: 'transfer', toOrgId: 'qs-station', reason: '属地' },
  { type: 'triage', orgId: 'qs-station' },
  { type: 'resolve', result: '没问题' },
  { type: 'reject', reason: '不受理', referTo: '无' },
  { type: 'acceptTransfer' },
  { type: 'remind' },
];

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-05-11T02:00:00Z'));
}, 60000);
afterAll(async () => {
  await cloud.close();
});

async function queuesOf(openid: string): Promise<string[]> {
  const ids: string[] = [];
  for (const queue of QUEUES) ids.push(...(await cloud.api(openid).case.workbench({ queue })).cases.map((c) => c.id));
  return ids;
}

describe('a complaint about a staff member', () => {
  let id = '';
  beforeAll(async () => {
    id = (await complain({ kind: 'person', openid: 'demo-staff' })).id;
  });

  it('goes to the supervisors of their unit, and is in the supervisor’s queue', async () => {
    const [doc] = cloud.db.find('cases', { _id: id }) as Array<{ orgId: string; complaint: { kind: string; parties: string[] } }>;
    expect(doc).toMatchObject({ orgId: 'qh-center', complaint: { kind: 'person', parties: ['demo-staff'] } });
    expect(await queuesOf('demo-supervisor')).toContain(id);
  });

  it('never reaches that staff member: no queue, no opening, no command', async () => {
    expect(await queuesOf('demo-staff')).not.toContain(id);
    await expect(cloud.api('demo-staff').case.get({ caseId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const command of EVERY_COMMAND) {
      await expect(act('demo-staff', id, command)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // Nor by anyone else's command: a supervisor cannot hand it to them.
    await expect(act('demo-supervisor', id, { type: 'assign', handler: { openid: 'demo-staff', name: '陈静' } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'complained_party_assigned' },
    });
    const [doc] = cloud.db.find('cases', { _id: id }) as Array<{ handler: unknown; status: string }>;
    expect(doc).toMatchObject({ handler: null, status: 'received' });
  });

  it('is answered by the supervisor, and the staff member still cannot see it', async () => {
    await act('demo-supervisor', id, { type: 'assign', handler: { openid: 'demo-advisor', name: '林晓岚律师' } });
    await act('demo-advisor', id, { type: 'accept' });
    await act('demo-advisor', id, { type: 'resolve', result: '已核实并批评教育，向您致歉' });
    expect(await queuesOf('demo-staff')).not.toContain(id);
    const mine = await cloud.api('demo-resident').case.get({ caseId: id });
    expect(mine.case.status).toBe('resolved');
    // The answer is rated like any service.
    await act('demo-resident', id, { type: 'evaluate', satisfaction: 4 });
  });
});

describe('a complaint about a case', () => {
  it('keeps the case’s handler off it', async () => {
    const served = await cloud.api('demo-resident').case.submit({ category: 'consultation', summary: '问宅基地', applicant: { name: '张大爷', phone: '13800000000' } });
    await act('demo-staff', served.id, { type: 'accept' });
    const id = (await complain({ kind: 'case', caseCode: served.code }, '办得太慢')).id;
    const [doc] = cloud.db.find('cases', { _id: id }) as Array<{ complaint: { parties: string[]; caseId: string } }>;
    expect(doc?.complaint).toMatchObject({ parties: ['demo-staff'], caseId: served.id });
    await expect(act('demo-staff', id, { type: 'accept' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await queuesOf('demo-staff')).not.toContain(id);
  });
});

describe('a complaint about a unit', () => {
  it('goes to the unit above, and cannot be moved back to the unit complained about', async () => {
    const id = (await complain({ kind: 'unit', orgId: 'qs-station' }, '工作站经常没人')).id;
    const [doc] = cloud.db.find('cases', { _id: id }) as Array<{ orgId: string }>;
    expect(doc?.orgId).toBe('qh-center');
    await expect(act('demo-supervisor', id, { type: 'transfer', toOrgId: 'qs-station', reason: '属地' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'complained_unit' },
    });
  });

  it('refuses `about` on a request that is not a complaint', async () => {
    await expect(
      cloud.api('demo-resident').case.submit({ category: 'consultation', summary: '问问', applicant: { name: '张大爷', phone: '13800000000' }, about: { kind: 'unit', orgId: 'qs-station' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'about_not_complaint' } });
  });
});
