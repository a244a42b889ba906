import { isBookable, SCHEDULE_DEFAULTS, SERVICE_LABELS, WEEKDAY_LABELS, type BookableService, type bookingContracts, type InputOf, type Service } from '@core';

type SlotMinutes = InputOf<typeof bookingContracts.saveSchedule>['slotMinutes'];

/**
 * The schedule form as the page draws it, and back to what saveSchedule takes. The rules (times in
 * order, no overlap, seats 1–20 …) are the function's: it answers VALIDATION_FAILED in words the
 * page shows as they are.
 */

export interface ScheduleValues {
  sessions: Array<{ weekday: number; from: string; to: string }>;
  slotMinutes: number;
  capacity: number;
  services: Service[];
  horizonDays: number;
  leadMinutes: number;
  /** 绿色通道 seats per slot, when they are released, and the cancel cut-off (kept as saved when the form does not show them). */
  heldSeats?: number;
  releaseMinutes?: number;
  cancelMinutes?: number;
  active: boolean;
}

/** The week as people read it, Monday first: the 星期 picker's range, by WEEKDAY number. */
export const WEEK = [1, 2, 3, 4, 5, 6, 0];
export const WEEK_LABELS = WEEK.map((d) => WEEKDAY_LABELS[d] as string);

/** What a unit with no schedule yet starts from: one morning a week, as most village rooms open. */
export function suggested(unitServices: readonly Service[]): ScheduleValues {
  const usual = (['consultation', 'mediation'] as Service[]).filter((s) => unitServices.includes(s));
  return {
    sessions: [{ weekday: 2, from: '09:00', to: '11:30' }],
    slotMinutes: 30,
    capacity: 1,
    services: usual.length > 0 ? usual : unitServices.slice(0, 1),
    horizonDays: 14,
    leadMinutes: 60,
    active: true,
  };
}

export interface SessionRow {
  /** Stable per row for wx:key, so deleting one row redraws no other. */
  key: number;
  weekday: number;
  weekIndex: number;
  day: string;
  from: string;
  to: string;
}

let rowKey = 0;

export function sessionRow(s: { weekday: number; from: string; to: string }): SessionRow {
  const weekIndex = Math.max(0, WEEK.indexOf(s.weekday));
  return { key: ++rowKey, weekday: s.weekday, weekIndex, day: WEEK_LABELS[weekIndex] as string, from: s.from, to: s.to };
}

/** A row added below the last: the next day of the week at the same hours (Monday 09:00–11:30 on an empty list). */
export function nextRow(rows: readonly SessionRow[]): SessionRow {
  const last = rows[rows.length - 1];
  if (!last) return sessionRow({ weekday: 1, from: '09:00', to: '11:30' });
  return sessionRow({ weekday: WEEK[(last.weekIndex + 1) % WEEK.length] as number, from: last.from, to: last.to });
}

export interface Choice {
  value: number;
  label: string;
  on: boolean;
}

const SLOT_MINUTES = [15, 20, 30, 60];
const HORIZONS = [7, 14, 21, 30];
/** Minimum notice; 半天 is half a working day (4 hours). */
const LEADS: Array<[number, string]> = [
  [0, '不限'],
  [60, '1小时'],
  [120, '2小时'],
  [240, '半天'],
  [1440, '1天'],
];

function leadLabel(minutes: number): string {
  const named = LEADS.find(([m]) => m === minutes)?.[1];
  if (named) return named;
  if (minutes % 1440 === 0) return `${minutes / 1440}天`;
  return minutes % 60 === 0 ? `${minutes / 60}小时` : `${minutes}分钟`;
}

/** A row of choices with the current value marked; a saved value not among them is shown too. */
function choices(values: readonly number[], current: number, label: (v: number) => string): Choice[] {
  const all = values.includes(current) ? values : [...values, current].sort((a, b) => a - b);
  return all.map((value) => ({ value, label: label(value), on: value === current }));
}

export const slotChoices = (current: number) => choices(SLOT_MINUTES, current, (m) => `${m}分钟`);
export const horizonChoices = (current: number) => choices(HORIZONS, current, (d) => `${d}天`);
export const leadChoices = (current: number) =>
  choices(
    LEADS.map(([m]) => m),
    current,
    leadLabel,
  );

/** 绿色通道 seats per slot (the function refuses as many as the slot seats). */
export const heldChoices = (current: number) => choices([0, 1, 2], current, (n) => (n === 0 ? '不留' : `留${n}个`));
/** Cut-off before the start: 0 means a resident may cancel until it starts. */
export const cutoffChoices = (current: number) => choices([0, 60, 120, 1440], current, (m) => (m === 0 ? '开始前都可以' : `提前${leadLabel(m)}`));

export interface ServiceTag {
  key: Service;
  /** The label, ticked when chosen: ✓ 法律咨询. */
  text: string;
  on: boolean;
}

export function serviceTag(key: Service, on: boolean): ServiceTag {
  return { key, text: on ? `✓ ${SERVICE_LABELS[key]}` : SERVICE_LABELS[key], on };
}

export function activeHint(active: boolean): string {
  return active ? '群众可以在小程序上预约' : '暂停后群众约不了，已有的预约照常';
}

/** The unit's services as tags to tick (and any the schedule still names that the unit no longer lists). */
export function serviceTags(unitServices: readonly Service[], chosen: readonly Service[]): ServiceTag[] {
  // 法治宣传 and 投诉 are not booked: never offered here.
  const keys = [...unitServices, ...chosen.filter((s) => !unitServices.includes(s))].filter(isBookable);
  return keys.map((key) => serviceTag(key, chosen.includes(key)));
}

/** Everything the form draws from one schedule. */
export function formData(values: ScheduleValues, unitServices: readonly Service[]) {
  return {
    sessions: values.sessions.map(sessionRow),
    slotMinutes: values.slotMinutes,
    slots: slotChoices(values.slotMinutes),
    capacity: values.capacity,
    canLess: values.capacity > 1,
    services: serviceTags(unitServices, values.services),
    horizonDays: values.horizonDays,
    horizons: horizonChoices(values.horizonDays),
    leadMinutes: values.leadMinutes,
    leads: leadChoices(values.leadMinutes),
    heldSeats: values.heldSeats ?? SCHEDULE_DEFAULTS.heldSeats,
    helds: heldChoices(values.heldSeats ?? SCHEDULE_DEFAULTS.heldSeats),
    releaseMinutes: values.releaseMinutes ?? SCHEDULE_DEFAULTS.releaseMinutes,
    cancelMinutes: values.cancelMinutes ?? SCHEDULE_DEFAULTS.cancelMinutes,
    cutoffs: cutoffChoices(values.cancelMinutes ?? SCHEDULE_DEFAULTS.cancelMinutes),
    active: values.active,
    activeHint: activeHint(values.active),
  };
}

/** What the form holds, as saveSchedule takes it. */
export function valuesOf(form: {
  sessions: readonly SessionRow[];
  slotMinutes: number;
  capacity: number;
  services: readonly ServiceTag[];
  horizonDays: number;
  leadMinutes: number;
  heldSeats: number;
  releaseMinutes: number;
  cancelMinutes: number;
  active: boolean;
}): ScheduleValues & { slotMinutes: SlotMinutes; services: BookableService[] } {
  return {
    sessions: form.sessions.map((s) => ({ weekday: s.weekday, from: s.from, to: s.to })),
    // One of the offered lengths; the function checks it all the same.
    slotMinutes: form.slotMinutes as SlotMinutes,
    capacity: form.capacity,
    services: form.services.filter((s) => s.on).map((s) => s.key).filter((k): k is BookableService => isBookable(k)),
    horizonDays: form.horizonDays,
    leadMinutes: form.leadMinutes,
    heldSeats: form.heldSeats,
    releaseMinutes: form.releaseMinutes,
    cancelMinutes: form.cancelMinutes,
    active: form.active,
  };
}

/** What 保存 says: 已保存, and how many booked days kept their times. */
export function savedText(daysKept: number): string {
  return daysKept > 0 ? `已保存。已有预约的 ${daysKept} 天保持原时间，其余日子按新的设置。` : '已保存';
}
