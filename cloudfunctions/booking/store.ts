import { type Booking, type Schedule, type SlotDay } from '@core';
import { _, db } from '../_runtime/cloud';
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
