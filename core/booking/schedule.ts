import * as z from 'zod/mini';
import type { AppError } from '../api/errors';
import { addDays, dayStart, shanghaiDay, weekday, type DayKey } from '../clock/shanghai';
import type { WorkCalendar } from '../calendar/calendar';
import type { Service } from '../org/tiers';
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
  /** The advisor (openid) who sits the session: a village room's 驻点 hours are an advisor's. */
  advisorId?: string | undefined;
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
  /** 绿色通道: seats of each slot held for priority groups (重点群体) until `releaseMinutes` before it starts. */
  heldSeats: number;
  /** When held seats nobody in a priority group took go to everyone: this many minutes before the start. */
  releaseMinutes: number;
  /** Cut-off: a resident cancels or reschedules up to this many minutes before the start (0: until it starts). */
  cancelMinutes: number;
  active: boolean;
}

/** What a schedule saved before held seats and cut-offs existed reads as. */
export const SCHEDULE_DEFAULTS = { heldSeats: 0, releaseMinutes: 1440, cancelMinutes: 0 } as const;

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const time = z.string().check(z.regex(HH_MM, '时间格式应为 HH:mm，如 09:00'));
export const sessionSchema = z
  .object({
    weekday: z.number().check(z.int(), z.minimum(0, '星期不对'), z.maximum(6, '星期不对')),
    from: time,
    to: time,
    advisorId: z.optional(z.string().check(z.minLength(1), z.maxLength(64, '请重新选择法律顾问'))),
  })
  .check(z.refine((s) => !HH_MM.test(s.from) || !HH_MM.test(s.to) || s.from < s.to, { message: '结束时间要晚于开始时间' }));

export const scheduleInputSchema = z
  .strictObject({
    orgId: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位')),
    sessions: z.array(sessionSchema).check(z.maxLength(21, '时段太多了')),
    slotMinutes: z.union([z.literal(15), z.literal(20), z.literal(30), z.literal(60)]),
    capacity: z.number().check(z.int(), z.minimum(1, '每个时段至少接待 1 人'), z.maximum(20, '每个时段最多接待 20 人')),
    // 法治宣传 and 投诉 are not booked (BOOKABLE_SERVICES); the enum is spelled here to keep schedule free of booking's imports.
    services: z.array(z.enum(['consultation', 'legalAid', 'mediation', 'lawyer', 'notary', 'appraisal', 'arbitration', 'adminReview'], { error: '法治宣传、投诉不接受预约' })).check(z.minLength(1, '请至少选择一项可预约的服务')),
    horizonDays: z.number().check(z.int(), z.minimum(1, '至少开放 1 天'), z.maximum(30, '最多提前 30 天预约')),
    leadMinutes: z.number().check(z.int(), z.minimum(0, '提前时间不对'), z.maximum(2880, '最多要求提前 2 天')),
    heldSeats: z._default(z.number().check(z.int(), z.minimum(0, '留给重点群体的名额不对'), z.maximum(20, '留给重点群体的名额不对')), SCHEDULE_DEFAULTS.heldSeats),
    releaseMinutes: z._default(z.number().check(z.int(), z.minimum(0, '放开时间不对'), z.maximum(2880, '最多提前 2 天放开')), SCHEDULE_DEFAULTS.releaseMinutes),
    cancelMinutes: z._default(z.number().check(z.int(), z.minimum(0, '取消截止时间不对'), z.maximum(2880, '最多要求提前 2 天取消')), SCHEDULE_DEFAULTS.cancelMinutes),
    active: z.boolean(),
  })
  .check(
    z.refine((s) => s.heldSeats < s.capacity || s.heldSeats === 0, { message: '留给重点群体的名额要少于每个时段接待的人数' }),
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
  /** Seats anyone may take. */
  free: number;
  /** 绿色通道: seats held for priority groups, and how many of them are still free. */
  held: number;
  heldFree: number;
  /**
   * Who holds a seat (a holder key: the booker's openid, or openid~applicant for a 代办): the seat
   * and its holder change in one atomic update, so a retry never takes two.
   */
  holders: string[];
  /** The holders sitting on held seats (a subset of `holders`): their seat goes back to the held pool. */
  heldBy: string[];
  /** When each holder took the seat (ms), so the reconciliation leaves an in-flight booking alone. */
  since: Record<string, number>;
  /** The last instant it may be booked (its start less the unit's minimum notice). */
  lastCall: Date;
  /** From this instant held seats go to everyone. */
  releaseAt: Date;
  /** The advisor sitting the session, if named. */
  advisorId: string | null;
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
  /** The unit's cut-off when the day was opened: a booking keeps the one it was made under. */
  cancelMinutes?: number;
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
/**
 * The weekday whose sessions a working day opens. A 调休 working Saturday or Sunday opens Monday's
 * sessions, but only at a unit open every weekday (a center or station): a village room open when
 * its advisor is in on Tuesdays does not open on a make-up Sunday, since nobody scheduled the advisor.
 */
export function sessionWeekday(schedule: Pick<Schedule, 'sessions'>, day: DayKey, calendar: WorkCalendar): number | null {
  if (!calendar.isWorkingDay(day)) return null;
  const wd = weekday(day);
  if (wd !== 0 && wd !== 6) return wd;
  if (schedule.sessions.some((s) => s.weekday === wd)) return wd;
  const everyWeekday = [1, 2, 3, 4, 5].every((d) => schedule.sessions.some((s) => s.weekday === d));
  return everyWeekday ? 1 : null;
}

export function timesOn(
  schedule: Pick<Schedule, 'sessions' | 'slotMinutes' | 'capacity' | 'leadMinutes'> & Partial<Pick<Schedule, 'heldSeats' | 'releaseMinutes'>>,
  day: DayKey,
  calendar: WorkCalendar,
): SlotTime[] {
  const wd = sessionWeekday(schedule, day, calendar);
  if (wd === null) return [];
  const held = Math.min(schedule.heldSeats ?? 0, schedule.capacity);
  const releaseMinutes = schedule.releaseMinutes ?? SCHEDULE_DEFAULTS.releaseMinutes;
  return schedule.sessions
    .filter((s) => s.weekday === wd)
    .sort((a, b) => a.from.localeCompare(b.from))
    .flatMap((s) => {
      const out: SlotTime[] = [];
      for (let m = minutesOf(s.from); m + schedule.slotMinutes <= minutesOf(s.to); m += schedule.slotMinutes) {
        const start = hhmmOf(m);
        const at = slotStart(day, start).getTime();
        out.push({
          start,
          end: hhmmOf(m + schedule.slotMinutes),
          capacity: schedule.capacity,
          free: schedule.capacity - held,
          held,
          heldFree: held,
          holders: [],
          heldBy: [],
          since: {},
          lastCall: new Date(at - schedule.leadMinutes * 60_000),
          releaseAt: new Date(at - releaseMinutes * 60_000),
          advisorId: s.advisorId ?? null,
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
    cancelMinutes: schedule.cancelMinutes,
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
 * already held). A priority resident may take a held seat; anyone may once held seats are released.
 */
export function whyNotBookable(day: SlotDay | null, hhmm: string, service: Service, holder: string, now: Date, priority = false): AppError | null {
  if (!day || !day.active || Object.keys(day.times).length === 0) return bookingRefusal('day_closed', '这一天不能预约，请选其他日子');
  const t = day.times[slotKey(hhmm)];
  if (!t) return bookingRefusal('time_not_offered', '这个时间不接受预约，请选其他时间');
  if (t.holders.includes(holder)) return null;
  if (!day.services.includes(service)) return bookingRefusal('service_not_offered', '这里不能预约这项服务，请换一项或换个地方');
  if (slotStart(day.day, hhmm).getTime() <= now.getTime()) return bookingRefusal('slot_past', '这个时间已经过了，请选其他时间');
  if (t.lastCall.getTime() <= now.getTime()) {
    const leadMinutes = Math.round((slotStart(day.day, hhmm).getTime() - t.lastCall.getTime()) / 60_000);
    return bookingRefusal('too_soon', `请至少提前${leadText(leadMinutes)}预约，请选晚一些的时间`, { leadMinutes });
  }
  if (seatsFor(t, priority, now) <= 0) return bookingRefusal('slot_full', '这个时间已经约满了，请选其他时间');
  // Every condition holds, yet the update missed: someone took or freed a seat in between.
  return bookingRefusal('retry_race', '刚才有人同时在预约，请再试一次');
}

/** The held seats still free, or none where a stored day predates them. */
export function heldFreeOf(t: Pick<SlotTime, 'heldFree'>): number {
  return t.heldFree ?? 0;
}

/** Whether held seats are open to everyone now. */
export function heldReleased(t: Pick<SlotTime, 'releaseAt'>, now: Date): boolean {
  return !t.releaseAt || t.releaseAt.getTime() <= now.getTime();
}

/** Seats this person may take now: every open seat, plus the held ones for a priority group or once released. */
export function seatsFor(t: Pick<SlotTime, 'free' | 'heldFree' | 'releaseAt'>, priority: boolean, now: Date): number {
  return t.free + (priority || heldReleased(t, now) ? heldFreeOf(t) : 0);
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
  return booked
    ? { doc: { ...current, active: fresh.active, services: fresh.services, cancelMinutes: fresh.cancelMinutes ?? SCHEDULE_DEFAULTS.cancelMinutes }, kept: true }
    : { doc: fresh, kept: false };
}

/** The advisors a schedule's sessions name, once each. */
export function advisorsOf(sessions: readonly Session[]): string[] {
  return [...new Set(sessions.flatMap((s) => (s.advisorId ? [s.advisorId] : [])))];
}

/**
 * One advisor cannot sit two villages at once: the first session of `sessions` whose advisor also
 * sits a session of another unit's schedule on the same weekday at an overlapping time.
 */
export function advisorClash(
  orgId: string,
  sessions: readonly Session[],
  others: ReadonlyArray<Pick<Schedule, 'orgId' | 'sessions' | 'active'>>,
): { advisorId: string; otherOrgId: string; weekday: number; from: string; to: string } | null {
  for (const s of sessions) {
    if (!s.advisorId) continue;
    for (const other of others) {
      if (other.orgId === orgId || !other.active) continue;
      const hit = other.sessions.find((o) => o.advisorId === s.advisorId && o.weekday === s.weekday && o.from < s.to && s.from < o.to);
      if (hit) return { advisorId: s.advisorId, otherOrgId: other.orgId, weekday: s.weekday, from: hit.from, to: hit.to };
    }
  }
  return null;
}
