import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * 统计's evaluation figures on data whose answers are known: three mediations (two 调解成功, one
 * 调解不成) and one without an outcome; two 差评 with their 回访 tasks, one visited and put right.
 */

let cloud: TestCloud;
const MAY = { from: '2026-05-01', to: '2026-05-31' };

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-05-11T02:00:00Z'));
  const submit = async (category: 'mediation' | 'consultation', summary: string) =>
    (await cloud.api('demo-resident').case.submit({ category, summary, applicant: { name: '张大爷', phone: '13800000000' } })).id;
  const act = (caseId: string, command: object, who = 'demo-staff') => cloud.api(who).case.act({ caseId, command: command as never });
  for (const outcome of ['success', 'success', 'failure', null] as const) {
    const id = await submit('mediation', `调解${outcome ?? '未登记'}`);
    await act(id, { type: 'accept' });
    if (outcome === 'success') await act(id, { type: 'recordMediation', outcome, agreement: { form: 'written', content: '协议' } });
    if (outcome === 'failure') await act(id, { type: 'recordMediation', outcome });
  }
  for (const rating of [1, 2, 3]) {
    const id = await submit('consultation', `咨询${rating}`);
    await act(id, { type: 'accept' });
    await act(id, { type: 'resolve', result: '已解答' });
    await act(id, { type: 'evaluate', satisfaction: rating }, 'demo-resident');
  }
  const { visits } = await cloud.api('demo-supervisor').evaluation.returnVisits({});
  expect(visits).toHaveLength(2);
  await cloud.api('demo-supervisor').evaluation.recordReturnVisit({ id: visits[0]?.id as string, reached: true, text: '已整改', rectified: true });
}, 60000);
afterAll(async () => {
  await cloud.close();
});

it('equals the known answers', async () => {
  const { quality } = await cloud.api('demo-supervisor').stats.board(MAY);
  expect(quality).toEqual({
    mediationRecorded: 3,
    mediationSucceeded: 2,
    mediationSuccessRate: 2 / 3,
    returnVisits: 2,
    returnVisitsDone: 1,
    returnVisitsDoneRate: 0.5,
    dissatisfiedVisited: 1,
    rectified: 1,
    rectifiedRate: 1,
    sampled: 0,
  });
  // Another month holds none of it.
  expect((await cloud.api('demo-supervisor').stats.board({ from: '2026-04-01', to: '2026-04-30' })).quality).toMatchObject({ mediationRecorded: 0, returnVisits: 0 });
});
