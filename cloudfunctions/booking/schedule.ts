import {
  advisorClash,
  advisorsOf,
  bookingContracts,
  bookingDays,
  bookingRefusal,
  orderSessions,
  replanDay,
  SCHEDULE_DEFAULTS,
  slotDayId,
  slotDayOf,
  WEEKDAY_LABELS,
  type Schedule,
} from '@core';
import { grantsOfMember, type MemberDoc } from '../_runtime/actor';
import { loadCalendar } from '../_runtime/calendar';
import { _, db, getOrNull } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { assertOffice } from './office';
import { loadDays, schedules, slotDays, stripId, type ScheduleDoc } from './store';

/**
 * Day documents past a new, shorter horizon. Days open at most 30 ahead (the form's horizon), so
 * a real clock leaves at most 30 here; 100 also covers days opened while a test clock ran ahead.
 */
const DAYS_BEYOND_READ = 100;

/**
 * Schedules the daily timer reads: one per unit, and a county has a few hundred units (see
 * MAX_SUBTREE in _runtime/orgs); 1000 is the most one server-side get returns.
 */
const SCHEDULES_READ = 1000;

/** The schedule as stored, without its document id and edit stamp (the contract's shape). */
export function scheduleOf(doc: ScheduleDoc): Schedule {
  const { orgId, sessions, slotMinutes, capacity, services, horizonDays, leadMinutes, active } = doc;
  const { heldSeats, releaseMinutes, cancelMinutes } = { ...SCHEDULE_DEFAULTS, ...doc };
  return { orgId, sessions, slotMinutes, capacity, services, horizonDays, leadMinutes, heldSeats, releaseMinutes, cancelMinutes, active };
}

/** Other units' schedules naming any of these advisors: one advisor sits a handful of villages. */
const ADVISOR_SCHEDULES_READ = 100;

/**
 * An advisor a session names must serve the unit (an advisor grant on it), and may not sit another
 * unit's session at the same time: 1 read of the members, 1 of their other schedules.
 */
async function assertAdvisors(schedule: Schedule): Promise<void> {
  const ids = advisorsOf(schedule.sessions);
  if (ids.length === 0) return;
  const { data: members } = await db.collection<MemberDoc>('members').where({ _id: _.in(ids) }).limit(ids.length).get();
  for (const id of ids) {
    const member = members.find((m) => m._id === id && m.active);
    const serves = member && grantsOfMember(member).some((g) => g.role === 'advisor' && g.orgId === schedule.orgId);
    if (!serves) throw bookingRefusal('advisor_not_serving', '这位法律顾问不在本村（社区）服务', { advisorId: id });
  }
  const { data: others } = await schedules().where({ advisorIds: _.in(ids) }).limit(ADVISOR_SCHEDULES_READ).get();
  const clash = advisorClash(schedule.orgId, schedule.sessions, others);
  if (clash) {
    throw bookingRefusal('advisor_busy', `这位法律顾问${WEEKDAY_LABELS[clash.weekday]} ${clash.from}-${clash.to} 已在别的村驻点`, clash);
  }
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
  const { data } = await slotDays().where({ orgId: schedule.orgId, day: _.gt(lastDay) }).limit(DAYS_BEYOND_READ).get();
  let kept = 0;
  for (const day of data) {
    const booked = Object.values(day.times).some((t) => t.holders.length > 0);
    if (booked) kept += 1;
    await (booked ? slotDays().doc(day._id).update({ data: { active: false } }) : slotDays().doc(day._id).remove());
  }
  return kept;
}

export const getSchedule: Handler<typeof bookingContracts.getSchedule> = async (input, ctx) => {
  await assertOffice(ctx, input.orgId);
  const doc = await getOrNull(schedules().doc(input.orgId));
  return { schedule: doc ? scheduleOf(doc) : null };
};

export const saveSchedule: Handler<typeof bookingContracts.saveSchedule> = async (input, ctx) => {
  await assertOffice(ctx, input.orgId);
  const schedule: Schedule = { ...input, sessions: orderSessions(input.sessions) };
  await assertAdvisors(schedule);
  await schedules().doc(input.orgId).set({ data: { ...schedule, advisorIds: advisorsOf(schedule.sessions), updatedAt: ctx.now(), updatedBy: ctx.actor.openid } });
  const { kept } = await planDays(schedule, ctx.now(), false);
  return { schedule, daysKept: kept + (await closeBeyond(schedule, ctx.now())) };
};

/** Opens each day as it enters a unit's horizon, so the first booking of a day is as cheap as the rest. */
export async function openDays(at: Date): Promise<{ schedules: number; daysOpened: number }> {
  const { data } = await schedules().where({ active: true }).limit(SCHEDULES_READ).get();
  let opened = 0;
  for (const s of data) opened += (await planDays(scheduleOf(s), at, true)).written;
  return { schedules: data.length, daysOpened: opened };
}
