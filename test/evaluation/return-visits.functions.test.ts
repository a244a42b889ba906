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
