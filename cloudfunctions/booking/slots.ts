import { bookingContracts, bookingDays, bookingRefusal, dayLabel, SERVICE_LABELS, slotDayOf, slotViews, timesOf } from '@core';
import { loadCalendar } from '../_runtime/calendar';
import { getOrNull } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { orgFacts } from '../_runtime/orgs';
import { loadDays, schedules } from './store';

export const listSlots: Handler<typeof bookingContracts.listSlots> = async (input, ctx) => {
  const now = ctx.now();
  const [org, schedule] = await Promise.all([orgFacts([input.orgId]).then((f) => f.get(input.orgId)), getOrNull(schedules().doc(input.orgId))]);
  if (!org) throw bookingRefusal('unit_not_found', '没有这个服务单位');
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
};
