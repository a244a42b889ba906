import { BOOKABLE_SERVICES, PRIORITY_GROUP_LABELS, PRIORITY_GROUPS, SERVICE_LABELS, type BookableService, type BookingView, type PriorityGroup } from '@core';

/** The steps of 预约, in order: what to do, where, which day, which time, who is coming. */
export type Step = 'service' | 'place' | 'day' | 'time' | 'confirm' | 'done';

export interface Choice {
  value: string;
  label: string;
  on: boolean;
}

export function serviceChoices(offered: readonly string[] | null, picked: string): Choice[] {
  const list = offered ? BOOKABLE_SERVICES.filter((s) => offered.includes(s)) : [...BOOKABLE_SERVICES];
  return list.map((s) => ({ value: s, label: SERVICE_LABELS[s], on: s === picked }));
}

export function isService(value: string): value is BookableService {
  return (BOOKABLE_SERVICES as readonly string[]).includes(value);
}

export function groupChoices(picked: readonly string[]): Choice[] {
  return PRIORITY_GROUPS.map((g) => ({ value: g, label: PRIORITY_GROUP_LABELS[g], on: picked.includes(g) }));
}

export function toggle(list: readonly string[], value: string): PriorityGroup[] {
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return next.filter((v): v is PriorityGroup => (PRIORITY_GROUPS as readonly string[]).includes(v));
}

interface SlotsAnswer {
  days: Array<{ day: string; dayLabel: string; slots: Array<{ start: string; end: string; free: number; heldFree: number; open: boolean; openPriority: boolean }> }>;
}

export interface DayChip {
  day: string;
  label: string;
  left: number;
  on: boolean;
}

/** Days with a time still open to this person (a priority group may also take held seats). */
export function dayChips(answer: SlotsAnswer, priority: boolean, picked: string): DayChip[] {
  return answer.days
    .map((d) => ({
      day: d.day,
      label: d.dayLabel,
      left: d.slots.filter((s) => (priority ? s.openPriority : s.open)).reduce((n, s) => n + s.free + (priority ? s.heldFree : 0), 0),
      on: d.day === picked,
    }))
    .filter((d) => d.left > 0);
}

export interface TimeRow {
  start: string;
  label: string;
  left: string;
  open: boolean;
  on: boolean;
}

export function timeRows(answer: SlotsAnswer, day: string, priority: boolean, picked: string): TimeRow[] {
  const found = answer.days.find((d) => d.day === day);
  return (found?.slots ?? []).map((s) => {
    const open = priority ? s.openPriority : s.open;
    const left = s.free + (priority ? s.heldFree : 0);
    return { start: s.start, label: `${s.start}-${s.end}`, left: open ? `还剩 ${left} 个` : left > 0 ? '不能约' : '已约满', open, on: s.start === picked };
  });
}

/** One booking as 我的预约 draws it. */
export interface Card {
  id: string;
  where: string;
  when: string;
  service: string;
  status: string;
  code: string;
  who: string;
  reason: string;
  canCancel: boolean;
  canReschedule: boolean;
  upcoming: boolean;
  orgId: string;
  serviceKey: string;
}

export function cardOf(b: BookingView): Card {
  return {
    id: b.id,
    where: b.orgName,
    when: `${b.dayLabel} ${b.time}`,
    service: b.serviceLabel,
    status: b.statusLabel,
    code: b.status === 'booked' ? b.code : '',
    who: b.proxy ? `${b.applicantName}（${b.proxy.relation}${b.proxy.name}代办）` : b.applicantName,
    reason: b.cancelReason ?? '',
    canCancel: b.canCancel,
    canReschedule: b.canReschedule,
    upcoming: b.status === 'booked',
    orgId: b.orgId,
    serviceKey: b.service,
  };
}

/** The resident's own village, remembered on this phone after their first booking there. */
const HOME_KEY = 'booking.home';

export function rememberedHome(): string | undefined {
  const saved = wx.getStorageSync(HOME_KEY) as string | '';
  return typeof saved === 'string' && saved ? saved : undefined;
}

export function rememberHome(orgId: string, tier: string): void {
  if (tier === 'room') wx.setStorageSync(HOME_KEY, orgId);
}
