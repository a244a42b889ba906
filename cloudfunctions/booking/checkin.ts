import { bookingContracts, bookingRefusal } from '@core';
import { loadCalendar } from '../_runtime/calendar';
import { _, getOrNull } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { orgFacts } from '../_runtime/orgs';
import { actingActor } from '../case/reach';
import { openCase } from '../case/store';
import { assertOffice } from './office';
import { bookings, nameOf, updateAndReturn, type BookingDoc } from './store';
import { toBookingView } from '@core';

/** A case id per booking: a repeated check-in finds the case it opened (openCase answers it). */
const caseIdOf = (bookingId: string) => `b${Buffer.from(bookingId).toString('base64url').slice(-40)}`;

/**
 * 签到: staff find the booking by the code the resident shows (or pick it from the day's list),
 * mark it attended, and open its case through the case store's intake, so the 台账, 统计 and the
 * rating follow the visit. The booking names the case and the case's summary names the booking.
 */
export const checkIn: Handler<typeof bookingContracts.checkIn> = async (input, ctx) => {
  await assertOffice(ctx, input.orgId);
  const now = ctx.now();
  let found: BookingDoc | null = null;
  if (input.bookingId) {
    found = await getOrNull(bookings().doc(input.bookingId));
    if (!found || found.orgId !== input.orgId) throw bookingRefusal('booking_not_found', '没有找到这个预约');
  } else if (input.code) {
    const { data } = await bookings().where({ orgId: input.orgId, day: input.day, code: input.code, status: _.in(['booked', 'attended']) }).limit(2).get();
    if (data.length !== 1) throw bookingRefusal('code_not_found', '没有这个签到码，请核对或从名单里选');
    found = data[0] ?? null;
  }
  if (!found) throw bookingRefusal('booking_not_found', '没有找到这个预约');
  if (found.day !== input.day || (found.status !== 'booked' && !(found.status === 'attended' && found.caseId))) {
    throw bookingRefusal('not_checkable', '这个预约不能签到');
  }
  const name = await nameOf(found.orgId);
  if (found.status === 'attended' && found.caseId) return { booking: toBookingView(found._id, found, name, now, 'office'), caseId: found.caseId };

  const caseId = caseIdOf(found._id);
  const org = (await orgFacts([found.orgId])).get(found.orgId);
  const { calendar } = await loadCalendar(now);
  await openCase(
    caseId,
    {
      channel: 'appointment',
      category: found.service as never,
      summary: `预约到场：${found.day} ${found.time}（预约号 ${found.code}）${found.note ? `，${found.note}` : ''}`,
      applicant: { openid: found.proxy ? null : found.openid, ...found.applicant } as never,
      proxy: found.proxy ? ({ openid: found.openid, ...found.proxy } as never) : null,
      orgId: found.orgId,
      priorityGroups: found.priorityGroups ?? [],
    },
    { actor: actingActor(ctx, '工作人员'), at: now },
    [...(org?.path ?? [])],
    calendar,
  );
  const after = await updateAndReturn<BookingDoc>(
    'bookings',
    { _id: found._id, status: 'booked' },
    { status: 'attended', checkedInAt: now, checkedInBy: ctx.actor.openid, caseId },
  );
  const shown = after ?? { ...found, status: 'attended' as const, checkedInAt: now, checkedInBy: ctx.actor.openid, caseId };
  return { booking: toBookingView(found._id, shown, name, now, 'office'), caseId };
};
