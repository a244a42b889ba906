import { createWorkCalendar, defineCollections, missingYears, type CalendarOverride, type CalendarYearEntry, type WorkCalendar } from '@core';
import { db } from './cloud';

export const settingsCollections = defineCollections([
  { name: 'settings', purpose: 'deployment settings an admin keeps, e.g. _id "calendar": holiday and 调休 overrides' },
]);

type CalendarYear = CalendarYearEntry;

interface CalendarSettings {
  _id: string;
  overrides: CalendarOverride[];
  years?: CalendarYear[];
}

/** A warm instance reuses the calendar for a minute: an admin's change reaches every instance soon after. */
const CACHE_MS = 60_000;
let cached: { at: number; overrides: CalendarOverride[]; years: CalendarYear[]; calendar: WorkCalendar } | null = null;

export async function loadCalendar(now: Date): Promise<{ overrides: CalendarOverride[]; years: CalendarYear[]; calendar: WorkCalendar }> {
  if (cached && now.getTime() - cached.at < CACHE_MS && now.getTime() >= cached.at) return cached;
  const { data } = await db.collection<CalendarSettings>('settings').where({ _id: 'calendar' }).limit(1).get();
  const overrides = data[0]?.overrides ?? [];
  cached = { at: now.getTime(), overrides, years: data[0]?.years ?? [], calendar: createWorkCalendar(overrides) };
  return cached;
}

export function forgetCalendar(): void {
  cached = null;
}

export function calendarNotices(calendar: WorkCalendar, now: Date): string[] {
  return missingYears(calendar, now).map((year) => `${year}年节假日安排还没有录入，办理期限可能算错，请管理员尽快录入`);
}
