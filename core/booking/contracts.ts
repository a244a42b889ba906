import * as z from 'zod/mini';
import { action } from '../api/action';
import { isDayKey } from '../clock';
import { SERVICES } from '../org/tiers';
import type { Access } from '../policy/policy';
import { BOOKING_STATUSES } from './booking';
import { BOOKING_REFUSALS, type BookingRefusalReason } from './refusal';
import { scheduleInputSchema } from './schedule';

const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '单位编号不对'));
const shortText = (what: string, max: number) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}太长了`));
const phone = z.string().check(z.trim(), z.regex(/^[0-9-]{5,20}$/, '联系电话格式不对'));
const EVERYONE_OWN: Access = { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['any'] };
/** The office side of a unit's appointments: its advisors and staff, and those above them. */
const OFFICE: Access = { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] };

/** The booking refusals (core/booking/refusal) an action can meet, by reason. */
function refusalsOf(...reasons: BookingRefusalReason[]) {
  return Object.fromEntries(reasons.map((reason) => [reason, BOOKING_REFUSALS[reason]]));
}
/** What the office side meets first: the unit, and whether the caller serves it or a unit above it. */
const OFFICE_REFUSALS = ['unit_not_found', 'not_office'] as const;

const slotView = z.object({ start: z.string(), end: z.string(), free: z.number(), open: z.boolean() });
const bookingView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  day: z.string(),
  dayLabel: z.string(),
  time: z.string(),
  service: z.enum(SERVICES),
  serviceLabel: z.string(),
  status: z.enum(BOOKING_STATUSES),
  statusLabel: z.string(),
  applicantName: z.string(),
  phone: z.string(),
  proxy: z.nullable(z.object({ name: z.string(), relation: z.string() })),
  note: z.string(),
  cancelReason: z.nullable(z.string()),
  canCancel: z.boolean(),
  bookedAt: z.string(),
});
const scheduleOutput = z.object({
  orgId: z.string(),
  sessions: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
  slotMinutes: z.number(),
  capacity: z.number(),
  services: z.array(z.enum(SERVICES)),
  horizonDays: z.number(),
  leadMinutes: z.number(),
  active: z.boolean(),
});

export const bookingContracts = {
  listSlots: action({
    summary: "A unit's bookable days and times with seats left (预约), from today through its horizon; public.",
    input: z.strictObject({ orgId }),
    output: z.object({
      orgId: z.string(),
      orgName: z.string(),
      /** False when the unit takes no appointments (no schedule, or paused). */
      open: z.boolean(),
      services: z.array(z.object({ key: z.enum(SERVICES), label: z.string() })),
      days: z.array(z.object({ day: z.string(), dayLabel: z.string(), slots: z.array(slotView) })),
    }),
    access: { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
    write: false,
    refusals: refusalsOf('unit_not_found'),
  }),
  book: action({
    summary:
      'Book a seat in a slot for oneself or, as 代办, for someone else: one conditional update takes the seat, so a slot is never overbooked; at most 3 upcoming bookings per person.',
    input: z.strictObject({
      orgId,
      day: z.string().check(z.refine(isDayKey, '日期不对，应为 YYYY-MM-DD')),
      time: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间不对')),
      service: z.enum(SERVICES, { error: '请选择要办的事' }),
      applicant: z.strictObject({ name: shortText('姓名', 20), phone }),
      proxy: z.optional(z.strictObject({ name: shortText('代办人姓名', 20), phone, relation: shortText('代办人与本人的关系', 20) })),
      note: z.optional(z.string().check(z.trim(), z.maxLength(200, '想说的话太长了，200 字以内'))),
    }),
    output: bookingView,
    access: EVERYONE_OWN,
    write: true,
    idempotentBy: 'the booking id (unit, day, time, person): a repeated request finds its own seat and booking',
    refusals: refusalsOf('day_closed', 'time_not_offered', 'service_not_offered', 'slot_past', 'too_soon', 'slot_full', 'booking_limit', 'retry_race'),
  }),
  cancel: action({
    summary: 'Cancel a booking: the applicant before it starts, or the office (with a reason the applicant sees); the seat is freed in the same step.',
    input: z.strictObject({
      bookingId: z.string().check(z.minLength(8, '预约编号不对'), z.maxLength(160, '预约编号不对')),
      reason: z.optional(z.string().check(z.trim(), z.maxLength(100, '原因太长了'))),
    }),
    output: bookingView,
    access: { resident: ['own'], advisor: ['own', 'subtree'], staff: ['own', 'subtree'], supervisor: ['own', 'subtree'], admin: ['any'] },
    write: true,
    // Not the office's refusals: a booking the caller may not cancel answers booking_not_found.
    refusals: refusalsOf('booking_not_found', 'not_cancellable', 'already_started', 'office_reason_required', 'changed_meanwhile'),
  }),
  myBookings: action({
    summary: "The caller's bookings, upcoming first, then the last 20 past or cancelled.",
    input: z.strictObject({}),
    output: z.object({ bookings: z.array(bookingView) }),
    access: EVERYONE_OWN,
    write: false,
    refusals: {},
  }),
  dayBookings: action({
    summary: "Who is coming to a unit on a day (phones masked), for its advisors and staff.",
    input: z.strictObject({ orgId, day: z.string().check(z.refine(isDayKey, '日期不对，应为 YYYY-MM-DD')) }),
    output: z.object({ dayLabel: z.string(), bookings: z.array(bookingView) }),
    access: OFFICE,
    write: false,
    refusals: refusalsOf(...OFFICE_REFUSALS),
  }),
  getSchedule: action({
    summary: "A unit's appointment schedule (驻点时间 as weekly sessions), or null if it takes none yet.",
    input: z.strictObject({ orgId }),
    output: z.object({ schedule: z.nullable(scheduleOutput) }),
    access: OFFICE,
    write: false,
    refusals: refusalsOf(...OFFICE_REFUSALS),
  }),
  saveSchedule: action({
    summary:
      "Set a unit's appointment schedule; days nobody has booked take the new times at once, days with bookings keep theirs.",
    input: scheduleInputSchema,
    output: z.object({ schedule: scheduleOutput, daysKept: z.number() }),
    access: { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
    write: true,
    refusals: refusalsOf(...OFFICE_REFUSALS),
  }),
};
