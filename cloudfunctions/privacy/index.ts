import { releaseSeat } from '../booking/cancel';
import {
  bookingErasable,
  CONSENT_TEXTS,
  consentProblem,
  consentText,
  currentConsents,
  currentText,
  deletionItems,
  DELETION_PROCESSORS,
  mayCall,
  GUARDIAN_RELATION_LABELS,
  maskPhone,
  NOTICE_TEXTS,
  PRIVACY_REFUSALS,
  privacyContracts,
  refuser,
  RETENTION,
  type ConsentPurpose,
  type ConsentRecord,
  type DeletionItem,
  type NoticeTopic,
  type RetentionCategory,
} from '@core';
import { audit } from '../_runtime/audit';
import { _, db, getOrNull } from '../_runtime/cloud';
import { defineFunction, type ActionContext } from '../_runtime/function';
import type { MemberDoc } from '../_runtime/actor';
import { loadOrgs } from '../_runtime/orgs';
import type { ProfileDoc } from '../identity/profile';
import { sweep } from './sweep';

const refusal = refuser(PRIVACY_REFUSALS);

const CONSENT_MESSAGES = {
  consent_text_outdated: '授权说明已经更新，请重新阅读后再同意',
  guardian_required: '不满十四周岁的孩子，需要监护人同意，请选择您和孩子的关系',
  not_under_14: '年满十四周岁的，请本人同意',
  not_consented: '您没有同意过这一项，不需要撤回',
} as const;

/** What one screen lists of each kind; more is flagged `truncated` (the office answers a full copy on request). */
const LISTED = 50;
const CONSENTS_READ = 200;
const PENDING_LISTED = 50;

interface ConsentDoc extends ConsentRecord {
  _id: string;
}

interface DeletionDoc {
  _id: string;
  openid: string;
  at: Date;
  status: 'pending' | 'done' | 'declined' | 'closed';
  items: DeletionItem[];
  reason: string | null;
  processedAt: Date | null;
  processedBy: string | null;
}

interface CaseDoc {
  _id: string;
  code: string;
  category: string;
  status: string;
  receivedAt: Date;
  applicant: { openid?: string | null; name: string; phone: string };
  proxy: { openid?: string | null; name: string; phone: string } | null;
}

interface AidDoc {
  _id: string;
  code: string;
  status: string;
  applicantName: string;
}

interface BookingDoc {
  _id: string;
  openid: string;
  orgId: string;
  day: string;
  time: string;
  status: string;
  startsAt: Date;
  applicant: { name: string; phone: string };
  /** The seat's holder key on the slot day (absent on records from before: the openid). */
  holder?: string;
  seat?: 'general' | 'held';
}

const consents = () => db.collection<ConsentDoc>('consents');
const deletions = () => db.collection<DeletionDoc>('deletion_requests');
const residentProfile = (openid: string) => getOrNull(db.collection<ProfileDoc>('profiles').doc(openid));
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
/** A phone as screens show it; a record from before protection holds the number itself (an erased one holds no digits). */
const masked = (phone: string) => (phone.includes('*') || !/\d/.test(phone) ? phone : maskPhone(phone));

function consentView(r: ConsentRecord) {
  return {
    purpose: r.purpose,
    title: currentText(CONSENT_TEXTS[r.purpose]).title,
    given: r.given,
    version: r.version,
    currentVersion: currentText(CONSENT_TEXTS[r.purpose]).version,
    at: new Date(r.at).toISOString(),
    minorName: r.minor?.name ?? null,
    minorBirthDate: r.minor?.birthDate ?? null,
    guardianRelation: r.guardianRelation ? GUARDIAN_RELATION_LABELS[r.guardianRelation] : null,
    ref: r.ref,
  };
}

function deletionView(d: DeletionDoc) {
  return { id: d._id, at: new Date(d.at).toISOString(), status: d.status, items: d.items, reason: d.reason, processedAt: iso(d.processedAt) };
}

async function myConsents(openid: string): Promise<ConsentDoc[]> {
  return (await consents().where({ openid }).orderBy('at', 'desc').limit(CONSENTS_READ).get()).data;
}

async function answer(ctx: ActionContext, input: { purpose: ConsentPurpose; version?: string; given: boolean; minor?: { name: string; birthDate: string }; guardianRelation?: ConsentRecord['guardianRelation']; ref?: string }) {
  const now = ctx.now();
  const records = await myConsents(ctx.actor.openid);
  const key = { purpose: input.purpose, minor: input.minor ?? null, ref: input.ref ?? null };
  // A withdrawal names the version it withdraws: the one in force.
  const inForce = currentConsents(records).find((r) => r.purpose === key.purpose && JSON.stringify([r.minor, r.ref]) === JSON.stringify([key.minor, key.ref]));
  const record: ConsentRecord = {
    openid: ctx.actor.openid,
    ...key,
    version: input.given ? (input.version as string) : (inForce?.version ?? currentText(CONSENT_TEXTS[input.purpose]).version),
    given: input.given,
    at: now,
    guardianRelation: input.minor ? (input.guardianRelation ?? inForce?.guardianRelation ?? null) : null,
  };
  const problem = consentProblem(record, records, now);
  if (problem) {
    throw refusal(problem, CONSENT_MESSAGES[problem]);
  }
  await consents().add({ data: record });
  return consentView(record);
}

/** How many bookings may go now, and whether any seat still to come stands in the way. */
async function erasableBookings(openid: string, now: Date): Promise<{ erasable: BookingDoc[]; upcoming: number }> {
  const { data } = await db.collection<BookingDoc>('bookings').where({ openid }).orderBy('startsAt', 'desc').limit(100).get();
  const erasable = data.filter((b) => bookingErasable(b, now));
  return { erasable, upcoming: data.length - erasable.length };
}

export const main = defineFunction(
  'privacy',
  privacyContracts,
  {
    async notice(input) {
      const topic = input.topic;
      const isNotice = Object.prototype.hasOwnProperty.call(NOTICE_TEXTS, topic);
      const t = isNotice ? currentText(NOTICE_TEXTS[topic as NoticeTopic]) : (consentText(topic as ConsentPurpose) as ReturnType<typeof currentText>);
      return { topic, kind: isNotice ? ('notice' as const) : ('consent' as const), version: t.version, effectiveFrom: t.effectiveFrom, title: t.title, paragraphs: [...t.paragraphs] };
    },

    async myData(_input, ctx) {
      const openid = ctx.actor.openid;
      const cases = db.collection<CaseDoc>('cases');
      const [member, own, asApplicant, asProxy, bookings, aids, records, requests] = await Promise.all([
        getOrNull(db.collection<MemberDoc>('members').doc(openid)),
        residentProfile(openid),
        cases.where({ 'applicant.openid': openid }).orderBy('lastEventAt', 'desc').limit(LISTED).get(),
        cases.where({ 'proxy.openid': openid }).orderBy('lastEventAt', 'desc').limit(LISTED).get(),
        db.collection<BookingDoc>('bookings').where({ openid }).orderBy('startsAt', 'desc').limit(LISTED).get(),
        db.collection<AidDoc>('legal_aid').where({ applicantIds: openid }).orderBy('lastAt', 'desc').limit(LISTED).get(),
        myConsents(openid),
        deletions().where({ openid }).orderBy('at', 'desc').limit(20).get(),
      ]);
      const caseRows = [
        ...asApplicant.data.map((c) => ({ c, as: 'applicant' as const, who: c.applicant })),
        ...asProxy.data.filter((c) => c.applicant.openid !== openid).map((c) => ({ c, as: 'proxy' as const, who: c.proxy as NonNullable<CaseDoc['proxy']> })),
      ];
      const [village] = own?.villageId ? await loadOrgs([own.villageId]) : [];
      return {
        residentProfile: own ? { name: own.name, phone: masked(own.phone), village: village?.name ?? null, birthDate: own.birthDate } : null,
        profile: member
          ? { displayName: member.displayName, phone: masked(member.phone ?? ''), active: member.active, units: (member.grants ?? []).map((g) => ({ role: g.role, orgId: g.orgId })) }
          : null,
        cases: caseRows.map(({ c, as, who }) => ({ id: c._id, code: c.code, category: c.category, status: c.status, as, name: who.name, phone: masked(who.phone), receivedAt: new Date(c.receivedAt).toISOString() })),
        bookings: bookings.data.map((b) => ({ id: b._id, orgId: b.orgId, day: b.day, time: b.time, status: b.status, name: b.applicant.name, phone: masked(b.applicant.phone) })),
        legalAid: aids.data.map((a) => ({ id: a._id, code: a.code, status: a.status, name: a.applicantName })),
        consents: currentConsents(records).map(consentView),
        deletionRequests: requests.data.map(deletionView),
        retention: RETENTION.map((r) => ({ category: r.category, label: r.label, periodLabel: r.periodLabel, deletable: r.keep === 'on_request' })),
        truncated: [asApplicant, asProxy, bookings, aids].some((r) => r.data.length === LISTED),
        canProcessDeletions: mayCall(ctx.actor, DELETION_PROCESSORS),
      };
    },

    async consent(input, ctx) {
      return answer(ctx, { ...input, given: true });
    },

    async withdraw(input, ctx) {
      return answer(ctx, { ...input, given: false });
    },

    async requestDeletion(input, ctx) {
      const openid = ctx.actor.openid;
      const now = ctx.now();
      const { data: pending } = await deletions().where({ openid, status: 'pending' }).limit(1).get();
      if (pending.length > 0) throw refusal('deletion_pending', '您上次的删除申请还在处理中，请等处理完再申请');
      const [{ erasable, upcoming }, member, own] = await Promise.all([erasableBookings(openid, now), getOrNull(db.collection<MemberDoc>('members').doc(openid)), residentProfile(openid)]);
      const items = deletionItems(input.categories as RetentionCategory[], { bookings: erasable.length, profile: member && !member.active ? 1 : 0, resident_profile: own ? 1 : 0 }).map((item): DeletionItem => {
        if (item.outcome !== 'nothing_held') return item;
        if (item.category === 'bookings' && upcoming > 0) return { ...item, note: '还有没到的预约，请先取消再申请删除' };
        if (item.category === 'profile' && member?.active) return { ...item, outcome: 'kept_by_rule', note: '在岗期间需要保存，停用后可以申请删除' };
        return item;
      });
      const doc: Omit<DeletionDoc, '_id'> = {
        openid,
        at: now,
        status: items.some((i) => i.outcome === 'queued') ? 'pending' : 'closed',
        items,
        reason: null,
        processedAt: null,
        processedBy: null,
      };
      const { _id } = await deletions().add({ data: doc });
      return deletionView({ _id, ...doc });
    },

    async deletionRequests(input) {
      const { data } = await deletions().where({ status: input.status }).orderBy('at', input.status === 'pending' ? 'asc' : 'desc').limit(PENDING_LISTED).get();
      return { requests: data.map((d) => ({ ...deletionView(d), requester: `微信用户…${d.openid.slice(-4)}` })) };
    },

    async processDeletion(input, ctx) {
      const now = ctx.now();
      const request = await getOrNull(deletions().doc(input.id));
      if (!request) throw refusal('deletion_not_found', '没有找到这条删除申请');
      if (request.status !== 'pending') throw refusal('deletion_closed', '这条删除申请已经处理过了');
      let items: DeletionItem[];
      if (input.decision === 'decline') {
        items = request.items.map((i) => (i.outcome === 'queued' ? { ...i, outcome: 'declined', note: input.reason as string } : i));
      } else {
        items = [];
        for (const item of request.items) {
          if (item.outcome !== 'queued') {
            items.push(item);
          } else if (item.category === 'bookings') {
            // Only what may go now: a seat booked since the request is not taken from under the person.
            const { erasable } = await erasableBookings(request.openid, now);
            for (const b of erasable) {
              // The person's key leaves the past slot day's holders too (booking's own release, read-only
              // use): first, so a run cut off here is carried out again, never leaving a holder behind.
              await releaseSeat({ ...b, holder: b.holder ?? b.openid, seat: b.seat ?? 'general' }, now);
              await db.collection('bookings').doc(b._id).remove();
            }
            items.push({ ...item, outcome: 'deleted', note: `已删除${erasable.length}条预约记录`, count: erasable.length });
          } else if (item.category === 'resident_profile') {
            // Deleted since the request (on 我的) is as good as carried out.
            const { stats } = await db.collection('profiles').where({ _id: request.openid }).remove();
            items.push({ ...item, outcome: 'deleted', note: '已删除我的资料', count: stats.removed });
          } else if (item.category === 'profile') {
            const gone = await db
              .collection('members')
              .where({ _id: request.openid, active: false })
              .update({ data: { displayName: '已删除', phone: '已删除', phoneEnc: _.remove(), phoneHash: _.remove(), erasedAt: now } });
            items.push(gone.stats.updated === 1 ? { ...item, outcome: 'deleted', note: '已删除姓名和电话', count: 1 } : { ...item, outcome: 'declined', note: '又在岗了，在岗期间需要保存' });
          } else {
            items.push({ ...item, outcome: 'declined', note: '这类记录不能删除' });
          }
        }
      }
      const status = input.decision === 'decline' ? 'declined' : 'done';
      const done = await deletions()
        .where({ _id: request._id, status: 'pending' })
        .update({ data: { status, items: _.set(items), reason: input.reason ?? null, processedAt: now, processedBy: ctx.actor.openid } });
      if (done.stats.updated !== 1) throw refusal('deletion_closed', '这条删除申请已经处理过了');
      await audit(ctx, status === 'done' ? 'privacy.deletion.done' : 'privacy.deletion.declined', request._id, {
        categories: items.map((i) => i.category),
        deleted: Object.fromEntries(items.filter((i) => i.outcome === 'deleted').map((i) => [i.category, i.count ?? 0])),
        ...(input.reason && { reason: input.reason }),
      });
      return deletionView({ ...request, status, items, reason: input.reason ?? null, processedAt: now, processedBy: ctx.actor.openid });
    },
  },
  { sweep },
);
