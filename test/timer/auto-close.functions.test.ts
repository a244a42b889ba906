import { AUTO_CLOSE_DAYS, DEFAULT_SETTINGS } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { application } from '../support/legal-aid';

/*
 * 结案: a resolved case nobody rated is closed by the timer AUTO_CLOSE_DAYS after 办结, once, the
 * resident told in 消息; a rated case is left alone; 评价率 counts the closed case as resolved and
 * not rated. Beijing times written as UTC instants, so the file means the same under TZ=UTC.
 */

let cloud: TestCloud;
const bj = (iso: string) => new Date(`${iso}+08:00`);
const at = (iso: string) => cloud.clock.set(bj(iso));
const tick = async () => expect(await cloud.triggers.fireNow('timer')).toMatchObject({ ok: true });
const stored = (id: string) => cloud.db.find('cases', { _id: id }, {})[0] as { status: string };
const events = (id: string) => cloud.db.find('case_events', { caseId: id, type: 'autoClosed' }, {});

let rated = '';
let unrated = '';

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  at('2026-06-01T10:00'); // a Monday
  for (const summary of ['问问土地流转合同', '邻居的树挡了光']) {
    const { id } = await cloud.api('demo-resident').case.submit({ category: 'consultation', summary, applicant: { name: '李大姐', phone: '13800000001' } });
    await cloud.api('demo-staff').case.act({ caseId: id, command: { type: 'accept' } });
    await cloud.api('demo-staff').case.act({ caseId: id, command: { type: 'resolve', result: '已当面解答' } });
    if (rated === '') rated = id;
    else unrated = id;
  }
  await cloud.api('demo-resident').case.act({ caseId: rated, command: { type: 'evaluate', satisfaction: 5 } });
}, 60000);
afterAll(async () => {
  await cloud.close();
});

it(`closes a resolved case nobody rated ${AUTO_CLOSE_DAYS} days after 办结, once, and tells the resident`, async () => {
  expect(AUTO_CLOSE_DAYS).toBe(15);
  at('2026-06-16T09:00'); // 14 days 23 hours after: still waiting for the rating
  await tick();
  expect(stored(unrated).status).toBe('resolved');

  at('2026-06-16T10:30');
  await tick();
  expect(stored(unrated).status).toBe('closed');
  expect(stored(rated).status).toBe('evaluated');
  // The next window's run (and a replayed one) closes nothing twice.
  at('2026-06-16T11:30');
  await tick();
  expect(events(unrated)).toHaveLength(1);

  const { entries } = await cloud.api('demo-resident').notify.inbox({});
  expect(entries.filter((e) => e.link.id === unrated && e.event === 'case.autoClosed')).toHaveLength(1);
  expect(entries.some((e) => e.link.id === rated && e.event === 'case.autoClosed')).toBe(false);

  // Rating is over for it; 评价率 counts it resolved and not rated.
  await expect(cloud.api('demo-resident').case.act({ caseId: unrated, command: { type: 'evaluate', satisfaction: 5 } })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  const board = await cloud.api('demo-staff').stats.board({ from: '2026-06-01', to: '2026-06-30', orgId: 'qh-center' });
  expect(board.totals).toMatchObject({ resolved: 2, evaluated: 1, evaluatedRate: 0.5 });
});

it('no person closes a case by hand', async () => {
  at('2026-06-20T10:00');
  const { id } = await cloud.api('demo-resident').case.submit({ category: 'consultation', summary: '赡养费怎么算', applicant: { name: '李大姐', phone: '13800000001' } });
  await cloud.api('demo-staff').case.act({ caseId: id, command: { type: 'accept' } });
  await cloud.api('demo-staff').case.act({ caseId: id, command: { type: 'resolve', result: '已解答' } });
  await expect(cloud.api('demo-admin').case.act({ caseId: id, command: { type: 'autoClose' } as never })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
});

it('leaves a legal-aid case alone: its 办结 is the decision, and the 受援人 rates the lawyer at closing', async () => {
  at('2026-07-01T10:00');
  await cloud.api('demo-admin').legalAid.saveSettings({
    coveredMatters: [...DEFAULT_SETTINGS.coveredMatters],
    matterLimitLiftedFor: ['elderly', 'disabled'],
    standard: { monthlyIncomePerHead: 1200, householdAssets: 50000, source: '测试标准' },
    verificationShare: 0,
    countyName: '青禾县',
    aidPosts: ['demo-staff'],
    bureauPosts: ['demo-admin'],
  });
  const { caseId } = await cloud.api('timer-aid-applicant').legalAid.submit(application());
  await cloud.api('seed-staff-qs').legalAid.act({ caseId, command: { type: 'forward', note: '材料齐全' } });
  await cloud.api('demo-staff').legalAid.act({ caseId, command: { type: 'grant' } });
  expect(stored(caseId).status).toBe('resolved');
  at('2026-07-20T10:00');
  await tick();
  expect(stored(caseId).status).toBe('resolved');
  expect(events(caseId)).toHaveLength(0);
});
