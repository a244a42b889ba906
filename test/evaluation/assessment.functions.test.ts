import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * The 示范点 score of 杏林镇's station, from live data: it changes when a 台账 line is completed (a
 * case signed for gets its 接待人员) and when a case runs past its time limit.
 */

let cloud: TestCloud;
const YEAR = { orgId: 'xl-station', from: '2026-01-01', to: '2026-12-31' };
const score = async () => cloud.api('demo-supervisor').evaluation.selfAssessment(YEAR);
const item = (a: Awaited<ReturnType<typeof score>>, c: string) => a.items.find((i) => i.criterion === c);

let caseId = '';

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-05-11T02:00:00Z')); // Monday 10:00 Beijing
  caseId = (
    await cloud.api('seed-staff-xl').case.register({ channel: 'hotline12348', category: 'consultation', summary: '电话咨询工资拖欠', orgId: 'xl-station', applicant: { name: '来电群众', phone: '13800002222' } })
  ).id;
}, 60000);
afterAll(async () => {
  await cloud.close();
});

it('rises when the 台账 line is completed, and falls when the case runs past its limit', async () => {
  const before = await score();
  expect(before.orgId).toBe('xl-station');
  expect(item(before, 'ledger')).toMatchObject({ points: 0, missing: ['1件台账记录不完整（无接待人员或办结结果）'] });

  await cloud.api('seed-staff-xl').case.act({ caseId, command: { type: 'accept' } });
  const signed = await score();
  expect(item(signed, 'ledger')).toMatchObject({ points: 20, missing: [] });
  expect(signed.score).toBeGreaterThan(before.score);

  // A consultation has one working day: a week later it is overdue, and 按期办结 says so.
  cloud.clock.set(new Date('2026-05-18T02:00:00Z'));
  const late = await score();
  expect(item(late, 'timeLimits')).toMatchObject({ points: 0, missing: ['1件超期未办结'] });
  expect(late.score).toBeLessThan(signed.score);
  expect(late.level).toBe('below');
});

it('is refused for a unit outside the caller’s reach', async () => {
  await expect(cloud.api('seed-staff-xl').evaluation.selfAssessment({ orgId: 'qh-center' })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'out_of_reach' } });
});
