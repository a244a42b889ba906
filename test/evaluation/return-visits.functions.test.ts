import { type InputOf, type caseContracts } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * 好差评 and 回访: the survey's dimensions are kept and read back; a 非常不满意 gives exactly one
 * task to the supervisors of the handling unit, due in 15 working days, never to the rated handler;
 * its outcome is recorded once and the resident hears of it.
 */

type Command = InputOf<(typeof caseContracts)['act']>['command'];

let cloud: TestCloud;
const act = (openid: string, caseId: string, command: Command) => cloud.api(openid).case.act({ caseId, command });
const refusal = (code: string, reason: string) => ({ code, details: { reason } });

const submit = async (openid: string, summary: string) =>
  (await cloud.api(openid).case.submit({ category: 'consultation', summary, applicant: { name: '张大爷', phone: '13800000000' } })).id;

async function handledBy(openid: string, caseId: string): Promise<void> {
  await act(openid, caseId, { type: 'accept' });
  await act(openid, caseId, { type: 'resolve', result: '已当场解答' });
}

interface Task {
  _id: string;
  kind: string;
  dueAt: Date;
  excluded: string[];
  status: string;
}
const tasksOf = (caseId: string) => cloud.db.find('return_visits', { caseId }) as Task[];

let angry = '';
let fair = '';
let selfHandled = '';

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-05-11T02:00:00Z')); // Monday 10:00 in Beijing
  angry = await submit('demo-resident', '邻居占了我家的路');
  await handledBy('demo-staff', angry);
  fair = await submit('demo-elder', '儿子不给赡养费');
  await handledBy('demo-staff', fair);
  selfHandled = await submit('demo-resident', '土地承包合同到期');
  await handledBy('demo-supervisor', selfHandled);
}, 60000);
afterAll(async () => {
  await cloud.close();
});

describe('the survey', () => {
  it('keeps the dimensions and 问题解决了吗, and the resident reads back what they said', async () => {
    const rated = await act('demo-resident', angry, {
      type: 'evaluate',
      satisfaction: 1,
      dimensions: { attitude: 2, speed: 1, professionalism: 2 },
      solved: false,
      comment: '跑了三趟',
    });
    expect(rated.case.status).toBe('evaluated');
    const [doc] = cloud.db.find('cases', { _id: angry }) as Array<{ evaluation: unknown }>;
    expect(doc?.evaluation).toMatchObject({ satisfaction: 1, dimensions: { attitude: 2, speed: 1, professionalism: 2 }, solved: false, enteredBy: 'applicant' });
    const mine = await cloud.api('demo-resident').case.get({ caseId: angry });
    expect(mine.timeline.at(-1)?.detail).toBe('非常不满意；问题未解决；服务态度2分、办理速度1分、专业水平2分：跑了三趟');
  });

  it('refuses a dimension outside 1 to 5', async () => {
    await expect(act('demo-elder', fair, { type: 'evaluate', satisfaction: 3, dimensions: { speed: 7 } })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'dimension_range'));
  });
});

describe('回访 after a 差评', () => {
  it('creates exactly one task for the unit’s supervisors, due in 15 working days', () => {
    const tasks = tasksOf(angry);
    expect(tasks).toHaveLength(1);
    // Rated Monday 11 May: the 15th working day after is Monday 1 June, to its end (Beijing).
    expect(tasks[0]).toMatchObject({ kind: 'dissatisfied', status: 'open', excluded: ['demo-staff'] });
    expect(new Date(tasks[0]?.dueAt as Date).toISOString()).toBe('2026-06-01T15:59:59.999Z');
  });

  it('shows the rated handler that the case was rated, never by whom', async () => {
    const seen = await cloud.api('demo-staff').case.get({ caseId: angry });
    expect(seen.timeline.at(-1)).toMatchObject({ title: '已评价', by: '' });
    const lead = await cloud.api('demo-supervisor').case.get({ caseId: angry });
    expect(lead.timeline.at(-1)).toMatchObject({ title: '已评价', by: '张大爷' });
  });

  it('gives no task for 基本满意', async () => {
    await act('demo-elder', fair, { type: 'evaluate', satisfaction: 3 });
    expect(tasksOf(fair)).toEqual([]);
  });

  it('is the supervisor’s, and never the rated handler’s, even when the handler is a supervisor', async () => {
    await act('demo-resident', selfHandled, { type: 'evaluate', satisfaction: 2 });
    expect(tasksOf(selfHandled)).toHaveLength(1);
    const supervisor = await cloud.api('demo-supervisor').evaluation.returnVisits({});
    expect(supervisor.visits.map((v) => v.caseId)).toEqual([angry]);
    const admin = await cloud.api('demo-admin').evaluation.returnVisits({});
    expect(admin.visits.map((v) => v.caseId).sort()).toEqual([angry, selfHandled].sort());
    await expect(cloud.api('demo-staff').evaluation.returnVisits({})).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_allowed'));
    const hidden = tasksOf(selfHandled)[0]?._id as string;
    await expect(cloud.api('demo-supervisor').evaluation.recordReturnVisit({ id: hidden, reached: true, text: '已回访' })).rejects.toMatchObject(
      refusal('NOT_FOUND', 'return_visit_not_found'),
    );
  });

  it('records the outcome once, with 整改, and tells the resident', async () => {
    const id = tasksOf(angry)[0]?._id as string;
    const done = await cloud.api('demo-supervisor').evaluation.recordReturnVisit({ id, reached: true, text: '电话回访，已协调村委会处理', rectified: true });
    expect(done).toMatchObject({ status: 'done', outcome: { reached: true, rectified: true, by: '周明远' } });
    await expect(cloud.api('demo-supervisor').evaluation.recordReturnVisit({ id, reached: true, text: '再记一次' })).rejects.toMatchObject(refusal('INVALID_STATE', 'already_recorded'));
    const told = cloud.db.find('notices', { _id: `${id}:done:demo-resident` }) as Array<{ to: string; title: string }>;
    expect(told).toMatchObject([{ to: 'demo-resident', title: '回访已完成' }]);
  });
});

/*
 * Every service event is rated once by the person served, on the same model: an attended booking by
 * its holder, an answered group question by its asker. A 差评 gives the supervisors of the unit that
 * served a 回访 task the worker who served never gets.
 */
describe('rating a booking and a group question', () => {
  const ev = (openid: string) => cloud.api(openid).evaluation;
  const visitOf = (kind: string, id: string) => cloud.db.find('return_visits', { 'subject.kind': kind, 'subject.id': id }) as Array<Task & { orgPath: string[]; caseCode: string }>;
  let bookingId = '';
  let questionId = '';

  beforeAll(async () => {
    await cloud.api('seed-staff-qs').booking.saveSchedule({ orgId: 'qs-dongpo', sessions: [{ weekday: 2, from: '09:00', to: '11:00' }], slotMinutes: 30, capacity: 2, services: ['consultation'], horizonDays: 14, leadMinutes: 60, active: true });
    bookingId = (await cloud.api('rater-booking').booking.book({ orgId: 'qs-dongpo', day: '2026-05-12', time: '09:00', service: 'consultation', applicant: { name: '钱阿姨', phone: '13700002222' } })).id;
    const { joinCode } = await cloud.api('demo-advisor').group.open({ groupId: 'qs-dongpo' });
    for (const openid of ['rater-question', 'rater-neighbour']) await cloud.api(openid).group.join({ code: joinCode as string });
    questionId = (await cloud.api('rater-question').group.post({ groupId: 'qs-dongpo', kind: 'question', text: '宅基地确权要带什么' })).message.id;
  });

  it('rates an attended booking once, by its holder, after check-in; the holder reads back what they said', async () => {
    const survey = { kind: 'booking' as const, id: bookingId, satisfaction: 1, dimensions: { attitude: 1, speed: 2 }, solved: false, comment: '等了一上午' };
    await expect(ev('rater-booking').rate(survey)).rejects.toMatchObject(refusal('INVALID_STATE', 'not_served_yet'));
    await cloud.api('seed-staff-qs').booking.checkIn({ orgId: 'qs-dongpo', day: '2026-05-12', bookingId });
    await expect(ev('rater-question').rate(survey)).rejects.toMatchObject(refusal('NOT_FOUND', 'subject_not_found'));
    await expect(ev('rater-booking').rate({ ...survey, dimensions: { speed: 6 } })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'dimension_range'));
    const mine = await ev('rater-booking').rate(survey);
    expect(mine).toMatchObject({ kind: 'booking', subjectId: bookingId, satisfaction: 1, solved: false, text: '非常不满意；问题未解决；服务态度1分、办理速度2分：等了一上午' });
    await expect(ev('rater-booking').rate({ ...survey, satisfaction: 5 })).rejects.toMatchObject(refusal('INVALID_STATE', 'already_rated'));
    expect((await ev('rater-booking').myRatings({ kind: 'booking', ids: [bookingId] })).ratings).toMatchObject([{ subjectId: bookingId, text: mine.text }]);
    // Someone else asking about the same booking learns nothing of it.
    expect((await ev('rater-question').myRatings({ kind: 'booking', ids: [bookingId] })).ratings).toEqual([]);
  });

  it('gives the 差评 one 回访 task for the serving unit’s supervisors, never the receptionist nor the handler', async () => {
    const [task, more] = visitOf('booking', bookingId);
    expect(more).toBeUndefined();
    expect(task).toMatchObject({ kind: 'dissatisfied', status: 'open', excluded: ['seed-staff-qs'], orgPath: ['qh-center', 'qs-station', 'qs-dongpo'] });
    expect(task?.caseCode).toMatch(/^预约服务 5月12日 周二 09:00$/);
    expect(new Date(task?.dueAt as Date).toISOString()).toBe('2026-06-01T15:59:59.999Z');
    const seen = (await cloud.api('demo-supervisor').evaluation.returnVisits({})).visits.find((v) => v.id === task?._id);
    expect(seen).toMatchObject({ subject: 'booking', kind: 'dissatisfied', satisfaction: 1 });
    // The receptionist who checked the visit in is not given it, whatever their role.
    expect(task?.excluded).toContain('seed-staff-qs');
  });

  it('rates an answered question once, by its asker; the answering advisor never gets its 回访', async () => {
    await expect(ev('rater-question').rate({ kind: 'question', id: questionId, satisfaction: 2 })).rejects.toMatchObject(refusal('INVALID_STATE', 'not_served_yet'));
    const answer = await cloud.api('demo-advisor').group.post({ groupId: 'qs-dongpo', kind: 'answer', questionId, text: '带上户口本和原来的宅基地证' });
    await expect(ev('rater-neighbour').rate({ kind: 'question', id: questionId, satisfaction: 2 })).rejects.toMatchObject(refusal('NOT_FOUND', 'subject_not_found'));
    await expect(ev('rater-question').rate({ kind: 'question', id: answer.message.id, satisfaction: 2 })).rejects.toMatchObject(refusal('NOT_FOUND', 'subject_not_found'));
    expect(await ev('rater-question').rate({ kind: 'question', id: questionId, satisfaction: 2, solved: true })).toMatchObject({ text: '不满意；问题已解决' });
    await expect(ev('rater-question').rate({ kind: 'question', id: questionId, satisfaction: 4 })).rejects.toMatchObject(refusal('INVALID_STATE', 'already_rated'));
    expect(visitOf('question', questionId)).toMatchObject([{ kind: 'dissatisfied', excluded: ['demo-advisor'] }]);
    const stored = cloud.db.find('service_ratings', { _id: `question:${questionId}` });
    expect(stored).toMatchObject([{ satisfaction: 2, solved: true, enteredBy: 'self', orgPath: ['qh-center', 'qs-station', 'qs-dongpo'] }]);
  });
});

describe('a worker’s entry for a walk-in', () => {
  it('stays marked as the worker’s and is counted apart from the residents’ own in 统计', async () => {
    const call = await cloud.api('demo-staff').case.register({ channel: 'hotline12348', category: 'consultation', summary: '电话问赡养', orgId: 'qh-center', applicant: { name: '来电老人', phone: '0999-1234567' } });
    await act('demo-staff', call.id, { type: 'accept' });
    await act('demo-staff', call.id, { type: 'resolve', result: '电话里解答了' });
    await act('demo-supervisor', call.id, { type: 'evaluate', satisfaction: 5 });
    const [doc] = cloud.db.find('cases', { _id: call.id }) as Array<{ evaluation: { enteredBy: string } }>;
    expect(doc?.evaluation.enteredBy).toBe('worker');
    const board = await cloud.api('demo-supervisor').stats.board({ from: '2026-05-01', to: '2026-05-31', orgId: 'qh-center' });
    expect(board.totals).toMatchObject({ evaluatedByWorker: 1, satisfiedByWorker: 1 });
    // angry (1), fair (3) and selfHandled (2) are the residents' own: 满意率 leaves the worker's 5 out.
    expect(board.totals).toMatchObject({ evaluated: 3, satisfied: 0 });
  });
});

describe('the third-party evaluation sample', () => {
  it('draws closed cases in the supervisor’s reach at random, phones masked, of the size asked', async () => {
    const sample = await cloud.api('demo-supervisor').evaluation.thirdPartySample({ size: 2 });
    expect(sample.pool).toBeGreaterThanOrEqual(4);
    expect(sample.cases).toHaveLength(2);
    for (const c of sample.cases) expect(c.phone).toMatch(/^\d{3}\*+\d{4}$/);
    const all = await cloud.api('demo-supervisor').evaluation.thirdPartySample({ size: 50 });
    expect(all.cases.map((c) => c.caseId)).toEqual(expect.arrayContaining([angry, fair, selfHandled]));
    expect(all.cases.find((c) => c.caseId === angry)).toMatchObject({ name: '张大爷', phone: '138****0000', rating: '非常不满意' });
    // The full number only through case.contact, which audits the reveal.
    expect(await cloud.api('demo-supervisor').case.contact({ caseId: angry })).toMatchObject({ phone: '13800000000' });
    await expect(cloud.api('demo-staff').evaluation.thirdPartySample({})).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_allowed'));
    await expect(cloud.api('seed-staff-qs').evaluation.thirdPartySample({})).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_allowed'));
  });
});

describe('知晓率 and 首选率', () => {
  type Answer = [knowsAdvisor: boolean, knowsService: boolean, firstChoice: string];
  const at = (orgId: string, path: string[], period: string, answers: Answer[]) =>
    answers.map(([knowsAdvisor, knowsService, firstChoice], i) => ({ _id: `gen-${orgId}-${period}-${i}`, period, orgId, orgPath: [...path, orgId], knowsAdvisor, knowsService, firstChoice }));

  beforeAll(async () => {
    await cloud.db.insertMany('awareness_answers', [
      ...at('qs-dongpo', ['qh-center', 'qs-station'], '2026Q2', [
        [true, true, 'advisor'],
        [true, false, 'station'],
        [false, false, 'family'],
        [false, true, 'lawyer'],
      ]),
      ...at('qs-shanxia', ['qh-center', 'qs-station'], '2026Q2', [
        [false, false, 'unsure'],
        [true, true, 'hotline'],
      ]),
      ...at('lh-hekou', ['qh-center', 'lh-station'], '2026Q2', [
        [true, true, 'court'],
        [false, false, 'village'],
        [false, true, 'advisor'],
      ]),
      // Last quarter's: never in this quarter's figures.
      ...at('qs-dongpo', ['qh-center', 'qs-station'], '2026Q1', [[true, true, 'advisor']]),
    ]);
  });

  it('takes one anonymous answer per resident per quarter, stored without the openid', async () => {
    const survey = await cloud.api('demo-resident').evaluation.awarenessSurvey({});
    expect(survey).toMatchObject({ period: '2026Q2', answered: false });
    // The villages to choose among come with it (the screen's one call): rooms only, named with their township.
    expect(survey.villages.find((v) => v.id === 'qs-dongpo')?.name).toMatch(/^东坡村（.+）$/);
    expect(survey.villages.map((v) => v.id)).not.toContain('qs-station');
    await cloud.api('demo-resident').evaluation.answerAwareness({ orgId: 'qs-dongpo', knowsAdvisor: true, knowsService: true, firstChoice: 'station' });
    expect(await cloud.api('demo-resident').evaluation.awarenessSurvey({})).toEqual({ period: '2026Q2', answered: true, villages: [] });
    await expect(cloud.api('demo-resident').evaluation.answerAwareness({ orgId: 'qs-dongpo', knowsAdvisor: false, knowsService: false, firstChoice: 'unsure' })).rejects.toMatchObject(
      refusal('CONFLICT', 'already_answered'),
    );
    await expect(cloud.api('demo-elder').evaluation.answerAwareness({ orgId: 'no-such-unit', knowsAdvisor: true, knowsService: true, firstChoice: 'advisor' })).rejects.toMatchObject(
      refusal('NOT_FOUND', 'unit_not_found'),
    );
    const stored = cloud.db.find('awareness_answers', { period: '2026Q2', orgId: 'qs-dongpo' }).filter((d) => !String((d as { _id: string })._id).startsWith('gen-'));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('demo-resident');
  });

  it('answers the known figures by unit and quarter', async () => {
    const station = await cloud.api('seed-staff-qs').evaluation.awareness({});
    // 东坡村 4 generated + 1 answered, 山下村 2: aware 5 of 7, knew the advisor 4, the public service first 4.
    expect(station).toMatchObject({ orgId: 'qs-station', period: '2026Q2', respondents: 7, knowsAdvisor: 4, knowsService: 4, aware: 5, firstPublic: 4 });
    expect(station.awarenessRate).toBeCloseTo(5 / 7);
    expect(station.firstChoiceRate).toBeCloseTo(4 / 7);
    expect(station.units.find((u) => u.orgId === 'qs-dongpo')).toMatchObject({ respondents: 5, aware: 4, firstPublic: 3 });
    expect(station.units.find((u) => u.orgId === 'qs-shanxia')).toMatchObject({ respondents: 2, aware: 1, firstPublic: 1 });
    expect(station.units.find((u) => u.orgId === 'qs-heping')).toMatchObject({ respondents: 0, awarenessRate: null });
    const county = await cloud.api('demo-supervisor').evaluation.awareness({ orgId: 'qh-center' });
    expect(county).toMatchObject({ respondents: 10, aware: 7, firstPublic: 5 });
    expect(county.units.find((u) => u.orgId === 'lh-station')).toMatchObject({ respondents: 3, knowsAdvisor: 1, aware: 2, firstPublic: 1 });
    expect(county.byChoice.find((c) => c.choice === 'advisor')?.count).toBe(2);
    expect((await cloud.api('demo-supervisor').evaluation.awareness({ orgId: 'qh-center', period: '2026Q1' })).respondents).toBe(1);
    await expect(cloud.api('seed-staff-qs').evaluation.awareness({ orgId: 'lh-station' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
  });
});
