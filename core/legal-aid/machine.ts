// The legal-aid state machine: each step checks status and person, then records one event and
// moves the named clocks. Pure: the function loads the record, calls `runAid`, stores the result.
import { clockStatus } from '../clock';
import { readRating, type RatingInput } from '../evaluation/rating';
import { aidRefusal } from './refusals';
import { sampledForVerification } from './hardship';
import { TERMINATION_LABELS, type QualityGrade, type TerminationGround } from './rules';
import { CONSENT_WITHDRAWN_TEXT, judgeSources, type SourceAnswer } from './verification';
import {
  AID_STATUS_LABELS,
  pauseNamed,
  resumeNamed,
  startNamed,
  stopNamed,
  type AidContext,
  type AidState,
  type AidStatus,
  type AidLawyer,
} from './state';

export type AidCommand =
  | { type: 'forward'; note?: string }
  | { type: 'requestMaterials'; items: string[] }
  | { type: 'supplyMaterials'; note?: string }
  | { type: 'expireMaterials' }
  | { type: 'grant'; note?: string; flagged?: boolean; draw: number }
  | { type: 'refuse'; reasons: string }
  | { type: 'dispatch'; lawyer: AidLawyer }
  | { type: 'reportProgress'; text: string }
  | { type: 'requestLawyerChange'; reason: string }
  | { type: 'changeLawyer'; lawyer: AidLawyer; reason: string }
  | { type: 'close'; report: string }
  | { type: 'terminate'; ground: TerminationGround; reason: string }
  | { type: 'object'; reason: string }
  | { type: 'decideObjection'; upheld: boolean; reasons: string }
  | { type: 'verify'; result: 'confirmed' | 'false'; note?: string }
  /** The data sources' answers, asked by the function (the caller cannot supply them); none when the applicant withdrew the authorization. */
  | { type: 'checkSources'; answers: SourceAnswer[]; consentWithdrawn?: boolean }
  /** The 受援人 rates the lawyer's work once the case closed or ended (好差评, core/evaluation). */
  | { type: 'rate'; rating: RatingInput }
  | { type: 'returnVisit'; grade: QualityGrade; note: string }
  | { type: 'withdraw'; note?: string };

export type AidCommandType = AidCommand['type'];
type Of<T extends AidCommandType> = Extract<AidCommand, { type: T }>;

/** Where each step may be taken. */
export const AID_FROM: Record<AidCommandType, readonly AidStatus[]> = {
  forward: ['atStation'],
  requestMaterials: ['atStation', 'underReview'],
  supplyMaterials: ['awaitingMaterials'],
  expireMaterials: ['awaitingMaterials'],
  grant: ['underReview', 'awaitingMaterials'],
  refuse: ['underReview', 'awaitingMaterials'],
  dispatch: ['granted'],
  reportProgress: ['dispatched'],
  requestLawyerChange: ['dispatched'],
  changeLawyer: ['dispatched'],
  close: ['dispatched'],
  terminate: ['granted', 'dispatched'],
  object: ['refused', 'terminated'],
  decideObjection: ['refused', 'terminated'],
  verify: ['granted', 'dispatched', 'closed'],
  checkSources: ['granted', 'dispatched', 'closed'],
  rate: ['closed', 'terminated'],
  returnVisit: ['closed'],
  withdraw: ['atStation', 'underReview', 'awaitingMaterials'],
};

const isAidPost = (ctx: AidContext) => ctx.actor.posts.includes('aid');
const isApplicantSide = (s: AidState, ctx: AidContext) => ctx.actor.role !== 'system' && s.applicantIds.includes(ctx.actor.openid);
const isStationStaff = (s: AidState, ctx: AidContext) =>
  ['staff', 'supervisor', 'admin'].includes(ctx.actor.role) && (ctx.actor.role === 'admin' || (s.stationOrgId !== null && ctx.actor.orgIds.includes(s.stationOrgId)));
const isLawyer = (s: AidState, ctx: AidContext) => s.lawyer?.openid != null && s.lawyer.openid === ctx.actor.openid;

/** Who may take each step; the refusal names why not. Only the legal-aid post decides. */
function personRefusal(s: AidState, c: AidCommand, ctx: AidContext) {
  switch (c.type) {
    case 'forward':
      return isStationStaff(s, ctx) ? null : aidRefusal('not_station', '只有工作站的工作人员可以初审转交');
    case 'requestMaterials':
      if (s.status === 'atStation') return isStationStaff(s, ctx) ? null : aidRefusal('not_station', '只有工作站的工作人员可以在初审时告知补材料');
      return isAidPost(ctx) ? null : aidRefusal('not_aid_post', '只有法律援助岗可以告知补材料');
    case 'supplyMaterials':
      return isApplicantSide(s, ctx) || isAidPost(ctx) || isStationStaff(s, ctx) ? null : aidRefusal('not_applicant', '只有申请人或经办人员可以补交材料');
    case 'expireMaterials':
      return ctx.actor.role === 'system' ? null : aidRefusal('not_aid_post', '补材料期限到了由系统按撤回处理');
    case 'checkSources':
      return ctx.actor.role === 'system' || isAidPost(ctx) ? null : aidRefusal('not_aid_post', '核查由法律援助机构办理');
    case 'object':
    case 'withdraw':
    case 'requestLawyerChange':
    case 'rate':
      return isApplicantSide(s, ctx) ? null : aidRefusal('not_applicant', '只有申请人本人可以这样做');
    case 'decideObjection':
      return ctx.actor.posts.includes('bureau') ? null : aidRefusal('not_bureau', '异议由司法局审查决定');
    case 'reportProgress':
    case 'close':
      return isLawyer(s, ctx) || isAidPost(ctx) ? null : aidRefusal('not_lawyer', '只有承办律师或法律援助岗可以这样做');
    default:
      return isAidPost(ctx) ? null : aidRefusal('not_aid_post', '法律援助由法律援助机构决定，您不能办理这一步');
  }
}

function statusRefusal(s: AidState, c: AidCommand) {
  if (!AID_FROM[c.type].includes(s.status)) return aidRefusal('wrong_status', `现在是“${AID_STATUS_LABELS[s.status]}”，不能这样操作`, { status: s.status });
  // 先行提供 (Art 44): only an urgent application is granted before its materials are complete.
  if (c.type === 'grant' && s.status === 'awaitingMaterials' && !s.urgent) return aidRefusal('wrong_status', '材料补齐后才能决定', { status: s.status });
  return null;
}

function event(s: AidState, ctx: AidContext, type: string, text: string, data?: Record<string, unknown>): AidState {
  const { openid, name, role } = ctx.actor;
  const e = { type, at: ctx.at, actor: { openid, name, role }, text, ...(data ? { data } : {}) };
  return { ...s, history: [...s.history, e], version: s.version + 1, lastAt: ctx.at };
}

const required = (text: string | undefined, reason: 'reasons_required' | 'report_missing', what: string): string => {
  const t = (text ?? '').trim();
  if (!t) throw aidRefusal(reason, `请填写${what}`);
  return t;
};

/** The agency receives the application: its decision clock starts (and the promise route's 1-day target). */
function receive(s: AidState, ctx: AidContext): AidState {
  let next = startNamed({ ...s, status: 'underReview' }, 'decision', ctx.at, ctx.settings);
  if (s.route === 'promise') next = startNamed(next, 'promise', ctx.at, ctx.settings);
  return next;
}

function stopDecisionClocks(s: AidState, at: Date): AidState {
  return stopNamed(stopNamed(s, 'decision', at), 'promise', at);
}

type Step<T extends AidCommandType> = (s: AidState, c: Of<T>, ctx: AidContext) => AidState;

const requestMaterials: Step<'requestMaterials'> = (s, c, ctx) => {
  const stage = s.status === 'atStation' ? 'station' : 'agency';
  if (s.materialsRequestedBy.includes(stage)) throw aidRefusal('already_requested', '缺少的材料已经一次性告知过了');
  const items = c.items.map((i) => i.trim()).filter(Boolean);
  if (items.length === 0) throw aidRefusal('items_missing', '请列出缺少的全部材料');
  let next: AidState = { ...s, status: 'awaitingMaterials', resumeTo: s.status, missing: items, materialsRequestedBy: [...s.materialsRequestedBy, stage] };
  next = startNamed(pauseNamed(pauseNamed(next, 'decision', ctx.at), 'promise', ctx.at), 'materials', ctx.at, ctx.settings);
  return event(next, ctx, 'requestMaterials', `一次性告知需要补充的材料：${items.join('、')}`, { items });
};

const supplyMaterials: Step<'supplyMaterials'> = (s, c, ctx) => {
  let next: AidState = { ...s, status: s.resumeTo ?? 'underReview', resumeTo: null, missing: [] };
  next = stopNamed(resumeNamed(resumeNamed(next, 'decision', ctx.at), 'promise', ctx.at), 'materials', ctx.at);
  return event(next, ctx, 'supplyMaterials', c.note ? `已补充材料：${c.note}` : '已补充材料');
};

const expireMaterials: Step<'expireMaterials'> = (s, _c, ctx) => {
  const named = s.clocks.materials;
  if (!named || clockStatus(named.clock, ctx.at, ctx.calendar).kind !== 'overdue') throw aidRefusal('materials_not_due', '补充材料的期限还没到');
  const next = stopDecisionClocks({ ...s, status: 'withdrawn' }, ctx.at);
  return event(next, ctx, 'withdrawn', '补充材料的期限已过，按撤回申请处理（《法律援助法》第四十三条）');
};

const grant: Step<'grant'> = (s, c, ctx) => {
  const provisional = s.status === 'awaitingMaterials';
  const sampled = sampledForVerification(s.route, ctx.settings.verificationShare, c.draw, c.flagged === true);
  let next: AidState = {
    ...s,
    status: 'granted',
    decision: { granted: true, reasons: c.note?.trim() ?? '', at: ctx.at, by: ctx.actor.name, provisional },
    verification: sampled ? { flagged: c.flagged === true, result: 'pending' } : null,
  };
  next = startNamed(stopDecisionClocks(next, ctx.at), 'dispatch', ctx.at, ctx.settings);
  if (provisional) next = stopNamed(resumeNamed(resumeNamed(next, 'decision', ctx.at), 'promise', ctx.at), 'materials', ctx.at);
  return event(next, ctx, 'grant', provisional ? '情况紧急，决定先行提供法律援助，材料后补（第四十四条）' : '决定给予法律援助', { sampled });
};

const refuse: Step<'refuse'> = (s, c, ctx) => {
  const reasons = required(c.reasons, 'reasons_required', '不予援助的理由');
  let next: AidState = { ...s, status: 'refused', decision: { granted: false, reasons, at: ctx.at, by: ctx.actor.name, provisional: false } };
  next = stopNamed(stopDecisionClocks(next, ctx.at), 'materials', ctx.at);
  return event(next, ctx, 'refuse', `决定不予法律援助。理由：${reasons}。如有异议，可以向县司法局提出，司法局5日内审查决定（第四十九条）`, { reasons });
};

function lawyerOf(p: AidLawyer): AidLawyer {
  const name = p.name.trim();
  if (!name) throw aidRefusal('lawyer_missing', '请选择承办律师');
  const unit = p.unit?.trim() || null;
  return { name, openid: p.openid, ...(unit && { unit }) };
}

const lawyerText = (l: AidLawyer) => (l.unit ? `${l.name}（${l.unit}）` : l.name);

const dispatch: Step<'dispatch'> = (s, c, ctx) => {
  const lawyer = lawyerOf(c.lawyer);
  const next = stopNamed({ ...s, status: 'dispatched', lawyer }, 'dispatch', ctx.at);
  const honoured = s.preferredLawyer !== null && s.preferredLawyer === lawyer.name;
  return event(next, ctx, 'dispatch', `已指派律师${lawyerText(lawyer)}承办${honoured ? '（按您希望的律师指派）' : ''}`, { lawyer: lawyer.name, ...(lawyer.unit && { unit: lawyer.unit }) });
};

const reportProgress: Step<'reportProgress'> = (s, c, ctx) => {
  const text = required(c.text, 'report_missing', '办理进展');
  return event({ ...s, progressReports: s.progressReports + 1 }, ctx, 'reportProgress', `办理进展：${text}`);
};

const requestLawyerChange: Step<'requestLawyerChange'> = (s, c, ctx) => {
  const reason = required(c.reason, 'reasons_required', '更换律师的原因');
  return event({ ...s, lawyerChangeRequested: reason }, ctx, 'requestLawyerChange', `申请更换律师：${reason}`);
};

const changeLawyer: Step<'changeLawyer'> = (s, c, ctx) => {
  const lawyer = lawyerOf(c.lawyer);
  const reason = required(c.reason, 'reasons_required', '更换的原因');
  return event({ ...s, lawyer, lawyerChangeRequested: null }, ctx, 'changeLawyer', `已更换承办律师为${lawyerText(lawyer)}（${reason}）`, { lawyer: lawyer.name });
};

const close: Step<'close'> = (s, c, ctx) => {
  const report = required(c.report, 'report_missing', '结案报告');
  return event({ ...s, status: 'closed', closingReport: report }, ctx, 'close', '案件办结，承办律师已提交结案报告（第五十条）');
};

const terminate: Step<'terminate'> = (s, c, ctx) => {
  const reason = required(c.reason, 'reasons_required', '终止的理由');
  const next = stopNamed({ ...s, status: 'terminated', termination: { ground: c.ground, reason, from: s.status } }, 'dispatch', ctx.at);
  const text = `终止法律援助：${TERMINATION_LABELS[c.ground]}。${reason}。如有异议，可以向县司法局提出（第四十九条）`;
  return event(next, ctx, 'terminate', text, { ground: c.ground });
};

const object: Step<'object'> = (s, c, ctx) => {
  if (s.objection) throw aidRefusal('objection_exists', '对这个决定已经提出过异议');
  const reason = required(c.reason, 'reasons_required', '异议的理由');
  const against = s.status === 'refused' ? 'refusal' : 'termination';
  const next = startNamed({ ...s, objection: { against, reason, filedAt: ctx.at, upheld: null, reasons: null } }, 'objection', ctx.at, ctx.settings);
  return event(next, ctx, 'object', `已向司法局提出异议：${reason}`);
};

const decideObjection: Step<'decideObjection'> = (s, c, ctx) => {
  if (!s.objection || s.objection.upheld !== null) throw aidRefusal('no_objection', '没有待审查的异议');
  const reasons = required(c.reasons, 'reasons_required', '审查意见');
  let next: AidState = stopNamed({ ...s, objection: { ...s.objection, upheld: c.upheld, reasons } }, 'objection', ctx.at);
  if (c.upheld && s.status === 'refused') next = startNamed({ ...next, status: 'granted' }, 'dispatch', ctx.at, ctx.settings);
  if (c.upheld && s.status === 'terminated') next = { ...next, status: s.termination?.from ?? 'dispatched', termination: null };
  const text = c.upheld ? `司法局认为异议成立：${reasons}` : `司法局维持原决定：${reasons}。可以依法申请行政复议或者提起行政诉讼`;
  return event(next, ctx, 'decideObjection', text, { upheld: c.upheld });
};

const FALSE_PROMISE_TEXT = '核查发现经济困难承诺不实：终止法律援助，并记录在案，下次不能再用告知承诺方式申请（第四十八条、第六十四条）';

/** A promise found false (Art 64): recorded, the person barred next time, and aid ended unless the case is already closed (Art 48(1)). */
function falsePromise(s: AidState, ctx: AidContext): AidState {
  const next: AidState = { ...s, falsePromise: true };
  if (s.status === 'closed') return next;
  return stopNamed({ ...next, status: 'terminated', termination: { ground: 'deception', reason: '经济困难承诺与核查结果不符', from: s.status } }, 'dispatch', ctx.at);
}

function pendingVerification(s: AidState) {
  if (!s.verification || s.verification.result !== 'pending') throw aidRefusal('no_verification', '没有待核查的事项');
  return s.verification;
}

const verify: Step<'verify'> = (s, c, ctx) => {
  const task = pendingVerification(s);
  const next: AidState = { ...s, verification: { ...task, result: c.result, manualReason: null, manualCause: null } };
  if (c.result === 'confirmed') return event(next, ctx, 'verify', '经济困难情况核查属实');
  return event(falsePromise(next, ctx), ctx, 'verify', FALSE_PROMISE_TEXT);
};

/**
 * 数据共享和在线核验 (seed 004): the registers' answers judged against the standard the promise
 * claimed; a register that did not answer leaves the task pending for a person, with the reason.
 */
const checkSources: Step<'checkSources'> = (s, c, ctx) => {
  const task = pendingVerification(s);
  // Authorization withdrawn (PIPL Art 15): no register was asked; a person verifies by other means.
  if (c.consentWithdrawn) {
    const next: AidState = { ...s, verification: { ...task, manualReason: CONSENT_WITHDRAWN_TEXT, manualCause: 'consent_withdrawn' } };
    return event(next, ctx, 'checkSources', `数据共享核查未进行，转人工核查：${CONSENT_WITHDRAWN_TEXT}`, { outcome: 'manual', cause: 'consent_withdrawn' });
  }
  const judged = judgeSources(c.answers, s.declaration?.members ?? 1, ctx.settings.standard);
  const said = judged.findings.map((f) => f.text).join('；');
  const data = { outcome: judged.outcome };
  if (judged.outcome === 'manual') {
    const next: AidState = { ...s, verification: { ...task, sources: judged.findings, manualReason: judged.manualReason, manualCause: 'sources_silent' } };
    return event(next, ctx, 'checkSources', `数据共享核查未完成，转人工核查：${judged.manualReason}`, data);
  }
  if (judged.outcome === 'consistent') {
    const next: AidState = { ...s, verification: { ...task, result: 'confirmed', sources: judged.findings, manualReason: null, manualCause: null } };
    return event(next, ctx, 'checkSources', `数据共享核查：经济困难情况属实（${said}）`, data);
  }
  const next: AidState = { ...s, verification: { ...task, result: 'false', sources: judged.findings, manualReason: null, manualCause: null } };
  return event(falsePromise(next, ctx), ctx, 'checkSources', `数据共享核查：${said}。${FALSE_PROMISE_TEXT}`, data);
};

const rate: Step<'rate'> = (s, c, ctx) => {
  if (s.rating) throw aidRefusal('already_rated', '您已经评价过了');
  const rating = readRating(c.rating);
  return event({ ...s, rating: { ...rating, at: ctx.at } }, ctx, 'rate', '受援人已评价律师的办案工作', { satisfaction: rating.satisfaction });
};

const returnVisit: Step<'returnVisit'> = (s, c, ctx) => {
  if (s.returnVisit) throw aidRefusal('already_visited', '这件事已经回访过了');
  return event({ ...s, returnVisit: { grade: c.grade, note: c.note.trim() } }, ctx, 'returnVisit', '已回访受援人并评定办案质量', { grade: c.grade });
};

const withdraw: Step<'withdraw'> = (s, c, ctx) => {
  const next = stopNamed(stopDecisionClocks({ ...s, status: 'withdrawn' }, ctx.at), 'materials', ctx.at);
  return event(next, ctx, 'withdraw', c.note ? `申请人撤回申请：${c.note}` : '申请人撤回申请');
};

const forward: Step<'forward'> = (s, c, ctx) => event(receive(s, ctx), ctx, 'forward', c.note ? `工作站初审后转交法律援助中心：${c.note}` : '工作站初审后转交法律援助中心');

const STEPS: { [T in AidCommandType]: Step<T> } = {
  forward,
  requestMaterials,
  supplyMaterials,
  expireMaterials,
  grant,
  refuse,
  dispatch,
  reportProgress,
  requestLawyerChange,
  changeLawyer,
  close,
  terminate,
  object,
  decideObjection,
  verify,
  checkSources,
  rate,
  returnVisit,
  withdraw,
};

/** Steps whose button would only meet a content refusal: no task to verify, a rating already given. */
function stepOpen(s: AidState, type: AidCommandType): boolean {
  if (type === 'verify' || type === 'checkSources') return s.verification?.result === 'pending';
  if (type === 'rate') return !s.rating && s.lawyer !== null;
  if (type === 'returnVisit') return !s.returnVisit;
  return true;
}

/** The refusal a step would meet now, without its content: what decides which buttons show. */
export function aidGuard(s: AidState, type: AidCommandType, ctx: AidContext) {
  const probe = { type } as AidCommand;
  return statusRefusal(s, probe) ?? personRefusal(s, probe, ctx);
}

export function availableAidSteps(s: AidState, ctx: AidContext): AidCommandType[] {
  return (Object.keys(STEPS) as AidCommandType[]).filter((t) => t !== 'expireMaterials' && aidGuard(s, t, ctx) === null && stepOpen(s, t));
}

/** One step: checks, then the new state with its event appended. Throws the refusal. */
export function runAid(s: AidState, c: AidCommand, ctx: AidContext): AidState {
  const blocked = statusRefusal(s, c) ?? personRefusal(s, c, ctx);
  if (blocked) throw blocked;
  if (ctx.at.getTime() < s.lastAt.getTime()) throw aidRefusal('time_order', '操作时间早于上一条记录，请刷新后再试');
  return (STEPS[c.type] as Step<AidCommandType>)(s, c, ctx);
}

export { receive as receiveAtAgency };
