import {
  AppError,
  bookingContracts,
  bookingDays,
  bookingId,
  slotDayId,
  slotDayOf,
  dayLabel,
  mayAccess,
  MAX_ACTIVE_BOOKINGS,
  replanDay,
  SERVICE_LABELS,
  slotKey,
  slotStart,
  slotViews,
  timesOf,
  toBookingView,
  whyNotBookable,
  assertCancellable,
  type Booking,
  type SlotDay,
  type Schedule,
} from '@core';
import { loadCalendar } from '../_runtime/calendar';
import { _, db, getOrNull } from '../_runtime/cloud';
import { defineFunction, type ActionContext } from '../_runtime/function';
import { orgFacts, unitNames } from '../_runtime/orgs';

type ScheduleDoc = Schedule & { _id: string };
type SlotDayDoc = SlotDay & { _id: string };
type BookingDoc = Booking & { _id: string };

const schedules = () => db.collection<ScheduleDoc>('schedules');
const slotDays = () => db.collection<SlotDayDoc>('slot_days');
const bookings = () => db.collection<BookingDoc>('bookings');

function stripId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}

/** The office side reaches a unit it serves or one under it. */
async function assertOffice(ctx: ActionContext, orgId: string): Promise<void> {
  const org = (await orgFacts([orgId])).get(orgId);
  if (!org) throw new AppError('NOT_FOUND', '没有这个服务单位');
  if (!mayAccess(ctx.actor, ctx.access, { orgId, orgPath: org.path })) throw new AppError('FORBIDDEN', '只能查看本单位或下属单位的预约');
}

/** A unit's name from the warm instance's facts (read at most once a minute). */
async function nameOf(orgId: string): Promise<string> {
  return (await unitNames([orgId]))(orgId);
}

async function loadDays(orgId: string, days: readonly string[]): Promise<Map<string, SlotDayDoc>> {
  const { data } = await slotDays().where({ orgId, day: _.in([...days]) }).limit(days.length).get();
  return new Map(data.map((d) => [d.day, d]));
}

/**
 * Writes the day documents a schedule gives the coming days: missing days are created, days
 * nobody booked take the new times, booked days keep theirs (core's replanDay). Answers how
 * many booked days kept their times.
 */
async function planDays(schedule: Schedule, now: Date, onlyMissing: boolean): Promise<{ written: number; kept: number }> {
  const { calendar } = await loadCalendar(now);
  const days = bookingDays(now, schedule.horizonDays);
  const current = await loadDays(schedule.orgId, days);
  let kept = 0;
  let written = 0;
  for (const day of days) {
    const existing = current.get(day) ?? null;
    if (existing && onlyMissing) continue;
    const fresh = slotDayOf(schedule, day, calendar);
    // A day the unit is closed gets no document, unless one must be cleared or kept.
    if (!existing && Object.keys(fresh.times).length === 0) continue;
    const plan = replanDay(existing ? stripId(existing) : null, fresh);
    if (plan.kept) kept += 1;
    await slotDays().doc(slotDayId(schedule.orgId, day)).set({ data: plan.doc });
    written += 1;
  }
  return { written, kept };
}

/**
 * Days opened under a longer horizon than the new one: nobody can book them any more; those with
 * bookings stay (paused) so their appointments stand, the rest go. Answers how many were kept.
 */
async function closeBeyond(schedule: Schedule, now: Date): Promise<number> {
  const lastDay = bookingDays(now, schedule.horizonDays).at(-1) as string;
  const { data } = await slotDays().where({ orgId: schedule.orgId, day: _.gt(lastDay) }).limit(100).get();
  let kept = 0;
  for (const day of data) {
    const booked = Object.values(day.times).some((t) => t.holders.length > 0);
    if (booked) kept += 1;
    await (booked ? slotDays().doc(day._id).update({ data: { active: false } }) : slotDays().doc(day._id).remove());
  }
  return kept;
}

export const main = defineFunction(
  'booking',
  bookingContracts,
  {
    async listSlots(input, ctx) {
      const now = ctx.now();
      const [org, schedule] = await Promise.all([orgFacts([input.orgId]).then((f) => f.get(input.orgId)), getOrNull(schedules().doc(input.orgId))]);
      if (!org) throw new AppError('NOT_FOUND', '没有这个服务单位');
      const closed = { orgId: input.orgId, orgName: org.name, open: false, services: [], days: [] };
      if (!schedule || !schedule.active) return closed;
      const days = bookingDays(now, schedule.horizonDays);
      const stored = await loadDays(input.orgId, days);
      const { calendar } = await loadCalendar(now);
      // A day the timer has not opened yet shows as the schedule will open it: all seats free.
      const shown = days
        .map((day) => ({ day, times: timesOf(stored.get(day) ?? slotDayOf(schedule, day, calendar)) }))
        .filter((d) => d.times.length > 0);
      return {
        orgId: input.orgId,
        orgName: org.name,
        open: true,
        services: schedule.services.map((key) => ({ key, label: SERVICE_LABELS[key] })),
        days: shown.map(({ day, times }) => ({ day, dayLabel: dayLabel(day), slots: slotViews(times, now) })),
      };
    },

    async book(input, ctx) {
      const now = ctx.now();
      const me = ctx.actor.openid;
      const id = bookingId(input.orgId, input.day, input.time, me);
      const upcoming = await bookings().where({ openid: me, status: 'booked', startsAt: _.gt(now) }).count();
      if (upcoming.total >= MAX_ACTIVE_BOOKINGS) {
        // A retry of a booking already made is not a fourth one.
        const mine = await getOrNull(bookings().doc(id));
        if (mine?.status === 'booked') return toBookingView(id, mine, await nameOf(input.orgId), now, 'owner');
        throw new AppError('INVALID_STATE', `您已有 ${MAX_ACTIVE_BOOKINGS} 个还没到的预约，请先办完或取消一个再约`);
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
        const mine = await getOrNull(bookings().doc(id));
        if (mine?.status === 'booked') return toBookingView(id, mine, await nameOf(input.orgId), now, 'owner');
      }
      const booking: Booking = {
        orgId: input.orgId,
        day: input.day,
        time: input.time,
        startsAt: slotStart(input.day, input.time),
        service: input.service,
        openid: me,
        applicant: input.applicant,
        proxy: input.proxy ?? null,
        note: input.note ?? '',
        status: 'booked',
        createdAt: now,
        cancelledAt: null,
        cancelledBy: null,
        cancelReason: null,
      };
      await bookings().doc(id).set({ data: booking });
      return toBookingView(id, booking, await nameOf(input.orgId), now, 'owner');
    },

    async cancel(input, ctx) {
      const now = ctx.now();
      const found = await getOrNull(bookings().doc(input.bookingId));
      if (!found) throw new AppError('NOT_FOUND', '没有找到这个预约');
      const mine = found.openid === ctx.actor.openid;
      if (!mine) await assertOffice(ctx, found.orgId);
      assertCancellable(found, now, !mine);
      if (!mine && !input.reason) throw new AppError('VALIDATION_FAILED', '请写明取消的原因，预约人会看到');
      const change = { status: 'cancelled', cancelledAt: now, cancelledBy: mine ? 'applicant' : 'office', cancelReason: input.reason ?? null };
      const done = await bookings().where({ _id: input.bookingId, status: 'booked' }).update({ data: change });
      if (done.stats.updated !== 1) throw new AppError('CONFLICT', '这个预约刚刚有了变化，请刷新后再看');
      const key = slotKey(found.time);
      await slotDays()
        .where({ _id: slotDayId(found.orgId, found.day), [`times.${key}.holders`]: found.openid })
        .update({ data: { [`times.${key}.free`]: _.inc(1), [`times.${key}.holders`]: _.pull(found.openid) } });
      return toBookingView(input.bookingId, { ...found, ...change } as Booking, await nameOf(found.orgId), now, mine ? 'owner' : 'office');
    },

    async myBookings(_input, ctx) {
      const now = ctx.now();
      const { data } = await bookings().where({ openid: ctx.actor.openid }).orderBy('startsAt', 'desc').limit(60).get();
      const upcoming = data.filter((b) => b.status === 'booked' && b.startsAt.getTime() > now.getTime()).reverse();
      const rest = data.filter((b) => !upcoming.includes(b)).slice(0, 20);
      const shown = [...upcoming, ...rest];
      const name = await unitNames(shown.map((b) => b.orgId));
      return { bookings: shown.map((b) => toBookingView(b._id, stripId(b) as Booking, name(b.orgId), now, 'owner')) };
    },

    async dayBookings(input, ctx) {
      await assertOffice(ctx, input.orgId);
      const now = ctx.now();
      const { data } = await bookings().where({ orgId: input.orgId, day: input.day }).limit(500).get();
      const ordered = data.sort((a, b) => a.time.localeCompare(b.time) || a.createdAt.getTime() - b.createdAt.getTime());
      const name = await nameOf(input.orgId);
      return { dayLabel: dayLabel(input.day), bookings: ordered.map((b) => toBookingView(b._id, stripId(b) as Booking, name, now, 'office')) };
    },

    async getSchedule(input, ctx) {
      await assertOffice(ctx, input.orgId);
      const doc = await getOrNull(schedules().doc(input.orgId));
      return { schedule: doc ? (stripId(doc) as Schedule) : null };
    },

    async saveSchedule(input, ctx) {
      await assertOffice(ctx, input.orgId);
      const schedule: Schedule = { ...input, sessions: [...input.sessions].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from)) };
      await schedules().doc(input.orgId).set({ data: { ...schedule, updatedAt: ctx.now(), updatedBy: ctx.actor.openid } });
      const { kept } = await planDays(schedule, ctx.now(), false);
      return { schedule, daysKept: kept + (await closeBeyond(schedule, ctx.now())) };
    },
  },
  {
    /** Opens each day as it enters a unit's horizon, so the first booking of a day is as cheap as the rest. */
    async openDays({ now }) {
      const at = now();
      const { data } = await schedules().where({ active: true }).limit(1000).get();
      let opened = 0;
      for (const s of data) opened += (await planDays(stripId(s) as Schedule, at, true)).written;
      return { schedules: data.length, daysOpened: opened };
    },
  },
);
