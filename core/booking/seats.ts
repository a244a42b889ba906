import type { DayKey } from '../clock/shanghai';
import { heldFreeOf, heldReleased, slotStart, type SlotTime } from './schedule';

/**
 * The seat rules the booking function applies through conditional updates: which pool a person
 * tries first, where a freed seat goes back, when the timer moves held seats to everyone, and which
 * holders the reconciliation may release. Pure: the function turns each decision into one update.
 */

/** A slot's two pools: seats anyone may take, and 绿色通道 seats held for priority groups. */
export type SeatPool = 'general' | 'held';

/** One attempt at a seat: the pool, and whether the update must also find held seats released. */
export interface SeatAttempt {
  pool: SeatPool;
  /** A held seat for someone outside the priority groups: only once `releaseAt` has passed. */
  onlyIfReleased: boolean;
}

/**
 * The order a person tries the pools in, one conditional update each, stopping at the first that
 * takes: a priority resident takes a held seat first (leaving open seats to everyone else), then an
 * open one; anyone else an open seat, then a held one if they are released by then.
 */
export function seatAttempts(priority: boolean): SeatAttempt[] {
  return priority
    ? [
        { pool: 'held', onlyIfReleased: false },
        { pool: 'general', onlyIfReleased: false },
      ]
    : [
        { pool: 'general', onlyIfReleased: false },
        { pool: 'held', onlyIfReleased: true },
      ];
}

/** The counter a pool's seats are counted in on the slot. */
export function poolCounter(pool: SeatPool): 'free' | 'heldFree' {
  return pool === 'held' ? 'heldFree' : 'free';
}

/**
 * Where a freed seat goes: a held seat back to the held pool while it is still held, else to
 * everyone (after the release, the timer would have moved it there anyway).
 */
export function returnPool(t: Pick<SlotTime, 'heldBy' | 'releaseAt'>, holder: string, now: Date): SeatPool {
  return (t.heldBy ?? []).includes(holder) && !heldReleased(t, now) ? 'held' : 'general';
}

/** Held seats the timer hands to everyone now: those still free once `releaseAt` has passed. */
export function seatsToRelease(t: Pick<SlotTime, 'heldFree' | 'releaseAt'>, now: Date): number {
  return heldReleased(t, now) ? heldFreeOf(t) : 0;
}

/**
 * How long a seat may be held without its booking record before the reconciliation frees it: a
 * booking writes its record right after its seat, so a minute is far beyond any in-flight one.
 */
export const ORPHAN_GRACE_MS = 2 * 60_000;

/**
 * Holders whose seat no booked record stands behind (a booking cut off between its seat and its
 * record, or a cancel cut off after its record): freed by the timer, but only once they have held
 * the seat longer than the grace period, so the reconciliation never races a booking in flight.
 */
export function orphanHolders(t: Pick<SlotTime, 'holders' | 'since'>, bookedHolders: ReadonlySet<string>, now: Date, graceMs = ORPHAN_GRACE_MS): string[] {
  return t.holders.filter((h) => !bookedHolders.has(h) && now.getTime() - (t.since?.[h] ?? 0) > graceMs);
}

/** A seat's holder: the booker, or for a 代办 the booker and whom they book for, so a cadre can seat two elders in one slot. */
export function holderKey(openid: string, applicantKey?: string | null): string {
  return applicantKey ? `${openid}~${applicantKey}` : openid;
}

/** What a booking id tells without a read: its unit, day, time and holder (see bookingId). */
export function parseBookingId(id: string): { orgId: string; day: DayKey; time: string; holder: string } | null {
  const m = /^([a-z0-9-]+):(\d{4}-\d{2}-\d{2}):(\d{2})(\d{2}):(.+)$/.exec(id);
  if (!m) return null;
  return { orgId: m[1] as string, day: m[2] as string, time: `${m[3]}:${m[4]}`, holder: m[5] as string };
}

/** The slot's start, from a booking id alone; null for an id that is not one. */
export function startsAtOfId(id: string): Date | null {
  const parsed = parseBookingId(id);
  return parsed ? slotStart(parsed.day, parsed.time) : null;
}

/**
 * The booking ids a person's counter keeps once settled ones go: every booking still to come
 * that is booked, or has no record yet (a booking in flight writes its record just after its seat;
 * dropping it would let a parallel request past the limit). Cancels, moves, no-shows and past
 * visits leave their id behind, dropped here the next time the person is at the limit.
 */
export function stillHeld(ids: readonly string[], settled: ReadonlySet<string>, now: Date): string[] {
  return ids.filter((id) => !settled.has(id) && (startsAtOfId(id)?.getTime() ?? 0) > now.getTime());
}

/**
 * The check-in code a resident shows at the door (and reads out on the phone): 6 digits from the
 * booking's id, so it is stable across retries. Staff find it among one unit-day's bookings.
 */
export function checkInCode(bookingId: string): string {
  let h = 2166136261;
  for (let i = 0; i < bookingId.length; i++) {
    h ^= bookingId.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return String(h % 1_000_000).padStart(6, '0');
}

/** No-shows before staff see a person flagged on the day list (never refused automatically). */
export const REPEAT_NO_SHOWS = 2;

/** How long after a slot ends an unchecked booking becomes a no-show: time for a late check-in. */
export const NO_SHOW_GRACE_MS = 30 * 60_000;

/** Whether a booking still booked is a no-show now: its slot ended more than the grace ago. */
export function isNoShow(b: { status: string; startsAt: Date; endsAt?: Date | null }, now: Date, graceMs = NO_SHOW_GRACE_MS): boolean {
  const ends = b.endsAt ?? new Date(b.startsAt.getTime() + 60 * 60_000);
  return b.status === 'booked' && ends.getTime() + graceMs <= now.getTime();
}

/** The reminders of a booking that are due now and not sent yet: the day before and an hour before, each only if the booking was made before its time. */
export function dueReminders(
  b: { startsAt: Date; createdAt: Date; reminded?: readonly string[] | null },
  now: Date,
): Array<'booking.dayBefore' | 'booking.hourBefore'> {
  const sent = new Set(b.reminded ?? []);
  const due: Array<'booking.dayBefore' | 'booking.hourBefore'> = [];
  for (const [event, before] of [
    ['booking.dayBefore', 24 * 3_600_000],
    ['booking.hourBefore', 3_600_000],
  ] as const) {
    const at = b.startsAt.getTime() - before;
    if (!sent.has(event) && at <= now.getTime() && b.createdAt.getTime() < at && now.getTime() < b.startsAt.getTime()) due.push(event);
  }
  // Both due at once (a late run): the nearer one says enough.
  return due.length === 2 ? ['booking.hourBefore'] : due;
}
