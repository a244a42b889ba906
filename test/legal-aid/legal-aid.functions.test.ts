import { AppError, DEFAULT_SETTINGS, nextQuestion, type InputOf, type legalAidContracts, type QuestionId, type SelfCheckAnswers } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { application, type Application } from '../support/legal-aid';

type Command = InputOf<(typeof legalAidContracts)['act']>['command'];

let cloud: TestCloud;
const T0 = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 Beijing
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);
const AID = 'demo-staff'; // 陈静 holds the county center's 法律援助岗 in these settings
const BUREAU = 'demo-admin';
const BUREAU_STAFF = 'bureau-he';

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(T0);
  await cloud.api('demo-admin').legalAid.saveSettings({
    coveredMatters: [...DEFAULT_SETTINGS.coveredMatters],
    matterLimitLiftedFor: ['elderly', 'disabled'],
    standard: { monthlyIncomePerHead: 1200, householdAssets: 50000, source: '测试标准' },
    verificationShare: 1,
    countyName: '青禾县',
    aidPosts: [AID],
    bureauPosts: [BUREAU],
    bureauOrgId: 'qh-bureau', // the demo county's 司法局 (scripts/seed)
  });
  // A staff member of the 司法局's own unit answers for it beside the named post.
  const { code } = await cloud.api('demo-admin').identity.createInvite({ role: 'staff', orgIds: ['qh-bureau'] });
  await cloud.api(BUREAU_STAFF).identity.redeemInvite({ code, displayName: '何志成', phone: '13900000021' });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

const act = (openid: string, caseId: string, command: Command) => cloud.api(openid).legalAid.act({ caseId, command });

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${String(e.details?.reason)}`;
    throw e;
  }
  return 'accepted';
}


const promiseApplication = (openid: string) =>
  application({
    answers: { local: true, noTestGround: 'none', ageBand: 'adult', groups: [], inHospital: false, exemption: 'none', underStandard: true },
    applicantName: '赵小梅',
    matter: 'support',
    opponent: '赵某',
    facts: '前夫不给孩子抚养费',
    route: 'promise',
    household: [
      { relation: '本人', monthlyIncome: 1500, assets: 3000 },
      { relation: '女儿', monthlyIncome: 0, assets: 0 },
    ],
    promise: { noticeRead: true, authorizeVerification: true, signature: { fileID: `cloud://devcloud/uploads/${openid}/sign.png`, name: '签名' }, fingerprintWitness: null },
    orgId: null,
  });

describe('legal aid through the functions', () => {
  it('a migrant worker owed pay: exempt with proof (Art 42), forwarded by the station, granted and dispatched within their clocks; the village advisor cannot decide', async () => {
    cloud.clock.set(T0);
    const applied = await cloud.api('demo-migrant').legalAid.submit(application({ preferredLawyer: '林晓岚律师' }));
    expect(applied).toMatchObject({ status: 'atStation', route: 'exempt', greenChannel: true, code: expect.stringMatching(/^FY\d{12}$/) });
    // One case, one code: the ledger row is the case's.
    expect(cloud.db.find('cases', { _id: applied.caseId })).toMatchObject([{ code: applied.code, category: 'legalAid', orgId: 'qs-dongpo' }]);

    cloud.clock.set(hours(2));
    expect(await refusal(act('demo-advisor', applied.caseId, { type: 'forward' }))).toBe('FORBIDDEN:not_station');
    await act('seed-staff-qs', applied.caseId, { type: 'forward', note: '材料齐全' });
    expect(await refusal(act('demo-advisor', applied.caseId, { type: 'grant' }))).toBe('FORBIDDEN:not_aid_post');
    expect(await refusal(act('seed-staff-qs', applied.caseId, { type: 'grant' }))).toBe('FORBIDDEN:not_aid_post');
    // Nor can the station that holds the case close it as a generic one: 办结 and 不予受理 are refused for legal aid.
    expect(await refusal(cloud.api('seed-staff-qs').case.act({ caseId: applied.caseId, command: { type: 'reject', reason: '不符合条件', referTo: '县法律援助中心' } }))).toBe('FORBIDDEN:legal_aid_decides');
    expect(await refusal(cloud.api('seed-staff-qs').case.act({ caseId: applied.caseId, command: { type: 'resolve', result: '已指派律师办理' } }))).toBe('FORBIDDEN:legal_aid_decides');

    // The legal-aid post is told the application has reached it.
    expect(cloud.db.find('notices', { to: AID, 'link.id': applied.caseId })).toMatchObject([{ event: 'work.assigned', title: '有法律援助申请待审查' }]);
    const queue = await cloud.api(AID).legalAid.queue({ which: 'review' });
    expect(queue.items.map((i) => i.caseId)).toContain(applied.caseId);
    cloud.clock.set(hours(26));
    const granted = await act(AID, applied.caseId, { type: 'grant' });
    expect(granted.verification).toBeNull();
    // The case (one 台账 row) records the post's decision as its 办结: the center's 7-day clock stops there.
    const row = await cloud.api(AID).case.get({ caseId: applied.caseId });
    expect(row.case.status).toBe('resolved');
    expect(row.timeline.at(-1)?.title).toBe('决定给予法律援助');
    // …but 首页 asks for no rating of that decision: the 受援人 rates the lawyer's work at closing.
    expect((await cloud.api('demo-migrant').identity.home({})).cards.filter((c) => c.id === applied.caseId)).toEqual([]);
    cloud.clock.set(hours(50));
    const dispatched = await act(AID, applied.caseId, { type: 'dispatch', lawyer: { name: '林晓岚律师', openid: 'demo-advisor' } });
    expect(dispatched.clocks.map((c) => [c.name, c.kind])).toEqual([
      ['decision', 'met'],
      ['dispatch', 'met'],
    ]);
    expect(dispatched.history.at(-1)?.text).toContain('按您希望的律师指派');
    // N1's rating invitation a day after the case row's 办结 (the decision) is not sent for legal aid: it would rate the review, not the lawyer.
    cloud.clock.set(hours(52));
    await cloud.triggers.fireNow('timer');
    expect(cloud.db.find('notices', { to: 'demo-migrant', 'link.id': applied.caseId, event: 'survey.invite' })).toEqual([]);

    // The aid lawyer reports progress to the applicant (Art 46), then closes with the report (Art 50).
    await act('demo-advisor', applied.caseId, { type: 'reportProgress', text: '已向劳动仲裁委提交仲裁申请' });
    cloud.clock.set(hours(300));
    await act('demo-advisor', applied.caseId, { type: 'close', report: '仲裁调解，追回工资两万三千元' });
    // At closing, not at the decision: the 受援人 is asked to rate the lawyer's work, and the post gets its 回访 (Art 59).
    const invites = cloud.db.find('notices', { to: 'demo-migrant', 'link.id': applied.caseId, event: 'survey.invite' }) as Array<{ title: string; notice: { push: boolean } }>;
    expect(invites).toMatchObject([{ title: '请评价律师的办案工作', notice: { push: true } }]);
    expect(cloud.db.find('notices', { to: AID, 'link.id': applied.caseId, title: '法律援助案件已结案，请回访受援人' })).toHaveLength(1);
    expect((await cloud.api(AID).legalAid.queue({ which: 'returnVisits' })).items.map((i) => i.caseId)).toContain(applied.caseId);
    expect(await refusal(act(AID, applied.caseId, { type: 'rate', satisfaction: 5 }))).toBe('FORBIDDEN:not_applicant');
    const rated = await act('demo-migrant', applied.caseId, { type: 'rate', satisfaction: 5, dimensions: { professionalism: 5 }, solved: true, comment: '律师很负责' });
    expect(rated.rating).toEqual({ satisfaction: 5, comment: '律师很负责' });
    expect(await refusal(act('demo-migrant', applied.caseId, { type: 'rate', satisfaction: 1 }))).toBe('INVALID_STATE:already_rated');
    const visited = await act(AID, applied.caseId, { type: 'returnVisit', grade: 'excellent', note: '受援人满意' });
    expect(visited.status).toBe('closed');
    expect((await cloud.api(AID).legalAid.queue({ which: 'returnVisits' })).items.map((i) => i.caseId)).not.toContain(applied.caseId);
    // 按期, judged clock by clock for the month's applications.
    const { clocks } = await cloud.api(AID).legalAid.stats({ from: '2026-03-01', to: '2026-03-31' });
    expect(clocks.find((c) => c.name === 'dispatch')).toMatchObject({ met: 1, late: 0 });
    expect(clocks.find((c) => c.name === 'decision')?.met).toBeGreaterThanOrEqual(1);
    const seen = await cloud.api('demo-migrant').legalAid.get({ caseId: applied.caseId });
    expect(seen.history.map((e) => e.type)).toEqual(['apply', 'forward', 'grant', 'dispatch', 'reportProgress', 'close', 'rate', 'returnVisit']);

    // A complaint about legal aid goes to the 司法局's unit (Art 56), not the village room the case came through, and
    // never to the agency's own people: the legal-aid post and the lawyer are the complained parties.
    const complaint = await cloud.api('demo-migrant').case.submit({ category: 'complaint', summary: '律师不回电话', applicant: { name: '刘建军', phone: '13700001111' }, about: { kind: 'case', caseCode: applied.code } });
    const [filed] = cloud.db.find('cases', { _id: complaint.id }) as Array<{ orgId: string; complaint: { parties: string[] } }>;
    expect(filed?.orgId).toBe('qh-bureau');
    expect(filed?.complaint.parties).toEqual(expect.arrayContaining([AID, 'demo-advisor']));
    await expect(cloud.api(AID).case.get({ caseId: complaint.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

  });

  it('a 72-year-old applying with a village cadre’s help: exempt, offered a home visit, the cadre recorded as helper, not applicant', async () => {
    cloud.clock.set(T0);
    const applied = await cloud.api('cadre-wang').legalAid.submit(
      application({
        answers: { local: true, noTestGround: 'none', ageBand: 'elder70', groups: [], inHospital: false, exemption: 'noFixedIncome' },
        applicantName: '张秀英',
        matter: 'support',
        opponent: '张某（儿子）',
        facts: '儿子不给赡养费',
        helper: { name: '王主任', kind: 'cadre', openid: 'self' },
      }),
    );
    expect(applied).toMatchObject({ applicantName: '张秀英', helper: { name: '王主任', kind: 'cadre' }, homeVisit: true, greenChannel: true, route: 'exempt' });
    const [stored] = cloud.db.find('cases', { _id: applied.caseId }) as Array<{ applicant: { openid: string | null; name: string }; proxy: { openid: string; relation: string } }>;
    expect(stored?.applicant).toMatchObject({ openid: null, name: '张秀英' });
    expect(stored?.proxy).toMatchObject({ openid: 'cadre-wang', relation: '协助填写（村干部）' });
  });

  it('an elderly man applying by phone: the staff member records it as a 12348 application, he is offered a home visit, and only a worker may record a phone application', async () => {
    cloud.clock.set(T0);
    const phoned = application({
      answers: { local: true, noTestGround: 'none', ageBand: 'elder70', groups: ['disabled'], inHospital: false, exemption: 'noFixedIncome' },
      applicantName: '何老汉',
      matter: 'injury',
      opponent: '肇事司机',
      facts: '被车撞伤，对方不赔',
      helper: { name: '陈静', kind: 'staff', openid: 'self' },
      orgId: null,
      channel: 'hotline12348',
    });
    const applied = await cloud.api(AID).legalAid.submit(phoned);
    expect(applied).toMatchObject({ homeVisit: true, greenChannel: true, helper: { kind: 'staff' } });
    expect(cloud.db.find('cases', { _id: applied.caseId })).toMatchObject([{ channel: 'hotline12348' }]);
    expect(await refusal(cloud.api('demo-resident').legalAid.submit(phoned))).toBe('FORBIDDEN:worker_channel');
  });

  it('a child under 14 applies through a guardian, who gives the consent for the child', async () => {
    cloud.clock.set(T0);
    const child = { ...promiseApplication('mother-liu'), applicantName: '刘小宝', idNumber: '420102201603150012', facts: '父亲不给抚养费' };
    expect(await refusal(cloud.api('mother-liu').legalAid.submit(child))).toBe('VALIDATION_FAILED:guardian_required');
    const applied = await cloud.api('mother-liu').legalAid.submit({ ...child, applicantKind: 'guardian', representativeName: '刘芳', representativeRelation: '母亲', guardianRelation: 'mother' });
    expect(cloud.db.find('consents', { ref: applied.caseId })).toMatchObject([
      { openid: 'mother-liu', purpose: 'legal_aid_verification', minor: { name: '刘小宝', birthDate: '2016-03-15' }, guardianRelation: 'mother' },
    ]);
  });

  it('a domestic-violence victim: no economic condition, never shown the household form', async () => {
    const { settings } = await cloud.api('demo-resident').legalAid.rules({});
    const pick: Partial<Record<QuestionId, unknown>> = { local: true, matter: 'support', noTestGround: 'abuseVictim', ageBand: 'adult', groups: ['women'], inHospital: false };
    const answers: Record<string, unknown> = {};
    const asked: string[] = [];
    for (let q = nextQuestion(answers, settings as typeof DEFAULT_SETTINGS); q; q = nextQuestion(answers as SelfCheckAnswers, settings as typeof DEFAULT_SETTINGS)) {
      asked.push(q.id);
      answers[q.id] = pick[q.id];
    }
    expect(asked).not.toContain('underStandard');
    expect(asked).not.toContain('exemption');
    const applied = await cloud.api('dv-victim').legalAid.submit(
      application({ answers: answers as Application['answers'], applicantName: '孙丽', matter: 'support', opponent: '丈夫', facts: '长期被丈夫打骂', route: 'noTest', orgId: null }),
    );
    expect(applied).toMatchObject({ status: 'underReview', route: 'noTest' });
  });

  it('the promise route: decided within the 1-day target, verified afterwards; a false finding terminates and bars the route next time', async () => {
    cloud.clock.set(T0);
    const applied = await cloud.api('demo-resident').legalAid.submit({ ...promiseApplication('demo-resident'), idNumber: '42020219800101123X' });
    expect(applied.clocks.map((c) => c.name)).toEqual(['decision', 'promise']);
    expect(applied).toMatchObject({ facts: '前夫不给孩子抚养费', idNumber: '420*************3X', declaration: { members: 2, meetsStandard: true } });
    // The facts, the household and the ID number are sealed (X1): none of them is stored as typed.
    const stored = JSON.stringify(cloud.db.find('legal_aid', { _id: applied.caseId }));
    for (const typed of ['1500', '前夫不给孩子抚养费', '42020219800101123X']) expect(stored).not.toContain(typed);
    expect(JSON.stringify(cloud.db.find('cases', { _id: applied.caseId }))).not.toContain('前夫不给孩子抚养费');
    // Signing the promise authorized verification: a separate consent (PIPL Art 29) about this application.
    expect(cloud.db.find('consents', { openid: 'demo-resident', ref: applied.caseId })).toMatchObject([{ purpose: 'legal_aid_verification', given: true }]);
    // The aid post reads the facts in full, and that reading is on the audit log; an onlooker would see them masked.
    expect((await cloud.api(AID).legalAid.get({ caseId: applied.caseId })).facts).toBe('前夫不给孩子抚养费');
    expect(cloud.db.find('audit_log', { what: 'case.legalAid.read', subject: applied.caseId })).toHaveLength(1);
    cloud.clock.set(hours(5));
    const granted = await act(AID, applied.caseId, { type: 'grant' });
    expect(granted.clocks.find((c) => c.name === 'promise')?.kind).toBe('met');
    // 先审批、后核查 (seed 004 数据共享和在线核验): the grant stands first, then the registers are asked at once;
    // the 不动产 register holds two more flats than the promise allowed: the false-declaration path.
    expect(granted.history.slice(-2).map((e) => e.type)).toEqual(['grant', 'checkSources']);
    expect(granted.verification).toMatchObject({ result: 'false', sources: expect.arrayContaining([expect.objectContaining({ source: 'realEstate', verdict: 'inconsistent' })]) });
    expect(granted.verification?.sources).toHaveLength(4);
    expect(granted.status).toBe('terminated');
    // The applicant hears of both decisions on their phone, each under its own name.
    const pushed = cloud.db.find('notices', { to: 'demo-resident', 'link.id': applied.caseId, 'notice.push': true }) as Array<{ event: string }>;
    expect(pushed.map((n) => n.event)).toEqual(expect.arrayContaining(['aid.granted', 'aid.terminated']));
    expect(await refusal(cloud.api('demo-resident').legalAid.submit(promiseApplication('demo-resident')))).toBe('FORBIDDEN:promise_barred');
    // Barred as a person, not as a WeChat account: the same ID number from another phone is barred too.
    expect(await refusal(cloud.api('another-phone').legalAid.submit({ ...promiseApplication('another-phone'), idNumber: '42020219800101123x' }))).toBe('FORBIDDEN:promise_barred');
    expect(await refusal(cloud.api('another-phone').legalAid.submit(promiseApplication('another-phone')))).toBe('accepted');
  });

  it('incomplete materials: one notice lists every missing item, the clock pauses, the deadline passes → withdrawn and told', async () => {
    cloud.clock.set(T0);
    const applied = await cloud.api('demo-elder').legalAid.submit(application({ applicantName: '李大伯', orgId: null }));
    const asked = await act(AID, applied.caseId, { type: 'requestMaterials', items: ['劳动合同或工资条', '身份证复印件', '欠条'] });
    expect(asked).toMatchObject({ status: 'awaitingMaterials', missing: ['劳动合同或工资条', '身份证复印件', '欠条'] });
    expect(asked.clocks.find((c) => c.name === 'decision')?.kind).toBe('paused');
    expect(await refusal(act(AID, applied.caseId, { type: 'requestMaterials', items: ['还有一样'] }))).toBe('INVALID_STATE:wrong_status');
    cloud.clock.set(hours(24 * 17));
    const run = await fetch(`${cloud.url}/trigger/legalAid`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await run.json()).toMatchObject({ ok: true });
    const after = await cloud.api('demo-elder').legalAid.get({ caseId: applied.caseId });
    expect(after.status).toBe('withdrawn');
    expect(after.history.at(-1)?.text).toContain('按撤回申请处理');
    expect((await cloud.api(AID).case.get({ caseId: applied.caseId })).case.status).toBe('withdrawn');
    // Told: the one-time notice and the deemed withdrawal reach the applicant through the outbox (N1).
    const told = cloud.db.find('notices', { to: 'demo-elder', 'link.id': applied.caseId }) as Array<{ event: string; body: string }>;
    expect(told.map((n) => n.event)).toEqual(['case.received', 'case.materialsRequested', 'case.deemedWithdrawn']);
    expect(told[1]?.body).toContain('劳动合同或工资条、身份证复印件、欠条');
  });

  it('a refusal in writing; the objection reaches the 司法局’s queue with its 5-day clock', async () => {
    cloud.clock.set(T0);
    const applied = await cloud.api('demo-resident').legalAid.submit(application({ applicantName: '钱多多', orgId: null }));
    expect(await refusal(act(AID, applied.caseId, { type: 'refuse', reasons: '' }))).toBe('VALIDATION_FAILED:reasons_required');
    const refused = await act(AID, applied.caseId, { type: 'refuse', reasons: '所述工资已经法院判决并执行完毕' });
    expect(refused.decision).toMatchObject({ granted: false, reasons: '所述工资已经法院判决并执行完毕' });
    const refusedRow = await cloud.api(AID).case.get({ caseId: applied.caseId });
    expect([refusedRow.case.status, refusedRow.result]).toEqual(['resolved', '决定不予法律援助：所述工资已经法院判决并执行完毕']);
    // In writing: the decision the applicant can print, with its reasons and the objection route (Arts 43, 49).
    expect(refused.decisionDoc?.title).toBe('不予法律援助决定书');
    expect(refused.decisionDoc?.lines.join()).toContain('理由：所述工资已经法院判决并执行完毕');
    expect(refused.decisionDoc?.lines.join()).toContain('司法局自收到异议之日起五日内');
    expect(refused.history.at(-1)?.text).toContain('司法局');
    await act('demo-resident', applied.caseId, { type: 'object', reason: '还有一部分没有执行' });
    expect(cloud.db.find('notices', { to: BUREAU, 'link.id': applied.caseId })).toMatchObject([{ title: '有法律援助异议待审查' }]);
    // …and its unit's staff, by their grant there; the center's staff reach that unit from above but are not the 司法局.
    expect(cloud.db.find('notices', { to: BUREAU_STAFF, 'link.id': applied.caseId })).toMatchObject([{ title: '有法律援助异议待审查' }]);
    expect(await refusal(act('demo-supervisor', applied.caseId, { type: 'decideObjection', upheld: true, reasons: '成立' }))).toBe('FORBIDDEN:not_bureau');
    const bureauQueue = await cloud.api(BUREAU_STAFF).legalAid.queue({ which: 'objections' });
    const item = bureauQueue.items.find((i) => i.caseId === applied.caseId);
    expect(item?.clocks.find((c) => c.name === 'objection')).toMatchObject({ kind: 'running', dueAt: expect.any(String) });
    expect(await refusal(act(AID, applied.caseId, { type: 'decideObjection', upheld: true, reasons: '成立' }))).toBe('FORBIDDEN:not_bureau');
    const decided = await act(BUREAU_STAFF, applied.caseId, { type: 'decideObjection', upheld: false, reasons: '判决已执行完毕' });
    expect(decided.objection).toMatchObject({ upheld: false });
  });

  it('verification by data sharing: a household on 低保 is confirmed; a silent register leaves the task to the post with the reason; a car found later ends aid', async () => {
    cloud.clock.set(hours(1));
    const consistent = await cloud.api('dibao-wu').legalAid.submit({ ...promiseApplication('dibao-wu'), applicantName: '吴桂兰', idNumber: '420102198503070021' });
    const confirmed = await act(AID, consistent.caseId, { type: 'grant' });
    expect(confirmed.verification).toMatchObject({ result: 'confirmed', manualReason: null });
    expect(confirmed.verification?.sources?.find((f) => f.source === 'civilAffairs')?.text).toBe('在低保、特困名单内');
    expect(confirmed.status).toBe('granted');

    const silent = await cloud.api('down-he').legalAid.submit({ ...promiseApplication('down-he'), applicantName: '何春生', idNumber: '420102199001010010' });
    const pending = await act(AID, silent.caseId, { type: 'grant' });
    expect(pending.verification).toMatchObject({ result: 'pending', manualReason: '车辆登记没有答复，请人工核查', manualCause: 'sources_silent' });
    expect(pending.steps).toEqual(expect.arrayContaining(['verify', 'checkSources']));
    expect((await cloud.api(AID).legalAid.queue({ which: 'verification' })).items.map((i) => i.caseId)).toContain(silent.caseId);
    expect(cloud.db.find('notices', { to: AID, 'link.id': silent.caseId, title: '法律援助核查需要人工办理' })).toHaveLength(1);
    expect(await refusal(act('demo-supervisor', silent.caseId, { type: 'checkSources' }))).toBe('FORBIDDEN:not_aid_post');
    // The register is back and now holds a car bought since: asked again, the promise is found false.
    cloud.dataSharing.seed('420102199001010010', { vehicles: { vehicles: 1, vehicleValue: 180000 } });
    const rechecked = await act(AID, silent.caseId, { type: 'checkSources' });
    expect(rechecked).toMatchObject({ status: 'terminated', verification: { result: 'false' } });
    expect(rechecked.history.at(-1)?.text).toContain('名下有1辆车');
    expect(await refusal(act(AID, silent.caseId, { type: 'checkSources' }))).toBe('INVALID_STATE:wrong_status');

    // No ID number given: nothing can be asked, so a person verifies.
    const noId = await cloud.api('no-id-qian').legalAid.submit({ ...promiseApplication('no-id-qian'), applicantName: '钱二妹' });
    const byHand = await act(AID, noId.caseId, { type: 'grant' });
    expect(byHand.verification?.manualReason).toContain('没有答复');
    expect(byHand.verification?.sources?.[0]?.text).toContain('申请时没有填写身份证号');
    expect((await act(AID, noId.caseId, { type: 'verify', result: 'confirmed' })).verification?.result).toBe('confirmed');
  });

  it('a withdrawn verification authorization stops the data-sharing check: the registers are not asked, a person verifies', async () => {
    cloud.clock.set(hours(2));
    // The registers hold a car and a wage on this person: asked, they would end aid.
    const applied = await cloud.api('withdraw-feng').legalAid.submit({ ...promiseApplication('withdraw-feng'), applicantName: '冯大海', idNumber: '420102197001010013' });
    // The resident withdraws it on 我的信息与授权, as a separate consent about this application (PIPL Art 15).
    await cloud.api('withdraw-feng').privacy.withdraw({ purpose: 'legal_aid_verification', ref: applied.caseId });
    const granted = await act(AID, applied.caseId, { type: 'grant' });
    expect(granted).toMatchObject({ status: 'granted', verification: { result: 'pending', manualCause: 'consent_withdrawn' } });
    expect(granted.verification?.sources).toBeUndefined();
    expect(cloud.db.find('notices', { to: AID, 'link.id': applied.caseId, title: '法律援助核查需要人工办理' })).toHaveLength(1);
    // Asking again asks no register either; the post verifies by other means.
    expect((await act(AID, applied.caseId, { type: 'checkSources' })).verification).toMatchObject({ result: 'pending', manualCause: 'consent_withdrawn' });
    expect((await act(AID, applied.caseId, { type: 'verify', result: 'confirmed', note: '申请人补交了收入证明' })).verification?.result).toBe('confirmed');
  });

  it('a grant is pushed to the applicant who consented: a subscribe message is attempted with its own phrase', async () => {
    cloud.clock.set(hours(3));
    // Two taps of 允许: one for 已受理 when the application was filed, one for the decision.
    cloud.messenger.accept('push-zhou', ['caseProgress', 'caseProgress']);
    await cloud.api('push-zhou').notify.recordConsent({ answers: { caseProgress: 'accept' } });
    await cloud.api('push-zhou').notify.recordConsent({ answers: { caseProgress: 'accept' } });
    const applied = await cloud.api('push-zhou').legalAid.submit(application({ applicantName: '周大勇', orgId: null }));
    await act(AID, applied.caseId, { type: 'grant' });
    await cloud.triggers.fireNow('timer');
    const sends = cloud.messenger.sent.filter((m) => m.touser === 'push-zhou' && m.data.character_string1?.value === applied.code);
    expect(sends.map((m) => [m.data.phrase3?.value, m.errcode]).sort()).toEqual([
      ['已受理', 0],
      ['给予援助', 0],
    ].sort());
  });

  it('the settings name the 司法局 by one of the units taking complaints; a unit that does not exist is refused', async () => {
    const { settings, units } = await cloud.api('demo-admin').legalAid.settings({});
    expect(settings.bureauOrgId).toBe('qh-bureau');
    expect(units).toEqual([
      { id: 'qh-center', name: '青禾县公共法律服务中心' },
      { id: 'qh-bureau', name: '青禾县司法局' },
    ]);
    expect(await refusal(cloud.api('demo-admin').legalAid.saveSettings({ ...settings, bureauOrgId: 'no-such-unit' }))).toBe('NOT_FOUND:unit_not_found');
  });

  it('a draft interrupted at step 3 resumes at step 3 on another device', async () => {
    await cloud.api('demo-resident').legalAid.saveDraft({ step: 3, draft: { answers: { local: true, matter: 'labour' }, applicantName: '周小川', opponent: '某公司' } });
    const elsewhere = cloud.api('demo-resident'); // a fresh client: nothing kept on the first phone
    const { draft } = await elsewhere.legalAid.draft({});
    expect(draft).toMatchObject({ step: 3, draft: { applicantName: '周小川', answers: { matter: 'labour' } } });
    expect((await cloud.api('demo-elder').legalAid.draft({})).draft).toBeNull();
  });
});
