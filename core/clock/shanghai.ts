import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * Beijing time as a fixed UTC+8 offset rather than the IANA zone: Asia/Shanghai has had no DST
 * since 1991, so the offset is exact for every case date, and it does not depend on the Intl
 * time-zone data that some mini-program JS engines lack. The process TZ is never consulted.
 */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const SHANGHAI_OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** A calendar day in Beijing time, 'YYYY-MM-DD'. */
export type DayKey = string;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

function assertValidDate(at: Date): void {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
}

/** True for a real calendar day written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isDayKey(value: string): value is DayKey {
  const match = DAY_KEY.exec(value);
  if (!match) return false;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().startsWith(value);
}

/** UTC midnight of the day's date: a TZ-free handle for day arithmetic, never a real instant. */
function dayEpoch(day: DayKey): number {
  if (!isDayKey(day)) throw new RangeError(`Not a 'YYYY-MM-DD' day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`);
}

function fromDayEpoch(epoch: number): DayKey {
  return new Date(epoch).toISOString().slice(0, 10);
}

/** The Beijing calendar day an instant falls on. */
export function shanghaiDay(at: Date): DayKey {
  assertValidDate(at);
  return fromDayEpoch(at.getTime() + SHANGHAI_OFFSET_MS);
}

/** 00:00:00.000 Beijing time of a day. */
export function dayStart(day: DayKey): Date {
  return new Date(dayEpoch(day) - SHANGHAI_OFFSET_MS);
}

/** 23:59:59.999 Beijing time of a day: the last instant that is still "on" that day. */
export function dayEnd(day: DayKey): Date {
  return new Date(dayEpoch(day) + DAY_MS - 1 - SHANGHAI_OFFSET_MS);
}

export function startOfShanghaiDay(at: Date): Date {
  return dayStart(shanghaiDay(at));
}

export function endOfShanghaiDay(at: Date): Date {
  return dayEnd(shanghaiDay(at));
}

export function addDays(day: DayKey, days: number): DayKey {
  return fromDayEpoch(dayEpoch(day) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DayKey, to: DayKey): number {
  return Math.round((dayEpoch(to) - dayEpoch(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: DayKey): number {
  return new Date(dayEpoch(day)).getUTCDay();
}

/**
 * Formats an instant in Beijing time with dayjs tokens; 'Z' prints +08:00. The wall clock comes
 * from UTC mode on the shifted instant: dayjs's own utcOffset(480) conversion goes through the
 * process's local time and is an hour off near a DST switch in zones like America/New_York.
 */
export function formatShanghai(at: Date, pattern = 'YYYY-MM-DD HH:mm'): string {
  assertValidDate(at);
  return dayjs.utc(at.getTime() + SHANGHAI_OFFSET_MS).utcOffset(SHANGHAI_OFFSET_MINUTES, true).format(pattern);
}
