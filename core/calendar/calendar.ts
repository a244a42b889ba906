import * as z from 'zod/mini';
// The package's own data file, not its functions: isWorkday/getDayDetail build their tables and
// read dates through the process's local time, so west of UTC (e.g. TZ=America/New_York) they
// answer for the wrong day. The published table is keyed by plain 'YYYY-MM-DD' and is TZ-free.
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { addDays, daysBetween, isDayKey, shanghaiDay, weekday, type DayKey } from '../clock/shanghai';

/** Statutory holidays (法定节假日, incl. the moved rest days) and 调休 make-up working days. */
const PACKAGE_HOLIDAYS: Readonly<Record<string, string>> = chineseDays.holidays;
const PACKAGE_WORKDAYS: Readonly<Record<string, string>> = chineseDays.workdays;

/**
 * A year's schedule as entered by an admin from the State Council notice (国务院办公厅关于…
 * 部分节假日安排的通知): each holiday date and each 调休 working Saturday/Sunday.
 */
export interface CalendarOverride {
  date: DayKey;
  kind: 'holiday' | 'workday';
}

export const calendarOverrideSchema = z.object({
  date: z.string().check(z.refine(isDayKey, { message: '日期格式应为 YYYY-MM-DD' })),
  kind: z.enum(['holiday', 'workday']),
});

export const calendarOverridesSchema = z.array(calendarOverrideSchema).check(
  z.refine((overrides) => findConflict(overrides) === undefined, { message: '同一天不能既是放假又是上班' }),
);

export interface WorkCalendar {
  /** Whether public bodies work on this Beijing calendar day. */
  isWorkingDay(day: DayKey): boolean;
  /** Whether the year's official schedule is known (package data or an admin override). */
  isKnownYear(year: number): boolean;
}

function findConflict(overrides: readonly CalendarOverride[]): DayKey | undefined {
  const kinds = new Map<DayKey, CalendarOverride['kind']>();
  for (const { date, kind } of overrides) {
    if (kinds.get(date) !== undefined && kinds.get(date) !== kind) return date;
    kinds.set(date, kind);
  }
  return undefined;
}

/**
 * Years the package has a notice for. December is left out because it can hold the next year's
 * New Year days (2018-12-30 comes from the 2019 notice); every published year has holidays in
 * January–November (元旦 at least), while an unpublished year has none at all.
 */
const PACKAGE_YEARS: ReadonlySet<number> = new Set(
  Object.keys(PACKAGE_HOLIDAYS)
    .filter((day) => day.slice(5, 7) !== '12')
    .map((day) => Number(day.slice(0, 4))),
);

/** The official calendar from chinese-days, corrected or extended by admin overrides (which win). */
export function createWorkCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  const invalid = overrides.find((override) => !isDayKey(override.date));
  if (invalid) throw new RangeError(`Not a 'YYYY-MM-DD' day: ${invalid.date}`);
  const conflict = findConflict(overrides);
  if (conflict !== undefined) throw new RangeError(`Override marks ${conflict} as both holiday and workday`);

  const overridden = new Map(overrides.map(({ date, kind }) => [date, kind]));
  const overriddenYears = new Set(overrides.map(({ date }) => Number(date.slice(0, 4))));

  return {
    isWorkingDay(day) {
      const kind = overridden.get(day);
      if (kind !== undefined) return kind === 'workday';
      if (PACKAGE_WORKDAYS[day] !== undefined) return true;
      if (PACKAGE_HOLIDAYS[day] !== undefined) return false;
      const dow = weekday(day);
      return dow !== 0 && dow !== 6;
    },
    isKnownYear(year) {
      return overriddenYears.has(year) || PACKAGE_YEARS.has(year);
    },
  };
}

/**
 * Years touched by the next `horizonDays` (from today, Beijing time) whose schedule is unknown,
 * so staff can be told to enter the notice before deadlines run into them. The notice usually
 * appears in late October or November; 60 days covers a 30-day mediation limit received today
 * plus its holiday roll-over with room to spare.
 */
export function missingYears(calendar: WorkCalendar, now: Date, horizonDays = 60): number[] {
  const today = shanghaiDay(now);
  const firstYear = Number(today.slice(0, 4));
  const lastYear = Number(addDays(today, horizonDays).slice(0, 4));
  const missing: number[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    if (!calendar.isKnownYear(year)) missing.push(year);
  }
  return missing;
}

/** Working days in the half-open day range (from, to]: the days a count starting on `from` would use. */
export function workingDaysAfter(calendar: WorkCalendar, from: DayKey, to: DayKey): number {
  let count = 0;
  for (let offset = 1; offset <= daysBetween(from, to); offset += 1) {
    if (calendar.isWorkingDay(addDays(from, offset))) count += 1;
  }
  return count;
}

/** A year an admin entered: the notice it came from, how many days it lists, when it was saved (ISO). */
export interface CalendarYearEntry {
  year: number;
  source: string;
  days: number;
  savedAt: string;
}

/**
 * One year's schedule replaced: its overrides swapped for the new ones, its entry (source, day
 * count, when) recorded; other years untouched. Shared by calendar.saveYear and npm run import.
 */
export function replaceYear(
  overrides: readonly CalendarOverride[],
  years: readonly CalendarYearEntry[],
  entry: { year: number; source: string; overrides: readonly CalendarOverride[]; savedAt: string },
): { overrides: CalendarOverride[]; years: CalendarYearEntry[] } {
  const kept = overrides.filter((o) => Number(o.date.slice(0, 4)) !== entry.year);
  const next = [...kept, ...entry.overrides].sort((a, b) => a.date.localeCompare(b.date));
  const nextYears = [...years.filter((y) => y.year !== entry.year), { year: entry.year, source: entry.source, days: entry.overrides.length, savedAt: entry.savedAt }];
  return { overrides: next, years: nextYears.sort((a, b) => a.year - b.year) };
}
