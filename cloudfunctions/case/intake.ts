import { createHash } from 'node:crypto';
import {
  caseWindow,
  CATEGORY_INFO,
  commitmentOf,
  DEFAULT_MAX_BACKDATE_DAYS,
  mayAccess,
  OPEN_STATUSES,
  refuse,
  shanghaiDay,
  toSummary,
  visitTimeRefusal,
  type CaseCategory,
  type caseContracts,
  type WindowKey,
  type WorkCalendar,
  type ComplaintAbout,
  type ComplaintAboutKind,
  type FollowOf,
} from '@core';
import type { MemberDoc } from '../_runtime/actor';
import { loadCalendar } from '../_runtime/calendar';
import { _, db } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { loadOrgs, type OrgDoc } from '../_runtime/orgs';
import { actingActor } from './reach';
import { protectPhone } from '../_runtime/protect';
import { countyCommitments } from './settings';
import { aidComplaintRoute } from '../legalAid/complaints';
import { openCase, type CaseDoc } from './store';

/** A person as a case stores them: the phone masked, sealed and hashed before core or the database sees it. */
function protectedPerson<P extends { phone: string }>(person: P): Omit<P, 'phone'> & ReturnType<typeof protectPhone> {
  return { ...person, ...protectPhone(person.phone) };
}

/**
 * How many days back staff may date a visit: the function environment's REGISTER_MAX_BACKDATE_DAYS
 * (a whole number of days) where a county needs another limit, else core's default.
 */
function maxBackdateDays(): number {
  const raw = process.env.REGISTER_MAX_BACKDATE_DAYS?.trim();
  const days = raw ? Number(raw) : NaN;
  return Number.isInteger(days) && days >= 0 ? days : DEFAULT_MAX_BACKDATE_DAYS;
}
/**
 * Cases 办事进度 lists: a resident has a handful in a lifetime, a village 代办 volunteer a few
 * dozen a year; the open ones come first.
 */
const MINE_SHOWN = 100;

/** 24 base64url characters of the hash, 144 bits: no two requests ever share a case id, and it fits the 64-character caseId. */
const CASE_ID_CHARS = 24;

/** A case id derived from the caller and their requestId: a retried submission can never make a second case. */
function caseIdFor(openid: string, requestId: string | undefined): string {
  if (!requestId) throw refuse('BAD_REQUEST', 'missing_request_id');
  return `c${createHash('sha256').update(`${openid}\n${requestId}`).digest('base64url').slice(0, CASE_ID_CHARS)}`;
}

async function unit(orgId: string) {
  const [org] = await loadOrgs([orgId]);
  if (!org || !org.active) throw refuse('NOT_FOUND', 'unit_not_found', '所选服务单位不存在');
  return org;
}

/**
 * 投诉: who it concerns, and where it goes — the supervisors above the complained party: a person's
 * or a case's own unit (its supervisors; the person and the case's handlers are kept off it by
 * core), a unit's parent (the county center answers for itself).
 */
async function complaintAbout(category: CaseCategory, about: { kind: ComplaintAboutKind; caseCode?: string; openid?: string; orgId?: string }): Promise<{ about: ComplaintAbout; routeTo: OrgDoc }> {
  if (category !== 'complaint') throw refuse('VALIDATION_FAILED', 'about_not_complaint', '只有投诉需要选择投诉对象');
  const missing = () => refuse('NOT_FOUND', 'about_not_found', '没有找到投诉的对象');
  if (about.kind === 'case') {
    const { data } = await db.collection<CaseDoc>('cases').where({ code: about.caseCode ?? '' }).limit(1).get();
    const c = data[0];
    if (!c) throw missing();
    const parties = [...new Set([c.handler?.openid, c.firstHandler?.openid].filter((x): x is string => !!x))];
    if (c.category === 'legalAid') {
      // Legal aid is complained of to the 司法局 (法律援助法 Art 56), past the agency and its lawyer.
      const route = await aidComplaintRoute(c._id);
      return { about: { kind: 'case', caseId: c._id, label: c.code, parties: [...new Set([...parties, ...route.parties])], unitId: null }, routeTo: route.unitId ? await unit(route.unitId) : await frontDesk() };
    }
    return { about: { kind: 'case', caseId: c._id, label: c.code, parties, unitId: null }, routeTo: await unit(c.orgId) };
  }
  if (about.kind === 'person') {
    const { data } = await db.collection<MemberDoc>('members').where({ _id: about.openid ?? '' }).limit(1).get();
    const m = data[0];
    const home = m?.grants?.[0]?.orgId ?? m?.orgIds[0];
    if (!m || !home) throw missing();
    return { about: { kind: 'person', caseId: null, label: m.displayName, parties: [m._id], unitId: null }, routeTo: await unit(home) };
  }
  const [o] = await loadOrgs([about.orgId ?? '']);
  if (!o) throw missing();
  const parent = o.parentId ? ((await loadOrgs([o.parentId]))[0] ?? o) : o;
  return { about: { kind: 'unit', caseId: null, label: o.name, parties: [], unitId: o.parentId ? o._id : null }, routeTo: parent };
}

/** 一门收件: a request that names no unit goes to the county center's front desk. */
async function frontDesk() {
  const { data } = await db.collection<OrgDoc>('orgs').where({ active: true, tier: 'center' }).limit(1).get();
  if (!data[0]) throw refuse('NOT_FOUND', 'no_front_desk', '还没有设置县公共法律服务中心');
  return data[0];
}

/** The aggregate stages the SDK has and cloud.ts does not type: a join by field. */
interface Joinable {
  match(filter: object): Joinable;
  limit(n: number): Joinable;
  addFields(fields: object): Joinable;
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): Joinable;
  end(): Promise<{ list: Array<OrgDoc & { callers?: MemberDoc[] }> }>;
}

/**
 * The unit a request goes to — the one named, else the county center's front desk (as frontDesk) — and
 * the caller's member record, in one read (a $lookup on a field set to the openid, as the case's
 * own read does for commands): the caller is read fresh, and costs no operation of its own.
 */
async function unitAndCaller(orgId: string | undefined, ctx: Parameters<Handler<Contracts['submit']>>[1]): Promise<OrgDoc> {
  const { list } = await (db.collection('orgs').aggregate() as unknown as Joinable)
    .match(orgId ? { _id: orgId } : { active: true, tier: 'center' })
    .limit(1)
    .addFields({ caller: _.aggregate.literal(ctx.actor.openid) })
    .lookup({ from: 'members', localField: 'caller', foreignField: '_id', as: 'callers' })
    .end();
  const { callers, caller: _caller, ...org } = (list[0] ?? { callers: undefined, caller: undefined }) as OrgDoc & { callers?: MemberDoc[]; caller?: string };
  void _caller;
  await ctx.adoptCaller?.(list[0] ? (callers?.[0] ?? null) : undefined);
  if (!list[0]) throw orgId ? refuse('NOT_FOUND', 'unit_not_found', '所选服务单位不存在') : refuse('NOT_FOUND', 'no_front_desk', '还没有设置县公共法律服务中心');
  if (!org.active) throw refuse('NOT_FOUND', 'unit_not_found', '所选服务单位不存在');
  return org as OrgDoc;
}

type Contracts = typeof caseContracts;

/**
 * The resident's own window, when the request gives the date of the act or decision: the one named,
 * else the category's first; a category with none ignores the date.
 */
function windowOf(category: CaseCategory, input: { actOn?: string; window?: WindowKey }, calendar: WorkCalendar, today: string) {
  const kind = input.window ?? CATEGORY_INFO[category].windows[0];
  if (!input.actOn || !kind) return null;
  // A window runs from something that has happened, and no statutory window here is longer than a year.
  if (input.actOn > today || input.actOn < ACT_ON_EARLIEST) throw refuse('VALIDATION_FAILED', 'act_date', '日期不对：应是已经发生的日期');
  return caseWindow(kind, input.actOn, calendar, process.env.CLOSE_OF_BUSINESS?.trim() || undefined);
}

/** Older than any window could still be open for; keeps the arithmetic inside the calendar's years. */
const ACT_ON_EARLIEST = '2000-01-01';

/** 受理 from the mini-program: the resident's own request, or one they file as 代办. */
export const submit: Handler<Contracts['submit']> = async (input, ctx) => {
  const complaint = input.about ? await complaintAbout(input.category, input.about) : null;
  if (complaint) await ctx.adoptCaller?.();
  const org = complaint ? complaint.routeTo : await unitAndCaller(input.orgId, ctx);
  const now = ctx.now();
  const me = ctx.actor.openid;
  // 代办: the caller applies for someone else and is recorded as the proxy.
  const applicant = protectedPerson({ openid: input.proxy ? null : me, ...input.applicant });
  const proxy = input.proxy ? protectedPerson({ openid: me, ...input.proxy }) : null;
  const { calendar } = await loadCalendar(now);
  const doc = await openCase(
    caseIdFor(me, ctx.requestId),
    {
      channel: 'miniprogram',
      category: input.category,
      summary: input.summary,
      applicant,
      proxy,
      orgId: org._id,
      priorityGroups: input.priorityGroups,
      attachments: input.attachments,
      window: windowOf(input.category, input, calendar, shanghaiDay(now)),
      limit: commitmentOf(input.category, countyCommitments()),
      ...(complaint && { about: complaint.about }),
    },
    { actor: actingActor(ctx, input.proxy?.name ?? input.applicant.name), at: now },
    [...org.path],
    calendar,
  );
  return toSummary(doc, { now });
};

/** The earlier case a registration follows on from, by its code, if the caller reaches it (else as if absent). */
async function followOfCase(code: string, ctx: ActionContext): Promise<FollowOf> {
  const { data } = await db.collection<CaseDoc>('cases').where({ code }).limit(1).get();
  const c = data[0];
  if (!c || !mayAccess(ctx.actor, ctx.access, { orgId: c.orgId, orgPath: c.orgPath })) throw refuse('NOT_FOUND', 'follow_of_not_found', '没有找到这个案件编号');
  return { caseId: c._id, code: c.code, category: c.category, units: [...c.orgPath, c.orgId], receivedAt: c.receivedAt };
}

/** 登记: staff register a walk-in, 12348 call or another agency's request at a unit they reach. */
export const register: Handler<Contracts['register']> = async (input, ctx) => {
  const org = await unit(input.orgId);
  if (!mayAccess(ctx.actor, ctx.access, { orgId: org._id, orgPath: org.path })) throw refuse('FORBIDDEN', 'out_of_reach', '只能登记到本单位或下属单位');
  const now = ctx.now();
  const at = input.visitedAt ? new Date(input.visitedAt) : now;
  const { calendar } = await loadCalendar(now);
  const late = visitTimeRefusal(at, now, calendar, maxBackdateDays());
  if (late) throw late;
  const followOf = input.followOf ? await followOfCase(input.followOf, ctx) : null;
  const doc = await openCase(
    caseIdFor(ctx.actor.openid, ctx.requestId),
    {
      channel: input.channel,
      category: input.category,
      summary: input.summary,
      applicant: protectedPerson({ openid: null, ...input.applicant }),
      proxy: input.proxy ? protectedPerson({ openid: null, ...input.proxy }) : null,
      orgId: org._id,
      priorityGroups: input.priorityGroups,
      attachments: input.attachments,
      signature: input.signature ?? null,
      window: windowOf(input.category, input, calendar, shanghaiDay(at)),
      limit: commitmentOf(input.category, countyCommitments()),
      followOf,
    },
    { actor: actingActor(ctx, '工作人员'), at },
    [...org.path],
    calendar,
  );
  return toSummary(doc, { now });
};

/** 办事进度: the caller's own cases, as applicant or 代办. */
export const mine: Handler<Contracts['mine']> = async (_input, ctx) => {
  const me = ctx.actor.openid;
  const { data } = await db
    .collection<CaseDoc>('cases')
    .where(_.or([{ 'applicant.openid': me }, { 'proxy.openid': me }]))
    .orderBy('lastEventAt', 'desc')
    .limit(MINE_SHOWN)
    .get();
  // Open matters first: what still needs the resident's attention leads the list.
  const open = new Set<string>(OPEN_STATUSES);
  const sorted = [...data].sort((a, b) => Number(open.has(b.status)) - Number(open.has(a.status)));
  const now = ctx.now();
  return { cases: sorted.map((doc) => toSummary(doc, { now })) };
};
