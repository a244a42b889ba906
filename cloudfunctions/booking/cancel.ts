import { AppError, bookingContracts, bookingRefusal, cancellation, slotDayId, slotKey, toBookingView, type Canceller } from '@core';
import { auditedRefusal } from '../_runtime/audit';
import { _, getOrNull } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { assertOffice } from './office';
import { bookings, nameOf, ownerView, slotDays, type BookingDoc } from './store';

/** One answer for a booking id nobody has and one the caller may not cancel. */
const noSuchBooking = () => bookingRefusal('booking_not_found', '没有找到这个预约');

/**
 * Someone else's booking the caller does not serve as office answers exactly as a missing id, so
 * an id tried reveals nothing about who booked what; both are audited with the real cause.
 */
async function assertMayCancel(ctx: ActionContext, found: BookingDoc, bookingId: string): Promise<Canceller> {
  if (found.openid === ctx.actor.openid) return 'applicant';
  try {
    await assertOffice(ctx, found.orgId);
  } catch (err) {
    if (err instanceof AppError) throw auditedRefusal(noSuchBooking(), { cause: err.details?.reason ?? 'not_office', subject: bookingId });
    throw err;
  }
  return 'office';
}

export const cancel: Handler<typeof bookingContracts.cancel> = async (input, ctx) => {
  const now = ctx.now();
  const found = await getOrNull(bookings().doc(input.bookingId));
  if (!found) throw auditedRefusal(noSuchBooking(), { cause: 'booking_not_found' });
  const by = await assertMayCancel(ctx, found, input.bookingId);
  const change = cancellation(found, by, input.reason, now);
  // Only a booking still booked changes: two cancels at once, or a cancel racing the office, free one seat.
  const done = await bookings().where({ _id: input.bookingId, status: 'booked' }).update({ data: change });
  if (done.stats.updated !== 1) throw bookingRefusal('changed_meanwhile', '这个预约刚刚有了变化，请刷新后再看');
  const key = slotKey(found.time);
  await slotDays()
    .where({ _id: slotDayId(found.orgId, found.day), [`times.${key}.holders`]: found.openid })
    .update({ data: { [`times.${key}.free`]: _.inc(1), [`times.${key}.holders`]: _.pull(found.openid) } });
  const after = { ...found, ...change };
  const orgName = await nameOf(found.orgId);
  return by === 'applicant' ? ownerView(ctx, input.bookingId, after, orgName, now) : toBookingView(input.bookingId, after, orgName, now, 'office');
};
