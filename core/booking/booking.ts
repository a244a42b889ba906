import type { AppError } from '../api/errors';
import { formatShanghai, type DayKey } from '../clock';
import { maskPhone } from '../privacy/mask';
import type { StoredPhone } from '../privacy/sealed';
import { SERVICE_LABELS, SERVICES, type Service } from '../org/tiers';
import type { PriorityGroup } from '../case/categories';
import { bookingRefusal } from './refusal';
import { checkInCode } from './seats';
import { heldFreeOf, heldReleased, slotStart, WEEKDAY_LABELS, type SlotTime } from './schedule';
import { weekday } from '../clock/shanghai';

export const BOOKING_STATUSES = ['booked', 'cancelled', 'rescheduled', 'attended', 'missed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  rescheduled: '已改约',
  attended: '已到场',
  missed: '未到场',
};

/**
 * Services a person books a time for: everything a unit receives people for, but not 法治宣传
 * (broadcast to a village, nobody's appointment) or 投诉 (a complaint is filed, not booked).
 */
export const BOOKABLE_SERVICES = ['consultation', 'legalAid', 'mediation', 'lawyer', 'notary', 'appraisal', 'arbitration', 'adminReview'] as const satisfies readonly Service[];
export type BookableService = (typeof BOOKABLE_SERVICES)[number];
// Every service is either bookable or one of the two that are not.
void (SERVICES satisfies readonly (BookableService | 'publicity' | 'complaint')[]);

export function isBookable(service: Service): boolean {
  return (BOOKABLE_SERVICES as readonly Service[]).includes(service);
}

/** Upcoming appointments one person may hold at once: enough for a family, too few to hoard a week. */
export const MAX_ACTIVE_BOOKINGS = 3;

/** Past and cancelled bookings 我的预约 lists after the upcoming ones: a few months of visits, one screen. */
export const PAST_BOOKINGS_SHOWN = 20;

/** As stored, the phone is masked with the number sealed beside it (StoredPhone); the functions seal it before core sees it. */
export interface BookingPerson extends StoredPhone {
  name: string;
}

/** The `bookings` document. */
export interface Booking {
  orgId: string;
  day: DayKey;
  time: string;
  /** The slot's start as an instant, for "upcoming" queries and reminders. */
  startsAt: Date;
  /** The slot's end: the no-show pass counts from it. */
  endsAt: Date;
  service: Service;
  /** Who booked: the WeChat user (for themselves or, as 代办, for someone else). */
  openid: string;
  /** The seat's holder on the slot (see holderKey): the booker, or booker~applicant for a 代办. */
  holder: string;
  /** Which pool the seat came from: a held 绿色通道 seat goes back there when freed in time. */
  seat: 'general' | 'held';
  /** 重点群体 the applicant says they belong to (绿色通道). */
  priorityGroups: PriorityGroup[];
  /** The last instant the resident may cancel or reschedule (the unit's cut-off before the start). */
  cancelBy: Date;
  /** What the resident shows at the door. */
  code: string;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  /** The case check-in opened (channel appointment); the case names this booking back. */
  caseId: string | null;
  /** The applicant's own WeChat, once they claim a booking a 代办 made for them (booking.claim). */
  applicantOpenid?: string | null;
  /** For a reschedule: the booking it replaced, and the one that replaced it. */
  rescheduledFrom: string | null;
  rescheduledTo: string | null;
  applicant: BookingPerson;
  /** 代办: a relative or village cadre booking on the applicant's behalf. */
  proxy: (BookingPerson & { relation: string }) | null;
  note: string;
  status: BookingStatus;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelledBy: Canceller | null;
  cancelReason: string | null;
}

/** Who cancels: the person holding the seat, or the unit's office on their behalf. */
export type Canceller = 'applicant' | 'office';

/** One booking per person per slot: the id makes a repeated request find the first one. */
export function bookingId(orgId: string, day: DayKey, time: string, holder: string): string {
  return `${orgId}:${day}:${time.replace(':', '')}:${holder}`;
}

/** "11月24日 周二": how people say a day. */
export function dayLabel(day: DayKey): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${WEEKDAY_LABELS[weekday(day)]}`;
}

export interface SlotView {
  start: string;
  end: string;
  /** Seats anyone may take now: open seats, and held ones once released. */
  free: number;
  /** 绿色通道 seats still held for priority groups. */
  heldFree: number;
  /** Past, inside the minimum notice, or full: shown, not offered. */
  open: boolean;
  /** Open to a priority resident, who may also take a held seat. */
  openPriority: boolean;
}

/** A day's times as a resident sees them: seats left, not who holds them. */
export function slotViews(times: readonly SlotTime[], now: Date): SlotView[] {
  return times.map((t) => {
    const bookable = t.lastCall.getTime() > now.getTime();
    const held = heldFreeOf(t);
    const released = heldReleased(t, now);
    const free = t.free + (released ? held : 0);
    return { start: t.start, end: t.end, free, heldFree: released ? 0 : held, open: bookable && free > 0, openPriority: bookable && t.free + held > 0 };
  });
}

/** What a booking request carries (the `book` action's input once validated). */
export interface BookingRequest {
  orgId: string;
  day: DayKey;
  time: string;
  service: Service;
  applicant: BookingPerson;
  proxy?: (BookingPerson & { relation: string }) | undefined;
  note?: string | undefined;
  priorityGroups?: PriorityGroup[] | undefined;
}

/** What a booking keeps beside the request: where its seat came from and the unit's cut-off. */
export interface SeatFacts {
  id: string;
  holder: string;
  seat: 'general' | 'held';
  cancelMinutes: number;
  /** The slot's end (HH:mm). */
  end?: string | undefined;
}

/** The record a request makes once its seat is taken: held by whoever asked, booked, nothing cancelled. */
export function newBooking(input: BookingRequest, openid: string, now: Date, facts?: SeatFacts): Booking {
  const startsAt = slotStart(input.day, input.time);
  const id = facts?.id ?? bookingId(input.orgId, input.day, input.time, openid);
  return {
    orgId: input.orgId,
    day: input.day,
    time: input.time,
    startsAt,
    endsAt: facts?.end ? slotStart(input.day, facts.end) : new Date(startsAt.getTime() + 30 * 60_000),
    service: input.service,
    openid,
    holder: facts?.holder ?? openid,
    seat: facts?.seat ?? 'general',
    priorityGroups: input.priorityGroups ?? [],
    cancelBy: new Date(startsAt.getTime() - (facts?.cancelMinutes ?? 0) * 60_000),
    code: checkInCode(id),
    checkedInAt: null,
    checkedInBy: null,
    caseId: null,
    rescheduledFrom: null,
    rescheduledTo: null,
    applicant: input.applicant,
    proxy: input.proxy ?? null,
    note: input.note ?? '',
    status: 'booked',
    createdAt: now,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
  };
}

/** The refusal a new booking meets when the person already holds as many upcoming ones as allowed. */
export function bookingLimitRefusal(upcomingCount: number): AppError | null {
  if (upcomingCount < MAX_ACTIVE_BOOKINGS) return null;
  return bookingRefusal('booking_limit', `您已有 ${MAX_ACTIVE_BOOKINGS} 个还没到的预约，请先办完或取消一个再约`, {
    limit: MAX_ACTIVE_BOOKINGS,
  });
}

/** Whether a stored booking still holds its seat: then a repeated request is answered with it, not booked again. */
export function holdsSeat(b: Pick<Booking, 'status'> | null): boolean {
  return b?.status === 'booked';
}

/** Whether it may still be cancelled: while booked, by the applicant before it starts, by the office until it is settled. */
export function assertCancellable(b: Pick<Booking, 'status' | 'startsAt'> & { cancelBy?: Date }, now: Date, by: Canceller): void {
  if (b.status !== 'booked') throw bookingRefusal('not_cancellable', `这个预约${BOOKING_STATUS_LABELS[b.status]}，不能再取消`);
  if (by === 'office') return;
  if (b.startsAt.getTime() <= now.getTime()) throw bookingRefusal('already_started', '预约时间已过，不能取消了');
  const cutoff = cancelDeadline(b);
  if (cutoff.getTime() <= now.getTime()) {
    const minutes = Math.round((b.startsAt.getTime() - cutoff.getTime()) / 60_000);
    throw bookingRefusal('past_cutoff', `开始前${minutes % 60 === 0 ? ` ${minutes / 60} 小时` : ` ${minutes} 分钟`}内不能再取消或改约，请打电话给办理地点`, { cancelMinutes: minutes });
  }
}

/** The last instant the applicant may cancel or reschedule; a booking from before cut-offs may until it starts. */
export function cancelDeadline(b: Pick<Booking, 'startsAt'> & { cancelBy?: Date | null }): Date {
  return b.cancelBy ?? b.startsAt;
}

export type CancellationPatch = Pick<Booking, 'status' | 'cancelledAt' | 'cancelledBy' | 'cancelReason'>;

/**
 * The change a cancellation writes, or the refusal: the office must say why, since the applicant
 * reads it on 我的预约; the applicant need not.
 */
export function cancellation(b: Pick<Booking, 'status' | 'startsAt'> & { cancelBy?: Date }, by: Canceller, reason: string | undefined, now: Date): CancellationPatch {
  assertCancellable(b, now, by);
  if (by === 'office' && !reason) throw bookingRefusal('office_reason_required', '请写明取消的原因，预约人会看到');
  return { status: 'cancelled', cancelledAt: now, cancelledBy: by, cancelReason: reason || null };
}

/** A unit's day as the office calls people in: by time, first booked first within a time. */
export function byTime(a: Pick<Booking, 'time' | 'createdAt'>, b: Pick<Booking, 'time' | 'createdAt'>): number {
  return a.time.localeCompare(b.time) || a.createdAt.getTime() - b.createdAt.getTime();
}

/**
 * 我的预约 from a person's bookings newest first: those still to come, soonest first, then the
 * latest PAST_BOOKINGS_SHOWN of the rest (done, missed, or cancelled, even ahead of time).
 */
export function splitUpcoming<T extends Pick<Booking, 'status' | 'startsAt'>>(newestFirst: readonly T[], now: Date): { upcoming: T[]; past: T[] } {
  const isUpcoming = (b: T) => b.status === 'booked' && b.startsAt.getTime() > now.getTime();
  return {
    upcoming: newestFirst.filter(isUpcoming).reverse(),
    past: newestFirst.filter((b) => !isUpcoming(b)).slice(0, PAST_BOOKINGS_SHOWN),
  };
}

export interface BookingView {
  id: string;
  orgId: string;
  /** Where to go. */
  orgName: string;
  day: DayKey;
  dayLabel: string;
  time: string;
  service: Service;
  serviceLabel: string;
  status: BookingStatus;
  statusLabel: string;
  applicantName: string;
  /** Masked for anyone but the person who booked (whose booking the function hands over with the number revealed). */
  phone: string;
  proxy: { name: string; relation: string } | null;
  note: string;
  cancelReason: string | null;
  canCancel: boolean;
  /** The resident may move it to another time (same rule as cancelling, by the applicant). */
  canReschedule: boolean;
  /** Shown at the door; also encoded in the QR the page draws. */
  code: string;
  /** 绿色通道: the applicant said they belong to a priority group. */
  priority: boolean;
  /** The case check-in opened, once checked in. */
  caseId: string | null;
  bookedAt: string;
}

export function toBookingView(id: string, b: Booking, orgName: string, now: Date, viewer: 'owner' | 'office'): BookingView {
  const beforeCutoff = b.status === 'booked' && cancelDeadline(b).getTime() > now.getTime() && b.startsAt.getTime() > now.getTime();
  const cancellable = b.status === 'booked' && (viewer === 'office' ? !b.checkedInAt : beforeCutoff);
  return {
    id,
    orgId: b.orgId,
    orgName,
    day: b.day,
    dayLabel: dayLabel(b.day),
    time: b.time,
    service: b.service,
    serviceLabel: SERVICE_LABELS[b.service],
    status: b.status,
    statusLabel: BOOKING_STATUS_LABELS[b.status],
    applicantName: b.applicant.name,
    phone: viewer === 'owner' ? b.applicant.phone : maskPhone(b.applicant.phone),
    proxy: b.proxy ? { name: b.proxy.name, relation: b.proxy.relation } : null,
    note: b.note,
    cancelReason: b.cancelReason,
    canCancel: cancellable,
    canReschedule: viewer === 'owner' && beforeCutoff,
    code: b.code ?? '',
    priority: (b.priorityGroups ?? []).length > 0,
    caseId: b.caseId ?? null,
    bookedAt: formatShanghai(b.createdAt, 'YYYY-MM-DD HH:mm'),
  };
}
