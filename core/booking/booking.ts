import { AppError } from '../api/errors';
import { formatShanghai, type DayKey } from '../clock';
import { maskPhone } from '../privacy/mask';
import { SERVICE_LABELS, type Service } from '../org/tiers';
import { WEEKDAY_LABELS, type SlotTime } from './schedule';
import { weekday } from '../clock/shanghai';

export const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'missed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  attended: '已到场',
  missed: '未到场',
};

/** Upcoming appointments one person may hold at once: enough for a family, too few to hoard a week. */
export const MAX_ACTIVE_BOOKINGS = 3;

export interface BookingPerson {
  name: string;
  phone: string;
}

/** The `bookings` document. */
export interface Booking {
  orgId: string;
  day: DayKey;
  time: string;
  /** The slot's start as an instant, for "upcoming" queries and reminders. */
  startsAt: Date;
  service: Service;
  /** Who holds the seat: the WeChat user who booked (for themselves or, as 代办, for someone else). */
  openid: string;
  applicant: BookingPerson;
  /** 代办: a relative or village cadre booking on the applicant's behalf. */
  proxy: (BookingPerson & { relation: string }) | null;
  note: string;
  status: BookingStatus;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelledBy: 'applicant' | 'office' | null;
  cancelReason: string | null;
}

/** One booking per person per slot: the id makes a repeated request find the first one. */
export function bookingId(orgId: string, day: DayKey, time: string, openid: string): string {
  return `${orgId}:${day}:${time.replace(':', '')}:${openid}`;
}

/** "11月24日 周二": how people say a day. */
export function dayLabel(day: DayKey): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${WEEKDAY_LABELS[weekday(day)]}`;
}

export interface SlotView {
  start: string;
  end: string;
  free: number;
  /** Past, inside the minimum notice, or full: shown, not offered. */
  open: boolean;
}

/** A day's times as a resident sees them: seats left, not who holds them. */
export function slotViews(times: readonly SlotTime[], now: Date): SlotView[] {
  return times.map((t) => ({ start: t.start, end: t.end, free: t.free, open: t.free > 0 && t.lastCall.getTime() > now.getTime() }));
}

/** Whether the caller may still cancel: their own booking, before it starts. */
export function assertCancellable(b: Pick<Booking, 'status' | 'startsAt'>, now: Date, byOffice: boolean): void {
  if (b.status !== 'booked') throw new AppError('INVALID_STATE', `这个预约${BOOKING_STATUS_LABELS[b.status]}，不能再取消`);
  if (!byOffice && b.startsAt.getTime() <= now.getTime()) throw new AppError('INVALID_STATE', '预约时间已过，不能取消了');
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
  /** Masked for anyone but the person who booked. */
  phone: string;
  proxy: { name: string; relation: string } | null;
  note: string;
  cancelReason: string | null;
  canCancel: boolean;
  bookedAt: string;
}

export function toBookingView(id: string, b: Booking, orgName: string, now: Date, viewer: 'owner' | 'office'): BookingView {
  const cancellable = b.status === 'booked' && (viewer === 'office' || b.startsAt.getTime() > now.getTime());
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
    bookedAt: formatShanghai(b.createdAt, 'YYYY-MM-DD HH:mm'),
  };
}
