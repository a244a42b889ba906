import { bookingContracts, bookingRefusal, byTime, dayLabel, mayAccess, toBookingView } from '@core';
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
  return { dayLabel: dayLabel(input.day), bookings: [...data].sort(byTime).map((b) => toBookingView(b._id, b, name, now, 'office')) };
};
