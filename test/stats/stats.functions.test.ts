import { percentText, type caseContracts, type InputOf, type statsContracts } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

let cloud: TestCloud;
type Command = InputOf<(typeof caseContracts)['act']>['command'];
type Category = InputOf<(typeof caseContracts)['submit']>['category'];
type Group = NonNullable<InputOf<(typeof caseContracts)['submit']>['priorityGroups']>[number];

const act = (openid: string, caseId: string, command: Command) => cloud.api(openid).case.act({ caseId, command });
const submit = async (openid: string, category: Category, summary: string, priorityGroups: Group[] = ['elderly']) =>
  (await cloud.api(openid).case.submit({ category, summary, applicant: { name: '张大爷', phone: '13800000000' }, priorityGroups })).id;
const setClock = (now: string) =>
  fetch(`${cloud.url}/devcloud/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) });
const board = (openid: string, payload: InputOf<(typeof statsContracts)['board']>) => cloud.api(openid).stats.board(payload);
const refusal = (code: string, reason: string) => ({ code, details: { reason } });
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const count = (shares: Array<{ key: string; count: number }>, key: string) => shares.find((s) => s.key === key)?.count;

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  // Monday 2 March 2026, 10:00 in Beijing: five requests arrive.
  await setClock('2026-03-02T02:00:00Z');
  const a = await submit('demo-elder', 'mediation', '宅基地边界纠纷');
  await act('demo-staff', a, { type: 'triage', orgId: 'qs-station' });
  await act('seed-staff-qs', a, { type: 'transfer', toOrgId: 'qs-dongpo', reason: '驻点调解' });
  await act('demo-advisor', a, { type: 'acceptTransfer' });
  await act('demo-advisor', a, { type: 'resolve', result: '调解成功' });
  await act('demo-elder', a, { type: 'evaluate', satisfaction: 5 });

  const b = await submit('demo-resident', 'consultation', '工伤怎么认定', []);
  await act('demo-staff', b, { type: 'triage', orgId: 'lh-station' });

  const c = await submit('demo-elder', 'mediation', '邻里噪音');
  await act('demo-elder', c, { type: 'withdraw' });

  const d = await submit('demo-elder', 'mediation', '承包地流转纠纷');
  await act('demo-staff', d, { type: 'triage', orgId: 'xl-station' });
  await act('seed-staff-xl', d, { type: 'accept' });

  const e = await submit('demo-elder', 'mediation', '离婚财产分割');
  await act('demo-staff', e, { type: 'reject', reason: '已起诉到法院', referTo: '县人民法院' });

  // Seven weeks later: the consultation has long passed its one working day, the mediation its 30 days.
  await setClock('2026-04-20T02:00:00Z');
  await act('seed-staff-xl', d, { type: 'resolve', result: '迟到的调解协议' });
  await act('demo-elder', d, { type: 'evaluate', satisfaction: 2 });
  await submit('demo-resident', 'mediation', '四月的新事'); // outside March
}, 60000);
afterAll(async () => {
  await cloud.close();
});

describe('the statistics board (统计) for the county center', () => {
  it('counts what was received in the period and how it ended, with the rates the 司法局 asks for', async () => {
    const { totals, name, priority } = await board('demo-staff', MARCH);
    expect(name).toBe('青禾县公共法律服务中心');
    expect(priority).toBe(4); // 绿色通道: the four elderly applicants
    expect(totals).toMatchObject({
      received: 5,
      resolved: 2,
      onTime: 1,
      rejected: 1,
      withdrawn: 1,
      open: 1,
      overdue: 1,
      evaluated: 2,
      satisfied: 1,
      dissatisfied: 1,
    });
    // 办结率 leaves out what was withdrawn or not accepted: 2 of 3.
    expect(percentText(totals.resolvedRate)).toBe('66.7%');
    expect(percentText(totals.onTimeRate)).toBe('50.0%');
    expect(percentText(totals.satisfiedRate)).toBe('50.0%');
    expect(totals.averageScore).toBe(3.5);
  });

  it('gives one row per station, each holding its villages, and the center’s own cases first', async () => {
    const { units } = await board('demo-staff', MARCH);
    // The rows with cases (a unit with none keeps its row: core/stats board.test).
    expect(units.filter((u) => u.received > 0).map((u) => [u.name, u.received])).toEqual([
      ['青禾县公共法律服务中心（本级）', 2],
      ['柳河乡公共法律服务工作站', 1],
      ['青石镇公共法律服务工作站', 1],
      ['杏林镇公共法律服务工作站', 1],
    ]);
    // The rejected and the withdrawn request never left the center's front desk: they count there.
    expect(units[0]).toMatchObject({ own: true, rejected: 1, withdrawn: 1 });
    expect(units.find((u) => u.orgId === 'lh-station')).toMatchObject({ open: 1, overdue: 1 });
    expect(units.find((u) => u.orgId === 'xl-station')).toMatchObject({ resolved: 1, onTime: 0, dissatisfied: 1 });
    expect(units.reduce((sum, u) => sum + u.received, 0)).toBe(5);
  });

  it('breaks the period down by service, channel and 重点群体', async () => {
    const { byCategory, byChannel, byGroup } = await board('demo-staff', MARCH);
    expect(count(byCategory, 'mediation')).toBe(4);
    expect(count(byCategory, 'consultation')).toBe(1);
    expect(count(byCategory, 'legalAid')).toBe(0);
    expect(count(byChannel, 'miniprogram')).toBe(5);
    expect(count(byGroup, 'elderly')).toBe(4);
    expect(count(byGroup, 'migrantWorker')).toBe(0);
  });

  it('leaves out what was received outside the period', async () => {
    expect((await board('demo-staff', { from: '2026-04-01', to: '2026-04-30' })).totals.received).toBe(1);
    expect((await board('demo-staff', { from: '2026-02-01', to: '2026-02-28' })).totals).toMatchObject({ received: 0, resolvedRate: null });
  });
});

describe('who sees which board', () => {
  it('shows a station its own villages only, and refuses a neighbour’s station', async () => {
    const station = await board('seed-staff-qs', MARCH);
    expect(station).toMatchObject({ orgId: 'qs-station', totals: { received: 1, resolved: 1 } });
    expect(station.units.map((u) => u.orgId)).toEqual(['qs-dongpo', 'qs-heping', 'qs-liushu', 'qs-shanxia']);
    expect(station.units.find((u) => u.orgId === 'qs-dongpo')).toMatchObject({ received: 1, satisfied: 1 });
    await expect(board('seed-staff-qs', { ...MARCH, orgId: 'lh-station' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
  });

  it('lets the center drill down into a station', async () => {
    const drilled = await board('demo-staff', { ...MARCH, orgId: 'lh-station' });
    expect(drilled.totals).toMatchObject({ received: 1, overdue: 1 });
  });

  it('opens the whole county to an admin who serves no unit', async () => {
    expect(await board('demo-admin', MARCH)).toMatchObject({ orgId: 'qh-center', totals: { received: 5 } });
  });

  it('refuses advisors and residents', async () => {
    for (const openid of ['demo-advisor', 'demo-resident']) {
      await expect(board(openid, MARCH)).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_allowed'));
    }
  });

  it('refuses a unit that does not exist', async () => {
    await expect(board('demo-admin', { ...MARCH, orgId: 'no-such-unit' })).rejects.toMatchObject(refusal('NOT_FOUND', 'unit_not_found'));
  });

  it('explains a bad period field by field, each broken rule named', async () => {
    const invalid = (rule: string) => ({ code: 'VALIDATION_FAILED', details: { reason: 'invalid_input', fields: [{ rule, message: expect.stringMatching(/[\u4e00-\u9fa5]/) }] } });
    await expect(board('demo-staff', { from: '2026-03-31', to: '2026-03-01' })).rejects.toMatchObject(invalid('from_after_to'));
    await expect(board('demo-staff', { from: '2025-01-01', to: '2026-03-01' })).rejects.toMatchObject(invalid('period_too_long'));
  });
});
