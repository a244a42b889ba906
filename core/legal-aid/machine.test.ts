import { AppError } from '../api/errors';
import { createWorkCalendar } from '../calendar';
import { decideRoute, openAid, type AidApplication } from './application';
import { availableAidSteps, runAid, type AidCommand } from './machine';
import { DEFAULT_SETTINGS } from './rules';
import { clockTallies, clockViews, metClock, queueOrder, type AidActor, type AidState } from './state';

const calendar = createWorkCalendar();
const settings = DEFAULT_SETTINGS;
const T0 = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 Beijing
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

const who = {
  applicant: { openid: 'o-app', name: '李四', role: 'resident', orgIds: [], posts: [] },
  cadre: { openid: 'o-cadre', name: '王主任', role: 'resident', orgIds: [], posts: [] },
  station: { openid: 'o-station', name: '孙所长', role: 'staff', orgIds: ['station-1'], posts: [] },
  advisor: { openid: 'o-adv', name: '赵顾问', role: 'advisor', orgIds: ['station-1', 'room-1'], posts: [] },
  aid: { openid: 'o-aid', name: '钱援助', role: 'staff', orgIds: ['center'], posts: ['aid'] },
  reception: { openid: 'o-rec', name: '李前台', role: 'staff', orgIds: ['center'], posts: [] },
  bureau: { openid: 'o-bureau', name: '司法局', role: 'admin', orgIds: [], posts: ['bureau'] },
  lawyer: { openid: 'o-lawyer', name: '周律师', role: 'advisor', orgIds: ['room-1'], posts: [] },
  system: { openid: 'system', name: '系统', role: 'system', orgIds: [], posts: [] },
} satisfies Record<string, AidActor>;

const ctx = (actor: AidActor, at: Date) => ({ actor, at, settings, calendar });

function app(overrides: Partial<AidApplication> = {}): AidApplication {
  return {
    answers: { local: true, noTestGround: 'none', ageBand: 'adult', groups: ['migrantWorker'], inHospital: false, exemption: 'migrantWorker' },
    applicantKind: 'self',
    applicantName: '李四',
    representativeRelation: null,
    helper: null,
    matter: 'labour',
    opponent: '某建筑公司',
    facts: '干了三个月活，工钱没给',
    urgent: false,
    route: 'exempt',
    household: null,
    promise: null,
    preferredLawyer: null,
    stationOrgId: 'station-1',
    ...overrides,
  };
}

function open(a: AidApplication = app(), barred = false): AidState {
  const decision = decideRoute(a, settings, barred);
  return openAid({ caseId: 'c1', code: 'FY202603020001', app: a, decision, applicantIds: ['o-app'] }, ctx(who.applicant, T0));
}

function run(s: AidState, actor: AidActor, at: Date, ...commands: AidCommand[]): AidState {
  return commands.reduce((st, c) => runAid(st, c, ctx(actor, at)), s);
}

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${String(e.details?.reason)}`;
    throw e;
  }
  return undefined;
}

const promiseApp = () =>
  app({
    answers: { local: true, noTestGround: 'none', ageBand: 'adult', groups: [], inHospital: false, exemption: 'none', underStandard: true },
    matter: 'support',
    route: 'promise',
    household: [{ relation: '本人', monthlyIncome: 900, assets: 0 }],
    promise: { noticeRead: true, authorizeVerification: true, signature: { fileID: 'cloud://x/uploads/o-app/sig.png', name: '签名' }, fingerprintWitness: null },
    stationOrgId: null,
  });

describe('legal-aid state machine', () => {
  it('migrant worker: station forwards, only the aid post grants and dispatches, each within its clock', () => {
    let s = open();
    expect(s.status).toBe('atStation');
    expect(reasonOf(() => run(s, who.advisor, hours(1), { type: 'forward' }))).toBe('FORBIDDEN:not_station');
    s = run(s, who.station, hours(1), { type: 'forward' });
    expect(s.status).toBe('underReview');
    expect(reasonOf(() => run(s, who.advisor, hours(2), { type: 'grant', draw: 0.5 }))).toBe('FORBIDDEN:not_aid_post');
    expect(reasonOf(() => run(s, who.reception, hours(2), { type: 'grant', draw: 0.5 }))).toBe('FORBIDDEN:not_aid_post');
    s = run(s, who.aid, hours(26), { type: 'grant', draw: 0.5 });
    expect(s.verification).toBeNull(); // exempt route: nothing to verify
    s = run(s, who.aid, hours(50), { type: 'dispatch', lawyer: { name: '周律师', openid: 'o-lawyer' } });
    expect(s.status).toBe('dispatched');
    expect(metClock(s, 'decision', calendar)).toBe(true);
    expect(metClock(s, 'dispatch', calendar)).toBe(true);
    expect(clockViews(s, hours(50), calendar).map((v) => [v.name, v.kind])).toEqual([
      ['decision', 'met'],
      ['dispatch', 'met'],
    ]);
  });

  it('after dispatch: the lawyer reports, the applicant asks for another lawyer, the post changes, closes, visits', () => {
    let s = run(open(), who.station, hours(1), { type: 'forward' });
    s = run(s, who.aid, hours(2), { type: 'grant', draw: 0.9 }, { type: 'dispatch', lawyer: { name: '周律师', openid: 'o-lawyer' } });
    expect(reasonOf(() => run(s, who.advisor, hours(3), { type: 'reportProgress', text: '已立案' }))).toBe('FORBIDDEN:not_lawyer');
    s = run(s, who.lawyer, hours(3), { type: 'reportProgress', text: '已向劳动仲裁委申请仲裁' });
    s = run(s, who.applicant, hours(4), { type: 'requestLawyerChange', reason: '联系不上律师' });
    s = run(s, who.aid, hours(5), { type: 'changeLawyer', lawyer: { name: '吴律师', openid: null }, reason: '申请人要求' });
    expect(s.lawyer?.name).toBe('吴律师');
    s = run(s, who.aid, hours(100), { type: 'close', report: '调解结案，追回工资两万元' }, { type: 'returnVisit', grade: 'excellent', note: '满意' });
    expect(s.status).toBe('closed');
    expect(reasonOf(() => run(s, who.aid, hours(101), { type: 'returnVisit', grade: 'good', note: '' }))).toBe('INVALID_STATE:already_visited');
  });

  it('promise route: decided within one day, sampled for verification, a false finding terminates and marks the person', () => {
    let s = open(promiseApp());
    expect(s.status).toBe('underReview');
    expect(Object.keys(s.clocks).sort()).toEqual(['decision', 'promise']);
    s = run(s, who.aid, hours(5), { type: 'grant', draw: 0.1 });
    expect(metClock(s, 'promise', calendar)).toBe(true);
    expect(s.verification).toEqual({ flagged: false, result: 'pending' });
    s = run(s, who.aid, hours(6), { type: 'dispatch', lawyer: { name: '周律师', openid: 'o-lawyer' } });
    s = run(s, who.aid, hours(200), { type: 'verify', result: 'false' });
    expect(s).toMatchObject({ status: 'terminated', falsePromise: true, termination: { ground: 'deception' } });
    expect(reasonOf(() => open(promiseApp(), true))).toBe('FORBIDDEN:promise_barred');
    expect(open(app({ stationOrgId: null }), true).route).toBe('exempt'); // Art 42 stays open
  });

  it('a promise late by a day misses its 1-day target but may still meet the 7-day decision', () => {
    const s = run(open(promiseApp()), who.aid, hours(24 * 3), { type: 'grant', draw: 0.9 });
    expect(metClock(s, 'promise', calendar)).toBe(false);
    expect(metClock(s, 'decision', calendar)).toBe(true);
  });

  it('incomplete materials: one notice per stage, clock paused, withdrawn only once the deadline has passed', () => {
    let s = run(open(), who.station, hours(1), { type: 'forward' });
    s = run(s, who.aid, hours(2), { type: 'requestMaterials', items: ['劳动合同或工资条', '身份证复印件'] });
    expect(s).toMatchObject({ status: 'awaitingMaterials', missing: ['劳动合同或工资条', '身份证复印件'] });
    expect(clockViews(s, hours(3), calendar).find((v) => v.name === 'decision')?.kind).toBe('paused');
    expect(reasonOf(() => run(s, who.aid, hours(3), { type: 'supplyMaterials' }, { type: 'requestMaterials', items: ['再要一样'] }))).toBe('INVALID_STATE:already_requested');
    expect(reasonOf(() => run(s, who.system, hours(24 * 10), { type: 'expireMaterials' }))).toBe('INVALID_STATE:materials_not_due');
    expect(reasonOf(() => run(s, who.applicant, hours(24 * 10), { type: 'expireMaterials' }))).toBe('FORBIDDEN:not_aid_post');
    s = run(s, who.system, hours(24 * 17), { type: 'expireMaterials' });
    expect(s.status).toBe('withdrawn');
    expect(s.history.at(-1)?.text).toContain('撤回');
  });

  it('the station and then the agency each may send one notice', () => {
    let s = run(open(), who.station, hours(1), { type: 'requestMaterials', items: ['身份证'] });
    s = run(s, who.applicant, hours(2), { type: 'supplyMaterials' });
    expect(s.status).toBe('atStation');
    s = run(run(s, who.station, hours(3), { type: 'forward' }), who.aid, hours(4), { type: 'requestMaterials', items: ['工资条'] });
    expect(s.status).toBe('awaitingMaterials');
  });

  it('refusal in writing; the objection goes to the 司法局 with its 5-day clock; upheld → granted', () => {
    let s = run(open(), who.station, hours(1), { type: 'forward' });
    expect(reasonOf(() => run(s, who.aid, hours(2), { type: 'refuse', reasons: ' ' }))).toBe('VALIDATION_FAILED:reasons_required');
    s = run(s, who.aid, hours(2), { type: 'refuse', reasons: '不属于法律援助范围' });
    expect(s.history.at(-1)?.text).toContain('司法局');
    expect(reasonOf(() => run(s, who.aid, hours(3), { type: 'object', reason: '我有证据' }))).toBe('FORBIDDEN:not_applicant');
    s = run(s, who.applicant, hours(3), { type: 'object', reason: '我是讨薪，属于范围' });
    expect(clockViews(s, hours(4), calendar).find((v) => v.name === 'objection')).toMatchObject({ kind: 'running' });
    expect(reasonOf(() => run(s, who.aid, hours(4), { type: 'decideObjection', upheld: true, reasons: '成立' }))).toBe('FORBIDDEN:not_bureau');
    s = run(s, who.bureau, hours(30), { type: 'decideObjection', upheld: true, reasons: '属于讨薪事项' });
    expect(s.status).toBe('granted');
    expect(metClock(s, 'objection', calendar)).toBe(true);
    expect(reasonOf(() => run(s, who.applicant, hours(31), { type: 'object', reason: '再来' }))).toBe('INVALID_STATE:wrong_status');
  });

  it('urgent (Art 44): granted first while materials are still awaited; others wait for them', () => {
    const urgent = run(run(open(app({ urgent: true })), who.station, hours(1), { type: 'forward' }), who.aid, hours(2), { type: 'requestMaterials', items: ['判决书'] });
    expect(run(urgent, who.aid, hours(3), { type: 'grant', draw: 0.9 }).decision?.provisional).toBe(true);
    const normal = { ...urgent, urgent: false };
    expect(reasonOf(() => run(normal, who.aid, hours(3), { type: 'grant', draw: 0.9 }))).toBe('INVALID_STATE:wrong_status');
  });

  it('terminates only on an Art 48 ground with a reason', () => {
    const s = run(run(open(), who.station, hours(1), { type: 'forward' }), who.aid, hours(2), { type: 'grant', draw: 0.9 });
    expect(reasonOf(() => run(s, who.aid, hours(3), { type: 'terminate', ground: 'ownLawyer', reason: '' }))).toBe('VALIDATION_FAILED:reasons_required');
    expect(run(s, who.aid, hours(3), { type: 'terminate', ground: 'ownLawyer', reason: '已自行委托律师' }).status).toBe('terminated');
  });

  it('shows each person only the steps they may take', () => {
    const s = run(open(), who.station, hours(1), { type: 'forward' });
    expect(availableAidSteps(s, ctx(who.advisor, hours(2)))).toEqual([]);
    expect(availableAidSteps(s, ctx(who.applicant, hours(2)))).toEqual(['withdraw']);
    expect(availableAidSteps(s, ctx(who.aid, hours(2)))).toEqual(['requestMaterials', 'grant', 'refuse']);
  });

  it('routes: Art 32 needs its ground, the promise needs the signed commitment, uncovered matters are refused', () => {
    expect(reasonOf(() => decideRoute(app({ route: 'noTest' }), settings, false))).toBe('VALIDATION_FAILED:route_unproven');
    expect(reasonOf(() => decideRoute({ ...promiseApp(), promise: null }, settings, false))).toBe('VALIDATION_FAILED:signature_missing');
    const witnessed = { ...promiseApp(), promise: { noticeRead: true, authorizeVerification: true, signature: null, fingerprintWitness: '王主任' } };
    expect(decideRoute(witnessed, settings, false).route).toBe('promise');
    expect(reasonOf(() => decideRoute(app({ matter: 'other', route: 'exempt' }), settings, false))).toBe('VALIDATION_FAILED:not_covered');
  });

  it('queues urgent first, then the green channel, then the nearest deadline', () => {
    const plain = { ...open(promiseApp()), caseId: 'plain', greenChannel: false };
    const green = { ...open(app({ stationOrgId: null })), caseId: 'green' };
    const urgent = { ...open(app({ stationOrgId: null, urgent: true })), caseId: 'urgent' };
    expect([plain, green, urgent].sort(queueOrder(calendar)).map((s) => s.caseId)).toEqual(['urgent', 'green', 'plain']);
  });

  it('tallies 按期 per named clock: a late promise does not make the decision late', () => {
    const late = run(open(promiseApp()), who.aid, hours(24 * 3), { type: 'grant', draw: 0.9 });
    const open2 = run(open(), who.station, hours(1), { type: 'forward' });
    const tallies = clockTallies([late, open2], hours(24 * 10), calendar);
    expect(tallies.find((t) => t.name === 'promise')).toMatchObject({ met: 0, late: 1, open: 0 });
    expect(tallies.find((t) => t.name === 'decision')).toMatchObject({ met: 1, late: 0, open: 1, overdue: 1 });
    expect(tallies.find((t) => t.name === 'dispatch')).toMatchObject({ open: 1, overdue: 1 });
  });
});
