import { DEFAULT_SETTINGS, type InputOf, type legalAidContracts } from '../../core';
import { bookingDoc, questionDoc } from '../../scripts/bench/generate-cases';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { application } from '../support/legal-aid';

/*
 * 统计's evaluation and service figures on data whose answers are known. Evaluation: three
 * mediations (two 调解成功, one 调解不成) and one without an outcome; two 差评 with their 回访
 * tasks, one visited and put right. Services: three 咨询 resolved after 0, 2 and 5 days, two of
 * them named by follow-on requests (one refused); four legal-aid applications (granted after 1 and
 * 0 days, the latter a promise to verify, refused after 3, one still at its station); bookings and
 * village questions as their functions store them, with some outside the month or held. 满意率 by
 * what was rated: the 咨询's ratings, two legal-aid cases closed by their lawyer (one rated), and
 * ratings of bookings and a question (one in April).
 */

let cloud: TestCloud;
const MAY = { from: '2026-05-01', to: '2026-05-31' };
const T = new Date('2026-05-11T02:00:00Z'); // Monday 10:00 Beijing
const at = (hours: number) => new Date(T.getTime() + hours * 3_600_000);
type AidCommand = InputOf<(typeof legalAidContracts)['act']>['command'];

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(T);
  const submit = async (category: 'mediation' | 'consultation', summary: string) =>
    (await cloud.api('demo-resident').case.submit({ category, summary, applicant: { name: '张大爷', phone: '13800000000' } })).id;
  const act = (caseId: string, command: object, who = 'demo-staff') => cloud.api(who).case.act({ caseId, command: command as never });
  for (const outcome of ['success', 'success', 'failure', null] as const) {
    const id = await submit('mediation', `调解${outcome ?? '未登记'}`);
    await act(id, { type: 'accept' });
    if (outcome === 'success') await act(id, { type: 'recordMediation', outcome, agreement: { form: 'written', content: '协议' } });
    if (outcome === 'failure') await act(id, { type: 'recordMediation', outcome });
  }

  // Legal aid, decided by the center's aid post (demo-staff); every promise grant is verified.
  await cloud.api('demo-admin').legalAid.saveSettings({
    coveredMatters: [...DEFAULT_SETTINGS.coveredMatters],
    matterLimitLiftedFor: ['elderly', 'disabled'],
    standard: { monthlyIncomePerHead: 1200, householdAssets: 50000, source: '测试标准' },
    verificationShare: 1,
    countyName: '青禾县',
    aidPosts: ['demo-staff'],
    bureauPosts: ['demo-admin'],
  });
  const apply = async (openid: string, promise = false) =>
    (
      await cloud.api(openid).legalAid.submit(
        promise
          ? application({
              answers: { local: true, noTestGround: 'none', ageBand: 'adult', groups: [], inHospital: false, exemption: 'none', underStandard: true },
              route: 'promise',
              household: [{ relation: '本人', monthlyIncome: 800, assets: 1000 }],
              promise: { noticeRead: true, authorizeVerification: true, signature: { fileID: `cloud://devcloud/uploads/${openid}/sign.png`, name: '签名' }, fingerprintWitness: null },
              orgId: null,
            })
          : application(),
      )
    ).caseId;
  const aid = (caseId: string, command: AidCommand, who = 'demo-staff') => cloud.api(who).legalAid.act({ caseId, command });
  const [granted, refused, promised] = [await apply('stats-aid-1'), await apply('stats-aid-2'), await apply('stats-aid-3', true)];
  await apply('stats-aid-4'); // still at its station

  const consultations: Array<{ id: string; code: string }> = [];
  for (const rating of [1, 2, 3]) {
    const { id, code } = await cloud.api('demo-resident').case.submit({ category: 'consultation', summary: `咨询${rating}`, applicant: { name: '张大爷', phone: '13800000000' } });
    await act(id, { type: 'accept' });
    consultations.push({ id, code });
  }
  const resolve = (i: number) => act(consultations[i]?.id as string, { type: 'resolve', result: '已解答' });
  await resolve(0);
  cloud.clock.set(at(5));
  await aid(promised, { type: 'grant' });
  await aid(granted, { type: 'forward', note: '材料齐全' }, 'seed-staff-qs');
  await aid(refused, { type: 'forward', note: '材料齐全' }, 'seed-staff-qs');
  cloud.clock.set(at(26));
  await aid(granted, { type: 'grant' });
  // An hour over the whole days: the 咨询 came in a little after T (devcloud's clock runs on).
  cloud.clock.set(at(49));
  await resolve(1);
  cloud.clock.set(at(73));
  await aid(refused, { type: 'refuse', reasons: '所述工资已经法院判决并执行完毕' });
  cloud.clock.set(at(121));
  await resolve(2);
  // The lawyers' work: the wage claim closed and its 受援人 rates it 满意; the promise closed, not rated yet.
  for (const caseId of [granted, promised]) {
    await aid(caseId, { type: 'dispatch', lawyer: { name: '林晓岚律师', openid: null } });
    await aid(caseId, { type: 'close', report: '已追回工资' });
  }
  await aid(granted, { type: 'rate', satisfaction: 4 }, 'stats-aid-1');
  for (const [i, c] of consultations.entries()) await act(c.id, { type: 'evaluate', satisfaction: i + 1 }, 'demo-resident');

  // Follow-on requests naming the 咨询 they came from: two of the first (it counts once), one of the second, refused.
  const followOn = (category: 'lawyer' | 'notary' | 'mediation', of: number) =>
    cloud.api('demo-staff').case.register({
      channel: 'walkIn',
      category,
      orgId: 'qh-center',
      summary: '咨询后来办理',
      applicant: { name: '张大爷', phone: '13800000000' },
      signature: { fileID: 'cloud://devcloud/uploads/demo-staff/sign.png', name: '接待人签名' },
      followOf: consultations[of]?.code,
    });
  await followOn('lawyer', 0);
  await followOn('notary', 0);
  await act((await followOn('mediation', 1)).id, { type: 'reject', reason: '已起诉到法院', referTo: '县人民法院' });

  const { visits } = await cloud.api('demo-supervisor').evaluation.returnVisits({});
  expect(visits).toHaveLength(2);
  await cloud.api('demo-supervisor').evaluation.recordReturnVisit({ id: visits[0]?.id as string, reached: true, text: '已整改', rectified: true });

  // Bookings at 杏林镇 for May days (one outside), and questions at 东坡村 (one held, one in April).
  const phone = { phone: '139****0000' };
  const statuses = ['attended', 'attended', 'attended', 'missed', 'cancelled', 'rescheduled', 'booked'] as const;
  await cloud.db.insertMany('bookings', [
    ...statuses.map((s, i) => bookingDoc(`stats-b${i}`, i % 2 ? 'xl-station' : 'xl-baiyang', `2026-05-${String(12 + i)}`, s, phone)),
    bookingDoc('stats-b-april', 'xl-station', '2026-04-28', 'missed', phone),
  ]);
  const asked = new Date('2026-05-12T01:00:00Z');
  // Ratings of bookings and questions as the evaluation function stores them: May's three of bookings and one of a question, and one in April.
  const rating = (id: string, kind: 'booking' | 'question', orgId: string, satisfaction: number, when = new Date('2026-05-20T02:00:00Z')) => ({
    _id: `${kind}:${id}`,
    kind,
    subjectId: id,
    orgId,
    orgPath: ['qh-center', orgId],
    by: `gen-rater-${id}`,
    enteredBy: 'self',
    at: when,
    satisfaction,
    dimensions: {},
    solved: null,
    comment: '',
  });
  await cloud.db.insertMany('service_ratings', [
    rating('stats-b0', 'booking', 'xl-station', 5),
    rating('stats-b2', 'booking', 'xl-station', 4),
    rating('stats-b1', 'booking', 'xl-station', 2),
    rating('stats-q0', 'question', 'qs-dongpo', 3),
    rating('stats-q-april', 'question', 'qs-dongpo', 5, new Date('2026-04-21T02:00:00Z')),
  ]);
  await cloud.db.insertMany('group_messages', [
    ...[1800, 5 * 3600, 26 * 3600, null].map((s, i) => questionDoc(`stats-q${i}`, 'qs-dongpo', asked, s)),
    { ...questionDoc('stats-q-held', 'qs-dongpo', asked, null), moderation: 'held' },
    questionDoc('stats-q-april', 'qs-dongpo', new Date('2026-04-20T01:00:00Z'), 60),
  ]);
}, 90000);
afterAll(async () => {
  await cloud.close();
});

it('equals the known answers', async () => {
  const { quality, services, satisfaction, totals } = await cloud.api('demo-supervisor').stats.board(MAY);
  // 满意率 by what was rated. Cases: the three 咨询 (1, 2, 3); the three decided legal-aid cases wait
  // for their lawyers' work, rated on the legal-aid record: two closed, one rated 满意.
  expect(satisfaction).toEqual({
    cases: { rateable: 3, rated: 3, satisfied: 0, satisfiedRate: 0 },
    casesByWorker: { rateable: null, rated: 0, satisfied: 0, satisfiedRate: null },
    legalAid: { rateable: 2, rated: 1, satisfied: 1, satisfiedRate: 1 },
    bookings: { rateable: null, rated: 3, satisfied: 2, satisfiedRate: 2 / 3 },
    questions: { rateable: null, rated: 1, satisfied: 0, satisfiedRate: 0 },
  });
  // 评价率 counts legal aid by the lawyer's rating: 4 rated of 5 open to rating (not 4 of 6 办结).
  expect(totals).toMatchObject({ resolved: 6, rateable: 5, evaluated: 4, satisfied: 1, evaluatedRate: 0.8 });
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
  expect(services).toEqual({
    guidance: 3,
    guidanceConverted: 1,
    conversionRate: 1 / 3,
    // 办结 after 0, 2 and 5 days (咨询) and 1, 0 and 3 (legal-aid decisions): the middle of six is
    // the end of the 1-day bin, by the histogram's median.
    handled: 6,
    medianHandlingDays: 2,
    handlingBars: [
      { label: '当天', count: 2 },
      { label: '1-2天', count: 2 },
      { label: '3-6天', count: 2 },
      { label: '7-14天', count: 0 },
      { label: '15-29天', count: 0 },
      { label: '30天以上', count: 0 },
    ],
    aidApplications: 4,
    aidGranted: 2,
    aidRefused: 1,
    // Decided after 0, 1 and 3 days: the middle (1.5th) is half-way through the 1-day bin.
    aidMedianDecisionDays: 1.5,
    verificationPending: 1,
    verificationConfirmed: 0,
    verificationFalse: 0,
    booked: 6,
    bookingsCancelled: 1,
    bookingsUpcoming: 1,
    attended: 3,
    missed: 1,
    noShowRate: 0.25,
    questionsAsked: 4,
    questionsAnswered: 3,
    // Answered after 0.5, 5 and 26 hours: half-way through the 5-hour bin.
    medianAnswerHours: 5.5,
    answerBars: [
      { label: '1小时内', count: 1 },
      { label: '1-3小时', count: 0 },
      { label: '4-23小时', count: 1 },
      { label: '1-2天', count: 1 },
      { label: '2天以上', count: 0 },
    ],
  });
  // Another month holds none of it.
  const april = await cloud.api('demo-supervisor').stats.board({ from: '2026-04-01', to: '2026-04-30' });
  expect(april.quality).toMatchObject({ mediationRecorded: 0, returnVisits: 0 });
  expect(april.satisfaction).toMatchObject({ bookings: { rated: 0 }, questions: { rated: 1 }, legalAid: { rated: 0 } });
});

it('counts a station’s own services only, and refuses a follow-on of a case nobody can find', async () => {
  const { services } = await cloud.api('seed-staff-xl').stats.board(MAY);
  expect(services).toMatchObject({ guidance: 0, aidApplications: 0, booked: 6, missed: 1, questionsAsked: 0 });
  await expect(
    cloud.api('demo-staff').case.register({ channel: 'hotline12348', category: 'lawyer', orgId: 'qh-center', summary: '咨询后来办理', applicant: { name: '张大爷', phone: '13800000000' }, followOf: 'ZX202605119999' }),
  ).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'follow_of_not_found' } });
});
