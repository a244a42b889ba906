import { bookingContracts, bookingRefusal, cancellation, slotDayId, slotKey, toBookingView, type Canceller } from '@core';
import { _, getOrNull } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { assertOffice } from './office';
import { bookings, nameOf, slotDays } from './store';

export const cancel: Handler<typeof bookingContracts.cancel> = async (input, ctx) => {
  const now = ctx.now();
  const found = await getOrNull(bookings().doc(input.bookingId));
  if (!found) throw bookingRefusal('booking_not_found', '没有找到这个预约');
  const by: Canceller = found.openid === ctx.actor.openid ? 'applicant' : 'office';
  if (by === 'office') await assertOffice(ctx, found.orgId);
  const change = cancellation(found, by, input.reason, now);
  // Only a booking still booked changes: two cancels at once, or a cancel racing the office, free one seat.
  const done = await bookings().where({ _id: input.bookingId, status: 'booked' }).update({ data: change });
  if (done.stats.updated !== 1) throw bookingRefusal('changed_meanwhile', '这个预约刚刚有了变化，请刷新后再看');
  const key = slotKey(found.time);
  await slotDays()
    .where({ _id: slotDayId(found.orgId, found.day), [`times.${key}.holders`]: found.openid })
    .update({ data: { [`times.${key}.free`]: _.inc(1), [`times.${key}.holders`]: _.pull(found.openid) } });
  return toBookingView(input.bookingId, { ...found, ...change }, await nameOf(found.orgId), now, by === 'applicant' ? 'owner' : 'office');
};
