import { createHash } from 'node:crypto';
import { CONSENT_TEXTS, currentText, decideRoute, fileList, minorApplicant, HELPER_LABELS, MATTER_LABELS, openAid, priorityGroupsOf, refuse, type AidApplication, type ConsentRecord, type legalAidContracts } from '@core';
import { loadCalendar } from '../_runtime/calendar';
import { _, db, getOrNull } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { loadOrgs, type OrgDoc } from '../_runtime/orgs';
import { lookupHash, protect, protectPhone } from '../_runtime/protect';
import { actingActor } from '../case/reach';
import { openCase } from '../case/store';
import { aidActor, docOf, factsFor, loadSettings, tellPosts, viewOf, type AidDoc } from './store';

type Contracts = typeof legalAidContracts;

/** Same derivation as case intake: a retried submission finds its own case instead of opening a second. */
function caseIdFor(openid: string, requestId: string | undefined): string {
  if (!requestId) throw refuse('BAD_REQUEST', 'missing_request_id');
  return `c${createHash('sha256').update(`${openid}\n${requestId}`).digest('base64url').slice(0, 24)}`;
}

async function unitOf(orgId: string | null): Promise<OrgDoc> {
  if (orgId) {
    const [org] = await loadOrgs([orgId]);
    if (!org || !org.active) throw refuse('NOT_FOUND', 'unit_not_found', '所选服务单位不存在');
    return org;
  }
  const { data } = await db.collection<OrgDoc>('orgs').where({ active: true, tier: 'center' }).limit(1).get();
  if (!data[0]) throw refuse('NOT_FOUND', 'no_front_desk', '还没有设置县公共法律服务中心');
  return data[0];
}

/** 初审 is the station's (seed 002 §三(五)2): a village room's station above it, a station itself, none at the center. */
function stationOf(org: OrgDoc): string | null {
  if (org.tier === 'room') return org.parentId;
  return org.tier === 'station' ? org._id : null;
}

type Input = Parameters<Handler<Contracts['submit']>>[0];

/** The bar ids of a person found to have promised falsely (Art 64): their WeChat, and their ID number's keyed hash. */
export function barIds(openids: readonly string[], idHash: string | null | undefined): string[] {
  return [...openids, ...(idHash ? [`id-${idHash}`] : [])];
}

async function isBarred(openid: string, idHash: string | null): Promise<boolean> {
  const { data } = await db.collection('legal_aid_bars').where({ _id: _.in(barIds([openid], idHash)) }).limit(2).get();
  return data.length > 0;
}

/**
 * Who the case names: the applicant by name (their own WeChat only when they apply themselves),
 * and whoever uses this phone for them as 代办 — a representative by their relation, a helper
 * (村干部 …) as assistance, never as the applicant.
 */
function peopleOf(input: Input, me: string) {
  const helperHere = input.helper?.openid ? input.helper : null;
  const self = input.applicantKind === 'self' && !helperHere;
  const applicant = { openid: self ? me : null, name: input.applicantName, ...protectPhone(input.phone) };
  if (self) return { applicant, proxy: null };
  const proxy = helperHere
    ? { name: helperHere.name, relation: `协助填写（${HELPER_LABELS[helperHere.kind]}）` }
    : { name: input.representativeName ?? input.applicantName, relation: input.representativeRelation ?? '代理人' };
  return { applicant, proxy: { openid: me, ...proxy, ...protectPhone(input.phone) } };
}

async function contextOf(ctx: ActionContext) {
  const at = ctx.now();
  const [settings, { calendar }] = await Promise.all([loadSettings(), loadCalendar(at)]);
  return { at, settings, calendar, actor: await aidActor(ctx, settings) };
}

/** 申请法律援助: one case (code, ledger row) and its legal-aid record, checked by core first. */
export const submit: Handler<Contracts['submit']> = async (input, ctx) => {
  const me = ctx.actor.openid;
  const caseId = caseIdFor(me, ctx.requestId);
  const aidCtx = await contextOf(ctx);
  const earlier = await getOrNull<AidDoc>(db.collection<AidDoc>('legal_aid').doc(caseId));
  if (earlier) return viewOf(earlier, aidCtx, await factsFor(ctx, earlier, aidCtx.actor));
  const org = await unitOf(input.orgId);
  const helper = input.helper ? { ...input.helper, openid: input.helper.openid ? me : null } : null;
  const app: AidApplication = { ...input, helper, stationOrgId: stationOf(org) };
  const idHash = input.idNumber ? lookupHash('idNumber', input.idNumber) : null;
  const barred = await isBarred(me, idHash);
  const decision = decideRoute(app, aidCtx.settings, barred);
  const child = minorApplicant(app, input.idNumber, input.guardianRelation, aidCtx.at);
  const attachments = fileList(input.attachments, aidCtx.actor, false);
  const { applicant, proxy } = peopleOf(input, me);
  const opened = await openCase(
    caseId,
    {
      channel: input.channel ?? 'miniprogram',
      category: 'legalAid',
      // The facts stay sealed on the legal-aid record; the ledger names the matter and the other side.
      summary: `法律援助申请：${MATTER_LABELS[input.matter]}（对方：${input.opponent}）`,
      applicant,
      proxy,
      orgId: org._id,
      priorityGroups: priorityGroupsOf({ ...input.answers, matter: input.matter }),
      attachments,
    },
    { actor: actingActor(ctx, helper?.name ?? input.applicantName), at: aidCtx.at },
    [...org.path],
    aidCtx.calendar,
  );
  const sealed = {
    facts: protect('statement', input.facts),
    household: input.household ? protect('income', JSON.stringify(input.household)) : null,
    idNumber: input.idNumber ? protect('idNumber', input.idNumber) : null,
  };
  const state = openAid({ caseId, code: opened.code, app, decision, applicantIds: [me], sealed }, aidCtx);
  const doc = docOf(state, org._id, [...org.path], aidCtx.calendar);
  const { _id, ...fields } = doc;
  await db.collection('legal_aid').doc(_id).set({ data: fields });
  // The authorization to verify (Art 41 data sharing) is a separate consent (PIPL Art 29), kept with the others.
  if (decision.route === 'promise' && input.promise?.authorizeVerification) {
    const consent: ConsentRecord = {
      openid: me,
      purpose: 'legal_aid_verification',
      version: currentText(CONSENT_TEXTS.legal_aid_verification).version,
      given: true,
      at: aidCtx.at,
      minor: child?.minor ?? null,
      guardianRelation: child?.guardianRelation ?? null,
      ref: caseId,
    };
    await db.collection('consents').doc(`${caseId}-verification`).set({ data: consent });
  }
  // Submitted: the draft has done its work, and the next application starts afresh.
  await db.collection('legal_aid_drafts').doc(me).remove();
  await tellPosts(doc, 'apply', aidCtx.at);
  return viewOf(doc, aidCtx, input.facts);
};

export { contextOf };
