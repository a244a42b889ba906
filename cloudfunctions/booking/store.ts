import { toBookingView, type Booking, type BookingView, type Schedule, type SlotDay } from '@core';
import { _, db, getOrNull } from '../_runtime/cloud';
import type { ActionContext } from '../_runtime/function';
import { protectPhone, reveal, sealedOrLegacy } from '../_runtime/protect';
import { unitNames } from '../_runtime/orgs';

export type ScheduleDoc = Schedule & { _id: string; advisorIds?: string[]; updatedAt?: Date; updatedBy?: string };
export type SlotDayDoc = SlotDay & { _id: string };
export type BookingDoc = Booking & { _id: string };

export const schedules = () => db.collection<ScheduleDoc>('schedules');
export const slotDays = () => db.collection<SlotDayDoc>('slot_days');
export const bookings = () => db.collection<BookingDoc>('bookings');

/** A booker's counter (see book.ts): upcoming booking ids held, and the times of their latest attempts. */
export interface PersonDoc {
  _id: string;
  held: string[];
  at: number[];
}
export const people = () => db.collection<PersonDoc>('booking_people');

/**
 * A conditional update that answers the document as updated, in one operation (the database's
 * modifyAndReturnDoc, `updateAndReturn` of @cloudbase/database); null when nothing matched.
 * wx-server-sdk's query wrapper does not pass the method through, so it is called on the query it
 * wraps; were that ever missing, the same answer comes from an update and a read (2 operations).
 */
export async function updateAndReturn<T extends { _id: string }>(collection: string, where: { _id: string; [field: string]: unknown }, data: object): Promise<T | null> {
  const query = db.collection(collection).where(where) as unknown as {
    _query?: { updateAndReturn?(data: object): Promise<{ updated?: number; doc?: T | null; code?: string; message?: string }> };
  };
  const inner = query._query;
  if (inner && typeof inner.updateAndReturn === 'function') {
    const res = await inner.updateAndReturn(data);
    if (res.code) throw new Error(`updateAndReturn on ${collection}: ${res.code} ${res.message ?? ''}`);
    return res.updated === 1 ? (res.doc ?? null) : null;
  }
  const done = await db.collection(collection).where(where).update({ data });
  if (done.stats.updated !== 1) return null;
  return getOrNull<T>(db.collection<T>(collection).doc(where._id));
}
export function stripId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}

/** A unit's name from the warm instance's facts (read at most once a minute). */
export async function nameOf(orgId: string): Promise<string> {
  return (await unitNames([orgId]))(orgId);
}

/** The stored day documents of a unit among `days`, by day (a day the timer has not opened is absent). */
export async function loadDays(orgId: string, days: readonly string[]): Promise<Map<string, SlotDayDoc>> {
  const { data } = await slotDays().where({ orgId, day: _.in([...days]) }).limit(days.length).get();
  return new Map(data.map((d) => [d.day, d]));
}

/** A person as a booking stores them: the phone masked, sealed and hashed before core or the database sees it. */
export function protectedPerson<P extends { phone: string }>(person: P): Omit<P, 'phone'> & ReturnType<typeof protectPhone> {
  return { ...person, ...protectPhone(person.phone) };
}

/**
 * The booking as the person who made it sees it: the number they gave, in full. It is their own
 * data, so reveal writes no audit row; the office's views keep the masked copy and reveal nothing.
 */
export async function ownerView(ctx: ActionContext, id: string, b: Booking, orgName: string, now: Date): Promise<BookingView> {
  const [phone] = await reveal(ctx, { purpose: 'booking.phone.read', subject: id, units: [b.orgId], owners: [b.openid] }, [sealedOrLegacy(b.applicant)]);
  return toBookingView(id, { ...b, applicant: { ...b.applicant, phone: phone ?? b.applicant.phone } }, orgName, now, 'owner');
}

/** Where a booking's message card opens: 我的预约. */
export const MINE_PAGE = 'pages/booking/mine/index';
