import { bookingContracts, splitUpcoming } from '@core';
import type { Handler } from '../_runtime/function';
import { unitNames } from '../_runtime/orgs';
import { bookings, ownerView } from './store';

/**
 * A person's bookings newest first: 3 upcoming at most and the 20 shown after them, with room
 * for the bookings they cancelled ahead of time, which sort before the upcoming ones.
 */
const MY_BOOKINGS_READ = 60;

export const myBookings: Handler<typeof bookingContracts.myBookings> = async (_input, ctx) => {
  const now = ctx.now();
  const me = ctx.actor.openid;
  const [made, claimed] = await Promise.all([
    bookings().where({ openid: me }).orderBy('startsAt', 'desc').limit(MY_BOOKINGS_READ).get(),
    bookings().where({ applicantOpenid: me }).orderBy('startsAt', 'desc').limit(MY_BOOKINGS_READ).get(),
  ]);
  // A booking both made and claimed by the caller shows once; newest first as the split expects.
  const byId = new Map([...made.data, ...claimed.data].map((b) => [b._id, b]));
  const data = [...byId.values()].sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  const { upcoming, past } = splitUpcoming(data, now);
  const shown = [...upcoming, ...past];
  const name = await unitNames(shown.map((b) => b.orgId));
  return { bookings: await Promise.all(shown.map((b) => ownerView(ctx, b._id, b, name(b.orgId), now))) };
};
