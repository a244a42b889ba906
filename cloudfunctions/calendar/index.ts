import { calendarContracts, missingYears } from '@core';
import { audit } from '../_runtime/audit';
import { db } from '../_runtime/cloud';
import { forgetCalendar, loadCalendar } from '../_runtime/calendar';
import { defineFunction } from '../_runtime/function';

export const main = defineFunction('calendar', calendarContracts, {
  async get(_input, ctx) {
    const now = ctx.now();
    const { overrides, calendar } = await loadCalendar(now);
    return { overrides, missingYears: missingYears(calendar, now) };
  },

  async saveYear(input, ctx) {
    const now = ctx.now();
    // Read what is stored now, not this instance's cached copy, so another year saved a moment ago survives.
    forgetCalendar();
    const { overrides } = await loadCalendar(now);
    const kept = overrides.filter((o) => Number(o.date.slice(0, 4)) !== input.year);
    const next = [...kept, ...input.overrides].sort((a, b) => a.date.localeCompare(b.date));
    await db.collection('settings').doc('calendar').set({ data: { overrides: next, updatedAt: now, updatedBy: ctx.actor.openid } });
    forgetCalendar();
    await audit(ctx, 'calendar.saveYear', String(input.year), { days: input.overrides.length });
    const { calendar } = await loadCalendar(now);
    return { overrides: next, missingYears: missingYears(calendar, now) };
  },
});
