import { type caseContracts, type InputOf } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * C2: whose clock is whose. The center is judged (按期办结率, 超期) only on its own commitment, e.g. to
 * refer a notarization to the notary office in time; the outside body's statutory period starts at
 * that body's acceptance, recorded by the handler, and is shown, never judged. A request whose
 * resident's own window to apply closes soon is flagged urgent and leads the 工作台.
 */

type Command = InputOf<(typeof caseContracts)['act']>['command'];

let cloud: TestCloud;
const act = (openid: string, caseId: string, command: Command) => cloud.api(openid).case.act({ caseId, command });
const refusal = (code: string, reason: string) => ({ code, details: { reason } });
const setClock = (now: string) =>
  fetch(`${cloud.url}/devcloud/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) });
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

let notary = '';
let labour = '';
let review = '';
let calm = '';

beforeAll(async () => {
  // This county gives appraisal referrals 5 working days (a county setting) and closes its counters at 17:00.
  cloud = await startTestCloud({
    seed: true,
    functionEnv: { CASE_COMMITMENTS: JSON.stringify({ appraisal: { amount: 5, unit: 'workingDays' }, legalAid: { amount: 30, unit: 'calendarDays' } }), CLOSE_OF_BUSINESS: '17:00' },
  });
  await setClock('2026-03-02T02:00:00Z'); // Monday 10:00 in Beijing
  notary = (await cloud.api('demo-elder').case.submit({ category: 'notary', summary: '办继承公证', applicant: { name: '张大爷', phone: '13800000000' } })).id;
  labour = (
    await cloud.api('demo-staff').case.register({
      channel: 'hotline12348',
      category: 'arbitration',
      summary: '工地拖欠工资，已离职',
      orgId: 'qh-center',
      applicant: { name: '刘师傅', phone: '13900002222' },
      actOn: '2025-12-20',
    })
  ).id;
  // 55 days after the act: Tue 2026-01-06 + 55 = Mon 03-02; day 60 is Sat 03-07 → Mon 03-09.
  review = (
    await cloud.api('demo-staff').case.register({
      channel: 'hotline12348',
      category: 'adminReview',
      summary: '对拆除决定不服，想申请复议',
      orgId: 'qh-center',
      applicant: { name: '孙大爷', phone: '13900004444' },
      actOn: '2026-01-06',
    })
  ).id;
  // Registered after it, so the 待分流 queue's own order (latest activity first) would put it first.
  calm = (
    await cloud.api('demo-staff').case.register({
      channel: 'hotline12348',
      category: 'adminReview',
      summary: '罚款决定不服，上周收到',
      orgId: 'qh-center',
      applicant: { name: '赵女士', phone: '13900003333' },
      actOn: '2026-02-24',
    })
  ).id;
  for (const id of [notary, labour]) await act('demo-staff', id, { type: 'accept' });
}, 60000);
afterAll(async () => {
  await cloud.close();
});

describe('a notarization request', () => {
  it("is judged by the center's referral commitment; the notary office's 15 working days start at its acceptance and are shown", async () => {
    const before = await cloud.api('demo-elder').case.get({ caseId: notary });
    expect(before.timeLimits.center).toMatchObject({ endsAt: 'referral', limit: '2个工作日', stoppedAt: null });
    expect(before.timeLimits.outside).toBeNull();

    await setClock('2026-03-03T02:00:00Z'); // Tue: within the 2 working days
    const referred = await act('demo-staff', notary, { type: 'refer', body: 'notaryOffice' });
    expect(referred.case.dueAt).toBeNull(); // the center's clock has stopped
    expect(referred.timeLimits.outside).toMatchObject({ body: 'notaryOffice', acceptedOn: null, source: '《公证法》第三十条（《公证程序规则》同）' });
    expect(referred.commands).toContain('recordAcceptance');
    expect(referred.commands).not.toContain('refer');

    await setClock('2026-03-05T08:00:00Z'); // Thu 16:00: the office says it accepted today
    await act('demo-staff', notary, { type: 'recordAcceptance', acceptedOn: '2026-03-05' });
    const seen = await cloud.api('demo-elder').case.get({ caseId: notary });
    // The resident reads the office's period and when to expect the certificate: 15 working days after Thu 03-05.
    expect(seen.timeLimits.outside).toMatchObject({ acceptedOn: '2026-03-05', expectedBy: '2026-03-26' });
    expect(seen.timeline.map((e) => e.title)).toEqual(expect.arrayContaining(['已转交公证处', '公证处已受理']));

    // The office takes five weeks, far past its 15 working days: nothing of it is the center's overdue.
    await setClock('2026-04-10T02:00:00Z');
    const { counts } = await cloud.api('demo-staff').case.workbench({ queue: 'overdue' });
    const overdue = await cloud.api('demo-staff').case.workbench({ queue: 'overdue' });
    expect(overdue.cases.map((c) => c.id)).not.toContain(notary);
    expect(counts.overdue).toBe(overdue.cases.length);
    await act('demo-staff', notary, { type: 'resolve', result: '公证书已出具' });
    const board = await cloud.api('demo-staff').stats.board({ ...MARCH, orgId: 'qh-center' });
    expect(board.totals).toMatchObject({ resolved: 1, onTime: 1, onTimeRate: 1 });
  });

  it('refuses an acceptance dated before the referral or in the future, and a second referral', async () => {
    const id = (await cloud.api('demo-resident').case.submit({ category: 'notary', summary: '委托公证', applicant: { name: '李四', phone: '13800001111' } })).id;
    await act('demo-staff', id, { type: 'accept' });
    await expect(act('demo-staff', id, { type: 'recordAcceptance', acceptedOn: '2026-04-10' })).rejects.toMatchObject(refusal('INVALID_STATE', 'not_referred'));
    await expect(act('demo-staff', id, { type: 'refer', body: 'reviewBody' })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'body_not_for_category'));
    await act('demo-staff', id, { type: 'refer', body: 'notaryOffice' });
    await expect(act('demo-staff', id, { type: 'refer', body: 'notaryOffice' })).rejects.toMatchObject(refusal('INVALID_STATE', 'already_referred'));
    await expect(act('demo-staff', id, { type: 'recordAcceptance', acceptedOn: '2026-04-11' })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'acceptance_date'));
    // The applicant side reads the step; only the handler or a lead records it.
    await expect(act('demo-resident', id, { type: 'recordAcceptance', acceptedOn: '2026-04-10' })).rejects.toMatchObject(refusal('FORBIDDEN', 'not_permitted'));
  });
});

describe('a labour-arbitration request', () => {
  it("is referred with the committee's period shown and never counts as the center's overdue", async () => {
    await setClock('2026-03-04T02:00:00Z'); // Wed: within the center's 3 working days
    const referred = await act('demo-staff', labour, { type: 'refer', body: 'labourArbitration' });
    expect(referred.timeLimits.outside).toMatchObject({ body: 'labourArbitration', source: '《劳动争议调解仲裁法》第二十九条' });
    await setClock('2026-03-09T02:00:00Z');
    const accepted = await act('demo-staff', labour, { type: 'recordAcceptance', acceptedOn: '2026-03-06' });
    // 45 days from Fri 03-06: Mon 04-20 (劳动争议调解仲裁法 Art. 43).
    expect(accepted.timeLimits.outside).toMatchObject({ acceptedOn: '2026-03-06', expectedBy: '2026-04-20', source: '《劳动争议调解仲裁法》第四十三条' });
    // Two months on, the committee has not ruled: the case is not the center's overdue, on the 工作台 or the board.
    await setClock('2026-05-11T02:00:00Z');
    const overdue = await cloud.api('demo-staff').case.workbench({ queue: 'overdue' });
    expect(overdue.cases.map((c) => c.id)).not.toContain(labour);
    const board = await cloud.api('demo-staff').stats.board({ ...MARCH, orgId: 'qh-center' });
    const open = await cloud.api('demo-staff').case.get({ caseId: labour });
    expect(open.case.dueAt).toBeNull();
    // Only the two review requests nobody has referred (their 2 working days long gone) are overdue.
    expect(overdue.cases.map((c) => c.id).sort()).toEqual([review, calm].sort());
    expect(board.totals.overdue).toBe(2);
  });
});

describe('an administrative-review request', () => {
  it('received 55 days after the act is flagged urgent, with the last day to apply, and leads the 工作台', async () => {
    await setClock('2026-03-02T03:00:00Z');
    const urgent = await cloud.api('demo-staff').case.get({ caseId: review });
    expect(urgent.case.urgent).toBe(true);
    expect(urgent.case.applyBy).toMatchObject({ kind: 'adminReview', lastDay: '2026-03-09', closed: false });
    // Filed in person, the last day ends when this county's counters close (民法典 Art. 203).
    expect(urgent.case.applyBy?.endsAt).toBe('2026-03-09T08:59:59.999Z');
    const other = await cloud.api('demo-staff').case.get({ caseId: calm });
    expect(other.case).toMatchObject({ urgent: false, applyBy: { lastDay: '2026-04-27' } });
    // The 待分流 queue lists the newer, calm request first by activity; the urgent one leads anyway.
    const { cases } = await cloud.api('demo-staff').case.workbench({ queue: 'new' });
    expect(cases[0]?.id).toBe(review);
    expect(cases.map((c) => c.id)).toContain(calm);
  });

  it('refuses a window the category does not carry', async () => {
    await expect(
      cloud.api('demo-staff').case.register({
        channel: 'hotline12348',
        category: 'notary',
        summary: '公证',
        orgId: 'qh-center',
        applicant: { name: '周', phone: '13900005555' },
        actOn: '2026-02-01',
        window: 'adminReview',
      }),
    ).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'window_not_for_category'));
    // A window runs from something that has happened.
    await expect(
      cloud.api('demo-resident').case.submit({ category: 'adminReview', summary: '复议', applicant: { name: '周', phone: '13900005555' }, actOn: '2026-03-03' }),
    ).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'act_date'));
  });
});

describe("the county's own commitments", () => {
  it('start a request with the county setting, also when triage moves it into that category; a statutory limit stays', async () => {
    await setClock('2026-03-02T03:00:00Z');
    const appraisal = await cloud.api('demo-resident').case.submit({ category: 'appraisal', summary: '伤情鉴定', applicant: { name: '钱', phone: '13800007777' } });
    expect((await cloud.api('demo-staff').case.get({ caseId: appraisal.id })).timeLimits.center.limit).toBe('5个工作日');
    const moved = await cloud.api('demo-resident').case.submit({ category: 'consultation', summary: '想做伤残鉴定', applicant: { name: '钱', phone: '13800007777' } });
    const triaged = await act('demo-staff', moved.id, { type: 'triage', category: 'appraisal' });
    expect(triaged.timeLimits.center.limit).toBe('5个工作日');
    const aid = await cloud.api('demo-staff').case.register({ channel: 'hotline12348', category: 'legalAid', summary: '申请法律援助', orgId: 'qh-center', applicant: { name: '吴', phone: '13900008888' } });
    expect((await cloud.api('demo-staff').case.get({ caseId: aid.id })).timeLimits.center.limit).toBe('7日'); // 法律援助法 Art. 43, not the county's
  });
});
