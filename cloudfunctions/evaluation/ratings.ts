import {
  dayLabel,
  formatShanghai,
  ownRatingView,
  rateService,
  ratingIdOf,
  serviceReturnVisit,
  type Booking,
  type RatedSubject,
  type ServedEvent,
  type ServiceRatingDoc,
  type evaluationContracts,
} from '@core';
import { loadCalendar } from '../_runtime/calendar';
import { _, db, getOrNull } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { loadOrgs } from '../_runtime/orgs';
import { transaction } from '../_runtime/transaction';
import { sampleShare } from './return-visits';

type Contracts = typeof evaluationContracts;

/** The fields of a group question this function reads (the group function owns the document). */
interface QuestionDoc {
  _id: string;
  orgId: string;
  kind: string;
  authorOpenid: string;
  answeredAt: Date | null;
  answeredBy: string | null;
  caseId: string | null;
  createdAt: Date;
}

const pathOf = async (orgId: string) => (await loadOrgs([orgId]))[0]?.path ?? [];
const present = (xs: Array<string | null | undefined>) => [...new Set(xs.filter((x): x is string => !!x))];

/** An attended booking: its booker and the applicant who claimed it were served; reception and the case's handlers served. */
async function bookingEvent(id: string): Promise<ServedEvent | null> {
  const b = await getOrNull(db.collection<Booking & { _id: string }>('bookings').doc(id));
  if (!b) return null;
  const handled = b.caseId ? await getOrNull(db.collection<{ handler: { openid: string } | null; firstHandler: { openid: string } | null }>('cases').doc(b.caseId)) : null;
  return {
    kind: 'booking',
    id,
    orgId: b.orgId,
    orgPath: await pathOf(b.orgId),
    label: `预约服务 ${dayLabel(b.day)} ${b.time}`,
    caseId: b.caseId,
    raters: present([b.openid, b.applicantOpenid]),
    servedBy: present([b.checkedInBy, handled?.handler?.openid, handled?.firstHandler?.openid]),
    served: b.status === 'attended',
  };
}

/** An answered question: its asker was served, by whoever answered it first. */
async function questionEvent(id: string): Promise<ServedEvent | null> {
  const q = await getOrNull(db.collection<QuestionDoc>('group_messages').doc(id));
  if (!q || q.kind !== 'question') return null;
  return {
    kind: 'question',
    id,
    orgId: q.orgId,
    orgPath: await pathOf(q.orgId),
    label: `群里提问 ${formatShanghai(new Date(q.createdAt), 'M月D日 HH:mm')}`,
    caseId: q.caseId,
    raters: [q.authorOpenid],
    servedBy: present([q.answeredBy]),
    served: q.answeredAt !== null && q.answeredAt !== undefined,
  };
}

const eventOf = (kind: RatedSubject, id: string) => (kind === 'booking' ? bookingEvent(id) : questionEvent(id));

export const rate: Handler<Contracts['rate']> = async (input, ctx) => {
  const now = ctx.now();
  const event = await eventOf(input.kind, input.id);
  const { calendar } = await loadCalendar(now);
  const id = ratingIdOf(input.kind, input.id);
  const doc = await transaction(async (tx) => {
    const already = (await getOrNull(tx.collection('service_ratings').doc(id))) !== null;
    const rated = rateService(event, ctx.actor.openid, { satisfaction: input.satisfaction, dimensions: input.dimensions, solved: input.solved, comment: input.comment }, now, already);
    const task = serviceReturnVisit(event as ServedEvent, { satisfaction: rated.satisfaction, at: now, id }, calendar, sampleShare());
    await tx.collection('service_ratings').add({ data: rated });
    if (task) await tx.collection('return_visits').add({ data: task as unknown as Record<string, unknown> });
    return rated;
  });
  return ownRatingView(doc);
};

export const myRatings: Handler<Contracts['myRatings']> = async (input, ctx) => {
  if (input.ids.length === 0) return { ratings: [] };
  const ids = [...new Set(input.ids)].map((s) => ratingIdOf(input.kind, s));
  const { data } = await db.collection<ServiceRatingDoc>('service_ratings').where({ _id: _.in(ids) }).limit(ids.length).get();
  // Only the caller's own words come back: whoever else rated an event stays unnamed and unread.
  return { ratings: data.filter((d) => d.by === ctx.actor.openid).map(ownRatingView) };
};
