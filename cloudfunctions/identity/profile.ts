import {
  ageOf,
  birthDateRefusal,
  CATEGORY_INFO,
  formatShanghai,
  homeCards,
  isWorker,
  OPEN_STATUSES,
  refuse,
  shanghaiDay,
  type HomeCard,
  type identityContracts,
  type Profile,
  type SealedValue,
} from '@core';
import { grantsOfMember, type MemberDoc } from '../_runtime/actor';
import { calendarNotices, loadCalendar } from '../_runtime/calendar';
import { _, db, getOrNull } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { loadOrgs, type OrgDoc } from '../_runtime/orgs';
import { protectPhone, reveal, sealedOrLegacy } from '../_runtime/protect';

type Contracts = typeof identityContracts;

/** _id = openid: the resident's own profile, one per person, the phone masked, sealed and hashed. */
export interface ProfileDoc {
  _id: string;
  name: string;
  phone: string;
  phoneEnc?: SealedValue;
  phoneHash?: string;
  villageId: string | null;
  birthDate: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The person's open requests and those waiting for their rating: a handful in a lifetime, a 代办 volunteer's few dozen. */
const CASES_READ = 100;
/** Bookings looked at for the next one: a person holds at most 3 upcoming. */
const BOOKINGS_READ = 5;
const ADVISORS_SHOWN = 5;

async function loadProfile(openid: string): Promise<ProfileDoc | null> {
  return getOrNull<ProfileDoc>(db.collection<ProfileDoc>('profiles').doc(openid));
}

/** The village room (村) a person may name as home: open, and a room, not a station or the center. */
async function villageOf(id: string | null): Promise<OrgDoc | null> {
  if (!id) return null;
  const [org] = await loadOrgs([id]);
  return org && org.active && org.tier === 'room' ? org : null;
}

function toProfile(doc: ProfileDoc, village: OrgDoc | null, today: string): Profile {
  return {
    name: doc.name,
    phone: doc.phone,
    village: village ? { id: village._id, name: village.name } : null,
    birthDate: doc.birthDate,
    age: ageOf(doc.birthDate, today),
  };
}

/** Things a worker must act on (next year's holidays not entered …); a form asking for the profile needs none. */
async function workerNotices(ctx: ActionContext, wanted: boolean): Promise<string[]> {
  if (!wanted || !isWorker(ctx.actor.roles)) return [];
  const now = ctx.now();
  return calendarNotices((await loadCalendar(now)).calendar, now);
}

export const profile: Handler<Contracts['profile']> = async (input, ctx) => {
  const { actor } = ctx;
  const [doc, notices] = await Promise.all([loadProfile(actor.openid), workerNotices(ctx, !input.forForm)]);
  const me = { roles: actor.roles, displayName: actor.displayName, notices };
  if (!doc) return { profile: null, formPhone: null, ...me };
  const village = await villageOf(doc.villageId);
  // The person's own number, back into their own form: a reading of one's own data is not audited.
  const [formPhone] = input.forForm ? await reveal(ctx, { purpose: 'profile.read', subject: doc._id, owners: [doc._id] }, [sealedOrLegacy(doc)]) : [null];
  return { profile: toProfile(doc, village, shanghaiDay(ctx.now())), formPhone: formPhone ?? null, ...me };
};

export const saveProfile: Handler<Contracts['saveProfile']> = async (input, ctx) => {
  const me = ctx.actor.openid;
  const now = ctx.now();
  const today = shanghaiDay(now);
  const before = await loadProfile(me);
  const villageId = input.villageId === undefined ? (before?.villageId ?? null) : input.villageId;
  const village = await villageOf(villageId);
  if (villageId && !village) throw refuse('NOT_FOUND', 'village_not_found', '没有找到这个村（社区），请重新选择');
  const birthDate = input.birthDate === undefined ? (before?.birthDate ?? null) : input.birthDate;
  if (birthDate && birthDateRefusal(birthDate, today)) throw refuse('VALIDATION_FAILED', 'birth_date', '出生日期不对，请重新选择');
  if (!input.phone && !before) throw refuse('VALIDATION_FAILED', 'phone_missing', '请填写手机号');
  const phone = input.phone ? protectPhone(input.phone) : { phone: before?.phone ?? '', phoneEnc: before?.phoneEnc, phoneHash: before?.phoneHash };
  const doc: ProfileDoc = { _id: me, name: input.name, ...phone, villageId, birthDate, createdAt: before?.createdAt ?? now, updatedAt: now } as ProfileDoc;
  const { _id, ...fields } = doc;
  void _id;
  await db.collection('profiles').doc(me).set({ data: fields });
  return { profile: toProfile(doc, village, today) };
};

/** The person's own choice to be forgotten here: the copies on cases and bookings are theirs to ask about separately (我的信息与授权). */
export const deleteProfile: Handler<Contracts['deleteProfile']> = async (_input, ctx) => {
  const { stats } = await db.collection('profiles').where({ _id: ctx.actor.openid }).remove();
  return { deleted: stats.removed > 0 };
};

interface CaseRow {
  _id: string;
  code: string;
  category: keyof typeof CATEGORY_INFO;
  status: string;
  lastEventAt: Date;
}

interface BookingRow {
  _id: string;
  orgId: string;
  status: string;
  startsAt: Date;
  service?: string;
}

/** The caller's requests still open or waiting for their rating, as applicant or 代办. */
async function casesOf(openid: string): Promise<CaseRow[]> {
  const mine = _.or([{ 'applicant.openid': openid }, { 'proxy.openid': openid }]);
  const { data } = await db
    .collection<CaseRow>('cases')
    .where(_.and([mine, { status: _.in([...OPEN_STATUSES, 'resolved']) }]))
    .field({ code: true, category: true, status: true, lastEventAt: true })
    .limit(CASES_READ)
    .get();
  return data;
}

/** The next booking the caller holds: made by them, or made for them and claimed. */
async function nextBooking(openid: string, now: Date): Promise<BookingRow | null> {
  const [made, claimed] = await Promise.all([
    db.collection<BookingRow>('bookings').where({ openid, status: 'booked', startsAt: _.gt(now) }).orderBy('startsAt', 'asc').limit(1).get(),
    db.collection<BookingRow>('bookings').where({ applicantOpenid: openid, startsAt: _.gt(now) }).orderBy('startsAt', 'asc').limit(BOOKINGS_READ).get(),
  ]);
  const next = [...made.data, ...claimed.data.filter((b) => b.status === 'booked')].sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
  return next[0] ?? null;
}

async function villageAdvisors(ctx: ActionContext, village: OrgDoc): Promise<Array<{ displayName: string; phone: string }>> {
  const { data } = await db.collection<MemberDoc>('members').where({ orgIds: village._id, active: true }).limit(50).get();
  const shown = data.filter((m) => grantsOfMember(m).some((g) => g.role === 'advisor' && g.orgId === village._id)).slice(0, ADVISORS_SHOWN);
  // Published on the village's 公示栏 already, so no audit row (as org.get).
  const phones = await reveal(ctx, { purpose: 'org.advisors.publish', subject: village._id, owners: shown.map((m) => m._id), published: true }, shown.map((m) => sealedOrLegacy(m)));
  return shown.map((m, i) => ({ displayName: m.displayName, phone: phones[i] ?? m.phone }));
}

/** 首页: whoami, the home village and its advisors, and the cards of what waits, in one call. */
export const home: Handler<Contracts['home']> = async (_input, ctx) => {
  const { actor } = ctx;
  const now = ctx.now();
  const [doc, cases, booking, notices] = await Promise.all([
    loadProfile(actor.openid),
    casesOf(actor.openid),
    nextBooking(actor.openid, now),
    workerNotices(ctx, true),
  ]);
  const open = new Set<string>(OPEN_STATUSES);
  const cards: HomeCard[] = cases.flatMap((c): HomeCard[] => {
    const title = `${CATEGORY_INFO[c.category]?.label ?? '办事'} ${c.code}`;
    const at = new Date(c.lastEventAt).toISOString();
    if (c.status === 'awaitingMaterials') return [{ kind: 'materials', id: c._id, title, text: '需要您补交材料', at }];
    // A legal-aid case is 办结 at the agency's decision: its rating is of the lawyer's work, asked at closing (L1).
    if (c.status === 'resolved' && c.category !== 'legalAid') return [{ kind: 'rate', id: c._id, title, text: '已办好，请给这次服务打个分', at }];
    return [];
  });
  if (booking) {
    const [org] = await loadOrgs([booking.orgId]);
    const startsAt = new Date(booking.startsAt);
    cards.push({ kind: 'booking', id: booking._id, title: `预约 ${formatShanghai(startsAt, 'M月D日 HH:mm')}`, text: org ? `到${org.name}办事` : '按时前往办事', at: startsAt.toISOString() });
  }
  const village = await villageOf(doc?.villageId ?? null);
  return {
    openid: actor.openid,
    roles: actor.roles,
    grants: actor.grants,
    displayName: actor.displayName ?? doc?.name ?? null,
    orgIds: actor.orgIds,
    notices,
    openCases: cases.filter((c) => open.has(c.status)).length,
    village: village ? { id: village._id, name: village.name, advisors: await villageAdvisors(ctx, village) } : null,
    cards: homeCards(cards),
  };
};
