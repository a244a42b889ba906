import { bookingContracts, bookingRefusal } from '@core';
import { _ } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { lookupHash } from '../_runtime/protect';
import { bookings, nameOf, ownerView, updateAndReturn, type BookingDoc } from './store';

/**
 * A booking a cadre or relative made for someone (代办) shows in the applicant's own 我的预约 once
 * they claim it with what only they hold: the check-in code they were given and the phone it was
 * booked with (matched by its keyed hash, never read plain). Only a booking still to come is claimed.
 */
export const claim: Handler<typeof bookingContracts.claim> = async (input, ctx) => {
  const now = ctx.now();
  const me = ctx.actor.openid;
  const { data } = await bookings()
    .where({ code: input.code, 'applicant.phoneHash': lookupHash('phone', input.phone), status: 'booked', startsAt: _.gt(now) })
    .limit(2)
    .get();
  const found = data.length === 1 ? data[0] : undefined;
  if (!found) throw bookingRefusal('claim_not_found', '没有找到这个预约，请核对签到码和手机号');
  const after = found.applicantOpenid === me ? found : await updateAndReturn<BookingDoc>('bookings', { _id: found._id, status: 'booked' }, { applicantOpenid: me });
  if (!after) throw bookingRefusal('claim_not_found', '没有找到这个预约，请核对签到码和手机号');
  return ownerView(ctx, found._id, after, await nameOf(found.orgId), now);
};
