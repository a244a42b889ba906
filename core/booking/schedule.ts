import * as z from 'zod/mini';
import type { AppError } from '../api/errors';
import { addDays, dayStart, shanghaiDay, weekday, type DayKey } from '../clock/shanghai';
import type { WorkCalendar } from '../calendar/calendar';
import { SERVICES, type Service } from '../org/tiers';
import { bookingRefusal } from './refusal';

/**
 * When a unit receives people by appointment (驻点时间 as data): weekly sessions on working days,
 * cut into slots of equal length, each seating `capacity` people. A village room may open one
 * morning a week when its advisor is there; the center every working day.
 */
export interface Session {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  from: string;
  to: string;
}

export interface Schedule {
  orgId: string;
  sessions: Session[];
  slotMinutes: number;
  /** People one slot seats (the advisors or windows at hand). */
  capacity: number;
  services: Service[];
  /** How far ahead people may book. */
  horizonDays: number;
  /** Minimum notice: a slot starting sooner cannot be booked, so the office can prepare. */
  leadMinutes: number;
  active: boolean;
}

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const time = z.string().check(z.regex(HH_MM, '时间格式应为 HH:mm，如 09:00'));
export const sessionSchema = z
  .object({ weekday: z.number().check(z.int(), z.minimum(0, '星期不对'), z.maximum(6, '星期不对')), from: time, to: time })
  .check(z.refine((s) => !HH_MM.test(s.from) || !HH_MM.test(s.to) || s.from < s.to, { message: '结束时间要晚于开始时间' }));

export const scheduleInputSchema = z
  .strictObject({
    orgId: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '单位编号不对')),
    sessions: z.array(sessionSchema).check(z.maxLength(21, '时段太多了')),
    slotMinutes: z.union([z.literal(15), z.literal(20), z.literal(30), z.literal(60)]),
    capacity: z.number().check(z.int(), z.minimum(1, '每个时段至少接待 1 人'), z.maximum(20, '每个时段最多接待 20 人')),
    services: z.array(z.enum(SERVICES)).check(z.minLength(1, '请至少选择一项可预约的服务')),
    horizonDays: z.number().check(z.int(), z.minimum(1, '至少开放 1 天'), z.maximum(30, '最多提前 30 天预约')),
    leadMinutes: z.number().check(z.int(), z.minimum(0, '提前时间不对'), z.maximum(2880, '最多要求提前 2 天')),
    active: z.boolean(),
  })
  .check(
    z.refine((s) => !sessionsOverlap(s.sessions), { message: '同一天的时段不能重叠' }),
    z.refine((s) => s.sessions.every((x) => !HH_MM.test(x.from) || !HH_MM.test(x.to) || minutesOf(x.to) - minutesOf(x.from) >= s.slotMinutes), {
      message: '每个时段至少要放下一个预约',
    }),
  );

/** Sessions as the week runs: by weekday, then by the clock; a stored schedule keeps them so. */
export function orderSessions(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from));
}

function sessionsOverlap(sessions: readonly Session[]): boolean {
  const sorted = orderSessions(sessions);
  return sorted.some((s, i) => i > 0 && sorted[i - 1]!.weekday === s.weekday && sorted[i - 1]!.to > s.from);
}

/** One bookable time of a day, as stored on the day's slot document. */
export interface SlotTime {
  start: string;
  end: string;
  capacity: number;
  free: number;
  /** Who holds a seat: the seat and its holder change in one atomic update, so a retry never takes two. */
  holders: string[];
  /** The last instant it may be booked (its start less the unit's minimum notice). */
  lastCall: Date;
}

/**
 * The slots of one unit on one day: one document, so taking a seat is one conditional update
 * that also checks the service, the notice period and that the unit still takes bookings.
 */
export interface SlotDay {
  orgId: string;
  day: DayKey;
  active: boolean;
  services: Service[];
  /** Keyed by `slotKey(start)`, so an update names its time without reading the document. */
  times: Record<string, SlotTime>;
}

export function slotDayId(orgId: string, day: DayKey): string {
  return `${orgId}:${day}`;
}

/** A time's key on the day document: 't0930' (a field name, not an array index). */
export function slotKey(hhmm: string): string {
  return `t${hhmm.replace(':', '')}`;
}

/** The times a schedule opens on a day, in order: none on days off (official holidays included). */
export function timesOn(
  schedule: Pick<Schedule, 'sessions' | 'slotMinutes' | 'capacity' | 'leadMinutes'>,
  day: DayKey,
  calendar: WorkCalendar,
): SlotTime[] {
  if (!calendar.isWorkingDay(day)) return [];
  const wd = weekday(day);
  return schedule.sessions
    .filter((s) => s.weekday === wd)
    .sort((a, b) => a.from.localeCompare(b.from))
    .flatMap((s) => {
      const out: SlotTime[] = [];
      for (let m = minutesOf(s.from); m + schedule.slotMinutes <= minutesOf(s.to); m += schedule.slotMinutes) {
        const start = hhmmOf(m);
        out.push({
          start,
          end: hhmmOf(m + schedule.slotMinutes),
          capacity: schedule.capacity,
          free: schedule.capacity,
          holders: [],
          lastCall: new Date(slotStart(day, start).getTime() - schedule.leadMinutes * 60_000),
        });
      }
      return out;
    });
}

/** The day document a schedule gives a day. */
export function slotDayOf(schedule: Schedule, day: DayKey, calendar: WorkCalendar): SlotDay {
  const times = timesOn(schedule, day, calendar);
  return {
    orgId: schedule.orgId,
    day,
    active: schedule.active,
    services: [...schedule.services],
    times: Object.fromEntries(times.map((t) => [slotKey(t.start), t])),
  };
}

/** A day's times in order of the clock. */
export function timesOf(day: Pick<SlotDay, 'times'>): SlotTime[] {
  return Object.values(day.times).sort((a, b) => a.start.localeCompare(b.start));
}

/** The instant a slot starts: its day's Beijing wall time. */
export function slotStart(day: DayKey, hhmm: string): Date {
  return new Date(dayStart(day).getTime() + minutesOf(hhmm) * 60_000);
}

/** The days people may book on now: from today through the horizon. */
export function bookingDays(now: Date, horizonDays: number): DayKey[] {
  const today = shanghaiDay(now);
  return Array.from({ length: horizonDays + 1 }, (_, i) => addDays(today, i));
}

/**
 * Why a seat could not be taken, judged on the day document as it stands: the plain reason a
 * resident sees, with `details.reason`. Null means nothing stands in the way (a retry of a booking
 * already held).
 */
export function whyNotBookable(day: SlotDay | null, hhmm: string, service: Service, openid: string, now: Date): AppError | null {
  if (!day || !day.active || Object.keys(day.times).length === 0) return bookingRefusal('day_closed', '这一天不能预约，请选其他日子');
  const t = day.times[slotKey(hhmm)];
  if (!t) return bookingRefusal('time_not_offered', '这个时间不接受预约，请选其他时间');
  if (t.holders.includes(openid)) return null;
  if (!day.services.includes(service)) return bookingRefusal('service_not_offered', '这里不能预约这项服务，请换一项或换个地方');
  if (slotStart(day.day, hhmm).getTime() <= now.getTime()) return bookingRefusal('slot_past', '这个时间已经过了，请选其他时间');
  if (t.lastCall.getTime() <= now.getTime()) {
    const leadMinutes = Math.round((slotStart(day.day, hhmm).getTime() - t.lastCall.getTime()) / 60_000);
    return bookingRefusal('too_soon', `请至少提前${leadText(leadMinutes)}预约，请选晚一些的时间`, { leadMinutes });
  }
  if (t.free <= 0) return bookingRefusal('slot_full', '这个时间已经约满了，请选其他时间');
  // Every condition holds, yet the update missed: someone took or freed a seat in between.
  return bookingRefusal('retry_race', '刚才有人同时在预约，请再试一次');
}

function leadText(minutes: number): string {
  return minutes % 60 === 0 ? ` ${minutes / 60} 小时` : ` ${minutes} 分钟`;
}

/**
 * A schedule change applies to every day still open: a day whose slots nobody has booked takes
 * the new times; a day with bookings keeps its times, so no one's appointment moves under them,
 * but takes the new services and pause at once.
 */
export function replanDay(current: SlotDay | null, fresh: SlotDay): { doc: SlotDay; kept: boolean } {
  const booked = current !== null && Object.values(current.times).some((t) => t.holders.length > 0);
  return booked ? { doc: { ...current, active: fresh.active, services: fresh.services }, kept: true } : { doc: fresh, kept: false };
}
