import { calendarContracts, missingYears, replaceYear } from '@core';
import { audit } from '../_runtime/audit';
import { db } from '../_runtime/cloud';
import { forgetCalendar, loadCalendar } from '../_runtime/calendar';
import { defineFunction } from '../_runtime/function';

export const main = defineFunction('calendar', calendarContracts, {
  async get(_input, ctx) {
    const now = ctx.now();
    const { overrides, years, calendar } = await loadCalendar(now);
    return { overrides, years, missingYears: missingYears(calendar, now) };
  },

  async saveYear(input, ctx) {
    const now = ctx.now();
    // Read what is stored now, not this instance's cached copy, so another year saved a moment ago survives.
    forgetCalendar();
    const { overrides, years } = await loadCalendar(now);
    const { overrides: next, years: nextYears } = replaceYear(overrides, years, { ...input, savedAt: now.toISOString() });
    await db.collection('settings').doc('calendar').set({ data: { overrides: next, years: nextYears, updatedAt: now, updatedBy: ctx.actor.openid } });
    forgetCalendar();
    await audit(ctx, 'calendar.saveYear', String(input.year), { days: input.overrides.length, source: input.source });
    const { calendar } = await loadCalendar(now);
    return { overrides: next, years: nextYears, missingYears: missingYears(calendar, now) };
  },
});
