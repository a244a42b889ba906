import {
  BOOK_RATE_LIMIT,
  bookingContracts,
  bookingId,
  bookingLimitRefusal,
  holderKey,
  holdsSeat,
  MAX_ACTIVE_BOOKINGS,
  newBooking,
  poolCounter,
  refuse,
  seatAttempts,
  slotDayId,
  slotKey,
  stillHeld,
  whyNotBookable,
  SCHEDULE_DEFAULTS,
  type Booking,
  type BookingView,
  type SeatPool,
} from '@core';
import { _, getOrNull } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { bookings, nameOf, ownerView, people, protectedPerson, slotDays, updateAndReturn, type PersonDoc, type SlotDayDoc } from './store';

const MINUTE_MS = 60_000;
/** Rounds of the person's counter before giving up: only a person racing themselves needs a second. */
const ATTEMPTS = 4;

function padded(times: readonly number[], size: number): number[] {
  const kept = times.slice(-size);
  return [...Array<number>(size - kept.length).fill(0), ...kept];
}

/**
 * Takes the booking's place in the person's counter and one call from their booking rate, in one
 * conditional update: fewer than MAX_ACTIVE_BOOKINGS held, this id not among them, and the
 * perMinute-th latest attempt a minute old. 12 parallel requests meet one document, so at most 3
 * get through, whatever the timing. Answers false when the id is already held (a retry).
 */
export async function takePersonToken(me: string, id: string, now: Date): Promise<boolean> {
  const size = BOOK_RATE_LIMIT.perMinute;
  const t = now.getTime();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const taken = await people()
      .where({ _id: me, held: _.neq(id), [`held.${MAX_ACTIVE_BOOKINGS - 1}`]: _.exists(false), 'at.0': _.lte(t - MINUTE_MS) })
      .update({ data: { held: _.push([id]), at: _.push({ each: [t], slice: -size }) } });
    if (taken.stats.updated === 1) return true;
    // Missed: a first booking ever (no counter yet), a retry, the limit, or the rate.
    const doc = attempt === 0 ? await firstCounter(me, id, t, size) : await getOrNull(people().doc(me));
    if (doc === 'created') return true;
    if (!doc) continue;
    if (doc.held.includes(id)) return false;
    if ((doc.at[doc.at.length - size] ?? 0) > t - MINUTE_MS) {
      throw refuse('RATE_LIMITED', 'too_many_requests', undefined, { retryAfterSeconds: Math.max(1, Math.ceil(((doc.at[doc.at.length - size] ?? 0) + MINUTE_MS - t) / 1000)) });
    }
    if (doc.held.length >= MAX_ACTIVE_BOOKINGS) {
      // At the limit by the counter: ids of cancelled, moved or past bookings go, then try again.
      const { data } = await bookings().where({ _id: _.in(doc.held) }).limit(doc.held.length).get();
      const kept = stillHeld(doc.held, new Set(data.filter((b) => b.status !== 'booked').map((b) => b._id)), now);
      const overLimit = bookingLimitRefusal(kept.length);
      if (overLimit) throw overLimit;
      await people().where({ _id: me, held: _.eq(doc.held) }).update({ data: { held: _.set(kept) } });
    }
    if (doc.at.length !== size) await people().where({ _id: me, at: _.eq(doc.at) }).update({ data: { at: _.set(padded(doc.at.filter((x) => x <= t), size)) } });
  }
  throw refuse('RATE_LIMITED', 'too_many_requests', undefined, { retryAfterSeconds: 1 });
}

/** A person's first booking creates their counter holding it; a counter already there is read instead. */
async function firstCounter(me: string, id: string, t: number, size: number): Promise<PersonDoc | 'created' | null> {
  try {
    await people().add({ data: { _id: me, held: [id], at: padded([t], size) } });
    return 'created';
  } catch {
    return getOrNull(people().doc(me));
  }
}

/** Gives the counter's place back when no seat was taken after all. */
export async function giveBackToken(me: string, id: string): Promise<void> {
  await people().doc(me).update({ data: { held: _.pull(id) } });
}

/**
 * Takes a seat for `holder` in one conditional update per pool tried (core's seatAttempts): the
 * seat, its holder and every rule the day document can check, together. Answers the pool, or null.
 */
export async function takeSeat(
  at: { orgId: string; day: string; time: string; service: string },
  holder: string,
  priority: boolean,
  now: Date,
): Promise<{ pool: SeatPool; day: SlotDayDoc } | null> {
  const key = slotKey(at.time);
  for (const attempt of seatAttempts(priority)) {
    const counter = `times.${key}.${poolCounter(attempt.pool)}`;
    // The day as updated comes back in the same operation: the booking keeps the day's cut-off.
    const day = await updateAndReturn<SlotDayDoc>(
      'slot_days',
      {
        _id: slotDayId(at.orgId, at.day),
        active: true,
        services: at.service,
        [counter]: _.gt(0),
        [`times.${key}.lastCall`]: _.gt(now),
        [`times.${key}.holders`]: _.neq(holder),
        ...(attempt.onlyIfReleased ? { [`times.${key}.releaseAt`]: _.lte(now) } : {}),
      },
      {
        [counter]: _.inc(-1),
        [`times.${key}.holders`]: _.push([holder]),
        ...(attempt.pool === 'held' ? { [`times.${key}.heldBy`]: _.push([holder]) } : {}),
        [`times.${key}.since.${holder}`]: now.getTime(),
      },
    );
    if (day) return { pool: attempt.pool, day };
  }
  return null;
}

/**
 * A returning resident's booking is 4 database operations: the caller's member read, the person's
 * counter (limit and booking rate in one conditional update), the seat, the record. Their first
 * booking ever adds one (the counter is created). The booking's own id makes a retry find its first
 * answer without an idempotency record.
 */
export const book: Handler<typeof bookingContracts.book> = async (input, ctx) => {
  const now = ctx.now();
  const me = ctx.actor.openid;
  // A 代办 holds the seat for the person booked for, so a cadre can seat two elders in one slot.
  const sealedApplicant = protectedPerson(input.applicant);
  const holder = holderKey(me, input.proxy ? sealedApplicant.phoneHash.slice(0, 12) : null);
  const id = bookingId(input.orgId, input.day, input.time, holder);
  const priority = (input.priorityGroups ?? []).length > 0;
  const answer = async (b: Booking): Promise<BookingView> => ownerView(ctx, id, b, await nameOf(input.orgId), now);

  const fresh = await takePersonToken(me, id, now);
  const seat = await takeSeat(input, holder, priority, now);
  let pool: SeatPool = seat?.pool ?? 'general';
  let day: SlotDayDoc | null = seat?.day ?? null;
  if (!seat) {
    day = await getOrNull(slotDays().doc(slotDayId(input.orgId, input.day)));
    const why = whyNotBookable(day, input.time, input.service, holder, now, priority);
    if (why) {
      if (fresh) await giveBackToken(me, id);
      throw why;
    }
    // The seat is already this holder's: a repeated request, or one cut off before its record.
    const held = await getOrNull(bookings().doc(id));
    if (held && holdsSeat(held)) return answer(held);
    // A cancel of this very booking is freeing the seat right now: its record says cancelled.
    if (held) throw refuse('CONFLICT', 'retry_race', '刚才有人同时在预约，请再试一次');
    pool = day?.times[slotKey(input.time)]?.heldBy?.includes(holder) ? 'held' : 'general';
  }

  // Sealed only for a booking that took its seat: a refused request costs no encryption.
  const cancelMinutes = day?.cancelMinutes ?? SCHEDULE_DEFAULTS.cancelMinutes;
  const booking = newBooking(
    { ...input, applicant: sealedApplicant, proxy: input.proxy && protectedPerson(input.proxy) },
    me,
    now,
    { id, holder, seat: pool, cancelMinutes, end: day?.times[slotKey(input.time)]?.end },
  );
  await bookings().doc(id).set({ data: booking });
  return answer(booking);
};

