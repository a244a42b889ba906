import { startTestCloud, type TestCloud } from '../support/devcloud';

/* 人民调解 through the functions: 调解成功 with an oral agreement, the resident told of 司法确认's 30 days; performance followed up after 办结. */

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-05-11T02:00:00Z'));
}, 60000);
afterAll(async () => {
  await cloud.close();
});

it('records the outcome, tells the resident the 司法确认 window, and follows up performance', async () => {
  const { id } = await cloud.api('demo-resident').case.submit({ category: 'mediation', summary: '邻居宅基地边界纠纷', applicant: { name: '张大爷', phone: '13800000000' } });
  const act = (command: object) => cloud.api('demo-staff').case.act({ caseId: id, command: command as never });
  await act({ type: 'accept' });
  expect((await cloud.api('demo-staff').case.get({ caseId: id })).commands).toContain('recordMediation');
  await act({ type: 'recordMediation', outcome: 'success', agreement: { form: 'oral', content: '界址按老墙为准' } });
  await expect(act({ type: 'recordMediation', outcome: 'failure' })).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'mediation_recorded' } });
  await act({ type: 'resolve', result: '调解成功' });
  await act({ type: 'recordPerformance', performed: 'full', text: '已按协议砌墙' });
  const mine = await cloud.api('demo-resident').case.get({ caseId: id });
  const titles = mine.timeline.map((t) => t.title);
  expect(titles).toEqual(expect.arrayContaining(['调解成功', '协议履行情况']));
  expect(mine.timeline.find((t) => t.title === '调解成功')?.detail).toContain('2026-06-10前共同向人民法院申请司法确认');
  const [doc] = cloud.db.find('cases', { _id: id }) as Array<{ mediation: { outcome: string; performance: { performed: string } } }>;
  expect(doc?.mediation).toMatchObject({ outcome: 'success', performance: { performed: 'full' } });
});
