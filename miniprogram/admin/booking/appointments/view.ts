import { addDays, dayLabel, formatShanghai, type BookingView } from '@core';
import type { Unit } from '../../../utils/units';

/** One booking as the list draws it: only what is shown, so setData stays small. */
export interface Row {
  id: string;
  time: string;
  service: string;
  /** The person coming; a 代办 booking names who booked for them: 李奶奶（孙子李强代办）. */
  who: string;
  /** Masked by the function (137****1111). */
  phone: string;
  note: string;
  status: string;
  /** Why the office cancelled it, as the resident reads it. */
  reason: string;
  canCancel: boolean;
  /** 签到 by hand: still booked. */
  canCheckIn: boolean;
  /** Shown as 已签到 with the case check-in opened. */
  caseId: string;
  code: string;
  /** 多次未到: earlier no-shows at this unit, for staff to see (never acted on automatically). */
  missed: number;
}

export function whoOf(b: Pick<BookingView, 'applicantName' | 'proxy'>): string {
  return b.proxy ? `${b.applicantName}（${b.proxy.relation}${b.proxy.name}代办）` : b.applicantName;
}

export function rowOf(b: BookingView): Row {
  return {
    id: b.id,
    time: b.time,
    service: b.serviceLabel,
    who: whoOf(b),
    phone: b.phone,
    note: b.note,
    status: b.statusLabel,
    reason: b.cancelReason ?? '',
    canCancel: b.canCancel,
    canCheckIn: b.status === 'booked',
    caseId: b.caseId ?? '',
    code: b.code,
    missed: 0,
  };
}

/** Who is coming (in the function's order: by time), and apart, those cancelled. */
export function dayRows(
  bookings: readonly BookingView[],
  repeatNoShows: ReadonlyArray<{ bookingId: string; missed: number }> = [],
): { rows: Row[]; cancelled: Row[]; count: number } {
  const missed = new Map(repeatNoShows.map((r) => [r.bookingId, r.missed]));
  const off = (b: BookingView) => b.status === 'cancelled' || b.status === 'rescheduled';
  const rows = bookings.filter((b) => !off(b)).map((b) => ({ ...rowOf(b), missed: missed.get(b.id) ?? 0 }));
  return { rows, cancelled: bookings.filter(off).map(rowOf), count: rows.length };
}

/** Today in Beijing, whatever the phone's zone. */
export function todayIn(now = new Date()): string {
  return formatShanghai(now, 'YYYY-MM-DD');
}

export interface DayChip {
  key: string;
  label: string;
  day: string;
  on: boolean;
}

/** The quick chips (今天, 明天) and what the date picker says: the day picked there, or 选日期. */
export function dayChoices(day: string, today: string): { chips: DayChip[]; pickLabel: string; pickOn: boolean } {
  const chips = [
    { key: 'today', label: '今天', day: today },
    { key: 'tomorrow', label: '明天', day: addDays(today, 1) },
  ].map((c) => ({ ...c, on: c.day === day }));
  const pickOn = !chips.some((c) => c.on);
  return { chips, pickLabel: pickOn ? dayLabel(day) : '选日期', pickOn };
}

/** The unit list with the one shown marked. */
export function markUnits(units: readonly Unit[], selected: string): Array<Unit & { on: boolean }> {
  return units.map((u) => ({ id: u.id, name: u.name, on: u.id === selected }));
}

/** The unit last looked at on this phone: the page opens on it with one call. */
const UNIT_KEY = 'appointments.unit';

export function rememberedUnit(): Unit | null {
  const saved = wx.getStorageSync(UNIT_KEY) as Unit | '';
  return saved && typeof saved === 'object' && typeof saved.id === 'string' && typeof saved.name === 'string' ? { id: saved.id, name: saved.name } : null;
}

export function rememberUnit(unit: Unit | null): void {
  if (unit) wx.setStorageSync(UNIT_KEY, { id: unit.id, name: unit.name });
  else wx.removeStorageSync(UNIT_KEY);
}
