import { bookingContracts, bookingRefusal, byTime, dayLabel, mayAccess, REPEAT_NO_SHOWS, toBookingView } from '@core';
import { _ } from '../_runtime/cloud';
import { orgFacts } from '../_runtime/orgs';
import type { ActionContext, Handler } from '../_runtime/function';
import { bookings, nameOf } from './store';

/**
 * One unit-day's bookings, cancelled ones included. A day seats its slots × seats: a room's
 * Tuesday morning 8, a center open 08:30–17:30 in half-hour slots of 3 seats 54. 500 is several
 * times a busy center's day with its cancellations; a schedule seating more (the form allows 20
 * seats a slot) would need this list paged.
 */
const DAY_BOOKINGS_READ = 500;
/** Earlier no-shows read for a day's applicants: enough to see who misses again and again. */
const NO_SHOWS_READ = 500;

/** The office side reaches a unit it serves or one under it. */
export async function assertOffice(ctx: ActionContext, orgId: string): Promise<void> {
  const org = (await orgFacts([orgId])).get(orgId);
  if (!org) throw bookingRefusal('unit_not_found', '没有这个服务单位');
  if (!mayAccess(ctx.actor, ctx.access, { orgId, orgPath: org.path })) {
    throw bookingRefusal('not_office', '只能查看本单位或下属单位的预约');
  }
}

export const dayBookings: Handler<typeof bookingContracts.dayBookings> = async (input, ctx) => {
  await assertOffice(ctx, input.orgId);
  const now = ctx.now();
  const { data } = await bookings().where({ orgId: input.orgId, day: input.day }).limit(DAY_BOOKINGS_READ).get();
  const name = await nameOf(input.orgId);
  // Repeated no-shows are shown to staff, never acted on automatically.
  const holders = [...new Set(data.filter((b) => b.status === 'booked').map((b) => b.holder ?? b.openid))];
  const missed = new Map<string, number>();
  if (holders.length > 0) {
    const { data: past } = await bookings().where({ holder: _.in(holders), status: 'missed' }).limit(NO_SHOWS_READ).get();
    for (const b of past) missed.set(b.holder, (missed.get(b.holder) ?? 0) + 1);
  }
  const repeatNoShows = data
    .filter((b) => b.status === 'booked' && (missed.get(b.holder ?? b.openid) ?? 0) >= REPEAT_NO_SHOWS)
    .map((b) => ({ bookingId: b._id, missed: missed.get(b.holder ?? b.openid) ?? 0 }));
  return { dayLabel: dayLabel(input.day), bookings: [...data].sort(byTime).map((b) => toBookingView(b._id, b, name, now, 'office')), repeatNoShows };
};
