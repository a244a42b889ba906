import { toBookingView, type Booking, type BookingView, type Schedule, type SlotDay } from '@core';
import { _, db } from '../_runtime/cloud';
import type { ActionContext } from '../_runtime/function';
import { protectPhone, reveal, sealedOrLegacy } from '../_runtime/protect';
import { unitNames } from '../_runtime/orgs';

export type ScheduleDoc = Schedule & { _id: string; updatedAt?: Date; updatedBy?: string };
export type SlotDayDoc = SlotDay & { _id: string };
export type BookingDoc = Booking & { _id: string };

export const schedules = () => db.collection<ScheduleDoc>('schedules');
export const slotDays = () => db.collection<SlotDayDoc>('slot_days');
export const bookings = () => db.collection<BookingDoc>('bookings');

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
