import {
  AppError,
  bookingContracts,
  bookingNotice,
  SERVICE_LABELS,
  bookingRefusal,
  cancellation,
  parseBookingId,
  slotDayId,
  slotKey,
  toBookingView,
  type Booking,
  type Canceller,
} from '@core';
import { auditedRefusal } from '../_runtime/audit';
import { _, getOrNull } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { writeNoticesNow } from '../_runtime/outbox';
import { assertOffice } from './office';
import { bookings, MINE_PAGE, nameOf, ownerView, slotDays, updateAndReturn, type BookingDoc } from './store';

/** One answer for a booking id nobody has and one the caller may not cancel. */
const noSuchBooking = () => bookingRefusal('booking_not_found', '没有找到这个预约');

/**
 * Someone else's booking the caller does not serve as office answers exactly as a missing id, so
 * an id tried reveals nothing about who booked what; both are audited with the real cause.
 */
async function assertMayCancel(ctx: ActionContext, found: BookingDoc, bookingId: string): Promise<Canceller> {
  if (found.openid === ctx.actor.openid || found.applicantOpenid === ctx.actor.openid) return 'applicant';
  try {
    await assertOffice(ctx, found.orgId);
  } catch (err) {
    if (err instanceof AppError) throw auditedRefusal(noSuchBooking(), { cause: err.details?.reason ?? 'not_office', subject: bookingId });
    throw err;
  }
  return 'office';
}

/**
 * Frees the seat a booking held, conditional on the holder still holding it (so a cancel cut off
 * and repeated, or the reconciliation, never frees it twice). A held 绿色通道 seat goes back to the
 * held pool while it is still held, else to everyone.
 */
export async function releaseSeat(b: Pick<Booking, 'orgId' | 'day' | 'time' | 'holder' | 'openid' | 'seat'>, now: Date): Promise<boolean> {
  const key = slotKey(b.time);
  const holder = b.holder ?? b.openid;
  const pools: Array<'heldFree' | 'free'> = b.seat === 'held' ? ['heldFree', 'free'] : ['free'];
  for (const counter of pools) {
    const done = await slotDays()
      .where({
        _id: slotDayId(b.orgId, b.day),
        [`times.${key}.holders`]: holder,
        ...(counter === 'heldFree' ? { [`times.${key}.releaseAt`]: _.gt(now) } : {}),
      })
      .update({
        data: {
          [`times.${key}.${counter}`]: _.inc(1),
          [`times.${key}.holders`]: _.pull(holder),
          [`times.${key}.heldBy`]: _.pull(holder),
          [`times.${key}.since.${holder}`]: _.remove(),
        },
      });
    if (done.stats.updated === 1) return true;
  }
  return false;
}

/**
 * The record first, the seat second: a booking is cancelled by one conditional update (still booked,
 * and for the applicant before the cut-off), and only the call that made that change frees the seat.
 * A re-booking of the same slot that meets the seat still held by a cancelled record is told to try
 * again (retry_race) rather than writing a record with no seat; a cancel cut off between the two
 * leaves a seat whose record is cancelled, which the timer's reconciliation frees.
 *
 * The applicant's cancel reads nothing first (the id names its holder): 4 database operations with
 * the member read and the rate limit. The office's reads the record to check its reach.
 */
export const cancel: Handler<typeof bookingContracts.cancel> = async (input, ctx) => {
  const now = ctx.now();
  const me = ctx.actor.openid;
  const parsed = parseBookingId(input.bookingId);
  const mine = parsed !== null && (parsed.holder === me || parsed.holder.startsWith(`${me}~`));

  let by: Canceller = 'applicant';
  let after: BookingDoc | null = null;
  if (mine) {
    by = 'applicant';
    const change = { status: 'cancelled', cancelledAt: now, cancelledBy: by, cancelReason: input.reason || null };
    after = await updateAndReturn<BookingDoc>(
      'bookings',
      { _id: input.bookingId, openid: me, status: 'booked', startsAt: _.gt(now), cancelBy: _.gt(now) },
      change,
    );
  }
  if (!after) {
    const found = await getOrNull(bookings().doc(input.bookingId));
    if (!found) throw auditedRefusal(noSuchBooking(), { cause: 'booking_not_found' });
    by = await assertMayCancel(ctx, found, input.bookingId);
    // Throws the reason the update above did not match (not booked, started, past the cut-off).
    const change = cancellation(found, by, input.reason, now);
    after = await updateAndReturn<BookingDoc>('bookings', { _id: input.bookingId, status: 'booked' }, change);
    if (!after) throw bookingRefusal('changed_meanwhile', '这个预约刚刚有了变化，请刷新后再看');
  }
  await releaseSeat(after, now);
  const orgName = await nameOf(after.orgId);
  if (by === 'office') {
    // The office's cancellation reaches the resident through N1 (pushed, with the reason).
    const facts = { bookingId: input.bookingId, openid: after.openid, unitName: orgName, startsAt: after.startsAt, service: SERVICE_LABELS[after.service], reason: after.cancelReason ?? undefined, page: MINE_PAGE };
    await writeNoticesNow([bookingNotice('booking.cancelled', facts, now, now.getTime())], now);
  }
  return after.openid === me || after.applicantOpenid === me ? ownerView(ctx, input.bookingId, after, orgName, now) : toBookingView(input.bookingId, after, orgName, now, 'office');
};
