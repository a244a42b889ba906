import { bookingContracts, bookingId, bookingLimitRefusal, holdsSeat, newBooking, slotDayId, slotKey, whyNotBookable, type Booking, type BookingView } from '@core';
import { _, getOrNull } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { bookings, nameOf, ownerView, protectedPerson, slotDays, type BookingDoc } from './store';

/** The booking a repeated request already made, if it still holds its seat. */
async function heldAlready(id: string): Promise<BookingDoc | null> {
  const found = await getOrNull(bookings().doc(id));
  return found && holdsSeat(found) ? found : null;
}

/**
 * Count (1), take the seat (1), write the record (1): with the caller's member read, 4 database
 * operations. The booking's own id makes a retry find its first answer without an idempotency
 * record; the record is read only when a retry is likely.
 */
export const book: Handler<typeof bookingContracts.book> = async (input, ctx) => {
  const now = ctx.now();
  const me = ctx.actor.openid;
  const id = bookingId(input.orgId, input.day, input.time, me);
  const answer = async (b: Booking): Promise<BookingView> => ownerView(ctx, id, b, await nameOf(input.orgId), now);

  const upcoming = await bookings().where({ openid: me, status: 'booked', startsAt: _.gt(now) }).count();
  const overLimit = bookingLimitRefusal(upcoming.total);
  if (overLimit) {
    // A retry of a booking already made is not one more.
    const held = await heldAlready(id);
    if (held) return answer(held);
    throw overLimit;
  }

  const key = slotKey(input.time);
  // The seat, its holder and every rule the day document can check, in one atomic update.
  const taken = await slotDays()
    .where({
      _id: slotDayId(input.orgId, input.day),
      active: true,
      services: input.service,
      [`times.${key}.free`]: _.gt(0),
      [`times.${key}.lastCall`]: _.gt(now),
      [`times.${key}.holders`]: _.neq(me),
    })
    .update({ data: { [`times.${key}.free`]: _.inc(-1), [`times.${key}.holders`]: _.push([me]) } });
  if (taken.stats.updated !== 1) {
    const day = await getOrNull(slotDays().doc(slotDayId(input.orgId, input.day)));
    const why = whyNotBookable(day, input.time, input.service, me, now);
    if (why) throw why;
    // The seat is already this person's: a repeated request, or one cut off before its record.
    const held = await heldAlready(id);
    if (held) return answer(held);
  }

  // Sealed only for a booking that took its seat: a refused request costs no encryption.
  const booking = newBooking({ ...input, applicant: protectedPerson(input.applicant), proxy: input.proxy && protectedPerson(input.proxy) }, me, now);
  await bookings().doc(id).set({ data: booking });
  return answer(booking);
};
