import fs from 'node:fs';
import path from 'node:path';
import { percentText, type CaseEvent, type InputOf, type caseContracts } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * 满意度 on cases staff registered: a visitor with no WeChat (walk-in, 12348) gives their rating to
 * a worker, who records it. It is marked as worker-entered, never recorded by the case's own
 * handler, refused where the resident rates in the app, and kept out of the 满意率 the board reports.
 */

type Command = InputOf<(typeof caseContracts)['act']>['command'];

const PHOTO = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'photo.png'));
let cloud: TestCloud;
const act = (openid: string, caseId: string, command: Command) => cloud.api(openid).case.act({ caseId, command });
const refusal = (code: string, reason: string) => ({ code, details: { reason } });
const MAY = { from: '2026-05-01', to: '2026-05-31' };

async function signature(openid: string): Promise<string> {
  const form = new FormData();
  form.set('cloudPath', `uploads/${openid}/signature-rating.png`);
  form.set('file', new Blob([PHOTO]), 'signature.png');
  const res = await fetch(`${cloud.url}/storage/form`, { method: 'POST', headers: { 'x-devcloud-openid': openid }, body: form });
  const body = (await res.json()) as { data?: { fileID: string } };
  if (!body.data) throw new Error(`upload failed: ${JSON.stringify(body)}`);
  return body.data.fileID;
}

const submit = async (openid: string, summary: string) =>
  (await cloud.api(openid).case.submit({ category: 'consultation', summary, applicant: { name: '张大爷', phone: '13800000000' } })).id;

/** Signed for on the spot and resolved by one worker, who is then its handler and 首办. */
async function handledBy(openid: string, caseId: string): Promise<void> {
  await act(openid, caseId, { type: 'accept' });
  await act(openid, caseId, { type: 'resolve', result: '已当场解答' });
}

let walkIn = '';
let hotline = '';
let inApp = '';

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-05-11T02:00:00Z')); // Monday 10:00 in Beijing
  const registered = await cloud.api('demo-staff').case.register({
    channel: 'walkIn',
    category: 'consultation',
    summary: '来窗口问工伤赔偿',
    orgId: 'qh-center',
    applicant: { name: '赵铁柱', phone: '13800000012' },
    signature: { fileID: await signature('demo-staff'), name: '接待人签名' },
  });
  walkIn = registered.id;
  await handledBy('demo-staff', walkIn);
  hotline = (
    await cloud.api('demo-staff').case.register({
      channel: 'hotline12348',
      category: 'consultation',
      summary: '电话咨询：彩礼能不能要回',
      orgId: 'qh-center',
      applicant: { name: '王女士', phone: '13900001111' },
    })
  ).id;
  await handledBy('demo-supervisor', hotline);
  inApp = await submit('demo-elder', '儿子不给赡养费');
  await handledBy('demo-staff', inApp);
  const own = await submit('demo-resident', '邻居占了我家的路');
  await handledBy('demo-staff', own);
  await act('demo-resident', own, { type: 'evaluate', satisfaction: 2 });
}, 60000);
afterAll(async () => {
  await cloud.close();
});

describe('a walk-in visitor’s rating, recorded by staff', () => {
  it('is refused to the worker who handled the case, who is not offered the button', async () => {
    await expect(act('demo-staff', walkIn, { type: 'evaluate', satisfaction: 5 })).rejects.toMatchObject(refusal('FORBIDDEN', 'handler_cannot_rate'));
    expect((await cloud.api('demo-staff').case.get({ caseId: walkIn })).commands).not.toContain('evaluate');
    expect((await cloud.api('demo-supervisor').case.get({ caseId: walkIn })).commands).toContain('evaluate');
  });

  it('is recorded by another worker and marked as theirs on the event, the stored case, the timeline and the ledger', async () => {
    const rated = await act('demo-supervisor', walkIn, { type: 'evaluate', satisfaction: 5, comment: '回访时说很满意' });
    expect(rated.case.status).toBe('evaluated');

    const [doc] = cloud.db.find('cases', { _id: walkIn }) as Array<{ evaluation: unknown }>;
    expect(doc?.evaluation).toEqual({ satisfaction: 5, comment: '回访时说很满意', enteredBy: 'worker', recordedBy: { openid: 'demo-supervisor', name: '周明远' } });
    const events = cloud.db.find('case_events', { caseId: walkIn }, { sort: { seq: 1 } }) as CaseEvent[];
    expect(events.at(-1)).toMatchObject({ type: 'evaluated', actor: { openid: 'demo-supervisor' }, data: { enteredBy: 'worker' } });

    const seen = await cloud.api('demo-staff').case.get({ caseId: walkIn });
    expect(seen.timeline.at(-1)).toMatchObject({ title: '已评价（工作人员代录）', by: '周明远' });
    const ledger = await cloud.api('demo-staff').case.ledger(MAY);
    expect(ledger.rows.find((r) => r.caseCode === rated.case.code)?.satisfaction).toBe('5分 非常满意：回访时说很满意（工作人员周明远代录）');
  });

  it('works the same for a 12348 call: its handler is refused, the colleague who took the call records it', async () => {
    await expect(act('demo-supervisor', hotline, { type: 'evaluate', satisfaction: 5 })).rejects.toMatchObject(refusal('FORBIDDEN', 'handler_cannot_rate'));
    await act('demo-staff', hotline, { type: 'evaluate', satisfaction: 4 });
    const [doc] = cloud.db.find('cases', { _id: hotline }) as Array<{ evaluation: { enteredBy: string } }>;
    expect(doc?.evaluation.enteredBy).toBe('worker');
  });
});

describe('a resident who has the app', () => {
  it('rates for themselves: no worker may record it for them', async () => {
    await expect(act('demo-supervisor', inApp, { type: 'evaluate', satisfaction: 5 })).rejects.toMatchObject(refusal('FORBIDDEN', 'applicant_rates_in_app'));
    expect((await cloud.api('demo-supervisor').case.get({ caseId: inApp })).commands).not.toContain('evaluate');
    await act('demo-elder', inApp, { type: 'evaluate', satisfaction: 5 });
    const [doc] = cloud.db.find('cases', { _id: inApp }) as Array<{ evaluation: { enteredBy: string } }>;
    expect(doc?.evaluation.enteredBy).toBe('applicant');
    expect((await cloud.api('demo-elder').case.get({ caseId: inApp })).timeline.at(-1)?.title).toBe('已评价');
  });
});

describe('the statistics board', () => {
  it('reports the ratings workers recorded apart, and 满意率 from the residents’ own ratings only', async () => {
    const { totals, units } = await cloud.api('demo-staff').stats.board(MAY);
    expect(totals).toMatchObject({ received: 4, resolved: 4, evaluated: 2, satisfied: 1, evaluatedByWorker: 2, satisfiedByWorker: 2, dissatisfied: 1 });
    // Counted with the two recorded 5 and 4, 满意率 would read 75.0% and 评价率 100.0%.
    expect(percentText(totals.satisfiedRate)).toBe('50.0%');
    expect(percentText(totals.evaluatedRate)).toBe('50.0%');
    expect(totals.averageScore).toBe(3.5);
    expect(units.find((u) => u.own)).toMatchObject({ evaluated: 2, evaluatedByWorker: 2, satisfiedByWorker: 2 });
  });
});
