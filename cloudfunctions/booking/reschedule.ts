import { assertCancellable, bookingContracts, bookingId, bookingRefusal, holdsSeat, newBooking, SCHEDULE_DEFAULTS, slotDayId, slotKey, whyNotBookable } from '@core';
import { auditedRefusal } from '../_runtime/audit';
import { _, getOrNull } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { takeSeat } from './book';
import { releaseSeat } from './cancel';
import { bookings, nameOf, ownerView, people, slotDays, updateAndReturn, type BookingDoc } from './store';

/**
 * 改约: the new seat is taken and its booking written before the old booking is marked and its seat
 * freed, so however the moves of many residents interleave (or one is cut off), nobody is left
 * with neither: at worst, for a moment, with both, which the old record's status settles.
 */
export const reschedule: Handler<typeof bookingContracts.reschedule> = async (input, ctx) => {
  const now = ctx.now();
  const me = ctx.actor.openid;
  const old = await getOrNull(bookings().doc(input.bookingId));
  if (!old || old.openid !== me) throw auditedRefusal(bookingRefusal('booking_not_found', '没有找到这个预约'), { cause: old ? 'not_owner' : 'booking_not_found', subject: input.bookingId });
  const holder = old.holder ?? old.openid;
  const id = bookingId(old.orgId, input.day, input.time, holder);
  const answer = async (b: BookingDoc) => ownerView(ctx, b._id, b, await nameOf(b.orgId), now);
  if (old.status === 'rescheduled' && old.rescheduledTo === id) {
    const moved = await getOrNull(bookings().doc(id));
    if (moved) return answer(moved); // a repeated request
  }
  assertCancellable(old, now, 'applicant');
  if (id === input.bookingId) throw bookingRefusal('same_slot', '新时间和原来的一样');

  const at = { orgId: old.orgId, day: input.day, time: input.time, service: old.service };
  const priority = (old.priorityGroups ?? []).length > 0;
  const seat = await takeSeat(at, holder, priority, now);
  let day = seat?.day ?? null;
  let pool = seat?.pool ?? 'general';
  if (!seat) {
    day = await getOrNull(slotDays().doc(slotDayId(old.orgId, input.day)));
    const why = whyNotBookable(day, input.time, old.service, holder, now, priority);
    if (why) throw why; // the old booking stands untouched
    const held = await getOrNull(bookings().doc(id));
    if (held && !holdsSeat(held)) throw bookingRefusal('retry_race', '刚才有人同时在预约，请再试一次');
    pool = day?.times[slotKey(input.time)]?.heldBy?.includes(holder) ? 'held' : 'general';
  }
  const moved: BookingDoc = {
    ...newBooking(
      { orgId: old.orgId, day: input.day, time: input.time, service: old.service, applicant: old.applicant, proxy: old.proxy ?? undefined, note: old.note, priorityGroups: old.priorityGroups },
      me,
      now,
      { id, holder, seat: pool, cancelMinutes: day?.cancelMinutes ?? SCHEDULE_DEFAULTS.cancelMinutes, end: day?.times[slotKey(input.time)]?.end },
    ),
    rescheduledFrom: input.bookingId,
    _id: id,
  };
  const { _id: _omit, ...record } = moved;
  void _omit;
  await bookings().doc(id).set({ data: record });
  // Only now the old one goes: marked first, then its seat, as a cancel does.
  const marked = await updateAndReturn<BookingDoc>(
    'bookings',
    { _id: input.bookingId, status: 'booked' },
    { status: 'rescheduled', rescheduledTo: id, cancelledAt: now, cancelledBy: 'applicant', cancelReason: null },
  );
  if (marked) await releaseSeat(marked, now);
  await people().doc(me).update({ data: { held: _.push([id]) } });
  await people().doc(me).update({ data: { held: _.pull(input.bookingId) } });
  return answer(moved);
};
