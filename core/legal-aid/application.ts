// The application: who applies and who helped, the matter, the hardship route with what proves
// it, and the first state of the record. Checked here so the function only validates shapes.
import type { Attachment } from '../case/types';
import { birthDateOfIdNumber, needsGuardian, type ConsentMinor, type GuardianRelation } from '../privacy/consent';
import { assessHousehold, needsHouseholdForm, routesOpen, type HouseholdMember } from './hardship';
import { aidRefusal } from './refusals';
import type { ApplicantKind, Exemption, HelperKind, LegalAidSettings, Matter, NoTestGround, Route } from './rules';
import { evaluateSelfCheck, exemptionOf, matterCovered, priorityGroupsOf, type SelfCheckAnswers } from './self-check';
import { receiveAtAgency } from './machine';
import { NOTHING_SEALED, type AidActor, type AidSealed, type AidState, type PersonName } from './state';
import type { WorkCalendar } from '../calendar';

/** The 告知承诺: the notice read (with the Art 64 consequences), the commitment signed, checks authorized. */
export interface PromiseSignature {
  noticeRead: boolean;
  authorizeVerification: boolean;
  /** A photo of the hand signature drawn on screen. */
  signature: Attachment | null;
  /** Someone who cannot write gives a fingerprint; then the helper who witnessed it is named. */
  fingerprintWitness: string | null;
}

export interface AidApplication {
  answers: SelfCheckAnswers;
  applicantKind: ApplicantKind;
  applicantName: string;
  /** For a representative or relative applying (Art 40): their relation to the person. */
  representativeRelation: string | null;
  helper: (PersonName & { kind: HelperKind }) | null;
  matter: Matter;
  opponent: string;
  facts: string;
  /** A limit under 7 days away or urgent preservation (Art 44): 先行提供. */
  urgent: boolean;
  route: Route;
  household: HouseholdMember[] | null;
  promise: PromiseSignature | null;
  preferredLawyer: string | null;
  /** The station that does the 初审, or null when filed at the agency itself. */
  stationOrgId: string | null;
}

export interface RouteDecision {
  route: Route;
  noTestGround: NoTestGround | null;
  exemption: Exemption | null;
  meetsStandard: boolean | null;
  householdSize: number | null;
}

function checkPromise(p: PromiseSignature | null): void {
  if (!p || !p.noticeRead || !p.authorizeVerification || (!p.signature && !p.fingerprintWitness?.trim())) {
    throw aidRefusal('signature_missing', '请阅读告知书，同意核查，并在屏幕上签名（不会写字的按手印，并写明见证人）');
  }
}

/** Which route holds, from the answers and the form; refuses a route the facts do not support. */
export function decideRoute(app: AidApplication, settings: LegalAidSettings, barredFromPromise: boolean): RouteDecision {
  const answers = { ...app.answers, matter: app.matter };
  const groundAnswered = answers.noTestGround && answers.noTestGround !== 'none' ? answers.noTestGround : null;
  if (!matterCovered(answers, priorityGroupsOf(answers), settings)) throw aidRefusal('not_covered', '这类事情不在法律援助范围内，可以先申请法律咨询');
  const gate = routesOpen(app.route, barredFromPromise);
  if (!gate.allowed) throw aidRefusal('promise_barred', '您以前的承诺经核查不实，这次需要提交经济困难材料');
  const none = { noTestGround: null, exemption: null, meetsStandard: null, householdSize: null };
  if (app.route === 'noTest') {
    if (!groundAnswered) throw aidRefusal('route_unproven', '请先说明属于哪种不审查经济状况的情形');
    return { ...none, route: 'noTest', noTestGround: groundAnswered };
  }
  if (app.route === 'exempt') {
    const exemption = exemptionOf(answers);
    if (!exemption) throw aidRefusal('route_unproven', '请先说明属于哪种免予核查的情形');
    return { ...none, route: 'exempt', exemption };
  }
  if (!needsHouseholdForm(app.route) || !app.household || app.household.length === 0) {
    throw aidRefusal('route_unproven', '请填写家庭成员和经济状况');
  }
  if (app.route === 'promise') checkPromise(app.promise);
  const assessed = assessHousehold(app.household, settings.standard);
  return { ...none, route: app.route, meetsStandard: assessed.meetsStandard, householdSize: assessed.members };
}

export interface OpenAidInput {
  caseId: string;
  code: string;
  app: AidApplication;
  decision: RouteDecision;
  /** The WeChat ids that speak for the applicant (the caller when not a helper acting for them). */
  applicantIds: string[];
  /** The fields the function sealed (facts, household, ID number); none in core's own tests. */
  sealed?: AidSealed;
}

/** The record at submission: at the station for 初审, or straight into the agency's review. */
export function openAid(input: OpenAidInput, ctx: { actor: AidActor; at: Date; settings: LegalAidSettings; calendar: WorkCalendar }): AidState {
  const { app, decision } = input;
  const answers = { ...app.answers, matter: app.matter };
  const check = evaluateSelfCheck(answers, ctx.settings);
  const priority = priorityGroupsOf(answers);
  const { openid, name, role } = ctx.actor;
  const base: AidState = {
    caseId: input.caseId,
    code: input.code,
    status: 'atStation',
    matter: app.matter,
    route: decision.route,
    noTestGround: decision.noTestGround,
    exemption: decision.exemption,
    urgent: app.urgent,
    greenChannel: priority.length > 0 || app.urgent,
    homeVisit: check.homeVisit,
    applicantKind: app.applicantKind,
    applicantName: app.applicantName.trim(),
    applicantIds: input.applicantIds,
    helper: app.helper,
    stationOrgId: app.stationOrgId,
    materialsRequestedBy: [],
    missing: [],
    resumeTo: null,
    decision: null,
    preferredLawyer: app.preferredLawyer?.trim() || null,
    lawyer: null,
    lawyerChangeRequested: null,
    rating: null,
    progressReports: 0,
    termination: null,
    objection: null,
    verification: null,
    falsePromise: false,
    closingReport: null,
    sealed: input.sealed ?? NOTHING_SEALED,
    declaration: decision.householdSize === null ? null : { members: decision.householdSize, meetsStandard: decision.meetsStandard === true },
    returnVisit: null,
    clocks: {},
    history: [{ type: 'apply', at: ctx.at, actor: { openid, name, role }, text: app.helper ? `${app.helper.name}协助填写，提交法律援助申请` : '提交法律援助申请' }],
    version: 1,
    lastAt: ctx.at,
  };
  return app.stationOrgId === null ? receiveAtAgency(base, ctx) : base;
}

/**
 * A child under 14 (by the birth date in the ID number) applies through a guardian, who consents
 * for them (PIPL Art 31): the child named as applicant, the guardian applying with their relation.
 * Returns the child for the consent record, or null for an adult or an unknown age.
 */
export function minorApplicant(
  app: Pick<AidApplication, 'applicantKind' | 'applicantName'>,
  idNumber: string | null | undefined,
  guardianRelation: GuardianRelation | null | undefined,
  at: Date,
): { minor: ConsentMinor; guardianRelation: GuardianRelation } | null {
  const birthDate = idNumber ? birthDateOfIdNumber(idNumber) : null;
  if (!birthDate || !needsGuardian(birthDate, at)) return null;
  const throughGuardian = app.applicantKind === 'guardian' || app.applicantKind === 'legalRepresentative';
  if (!throughGuardian || !guardianRelation) throw aidRefusal('guardian_required', '不满14岁的孩子，请由监护人代为申请并写明关系');
  return { minor: { name: app.applicantName.trim(), birthDate }, guardianRelation };
}
