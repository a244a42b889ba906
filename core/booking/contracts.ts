import * as z from 'zod/mini';
import { action } from '../api/action';
import { isDayKey } from '../clock';
import { SERVICES } from '../org/tiers';
import { PRIORITY_GROUPS } from '../case/categories';
import type { Access } from '../policy/policy';
import { BOOKABLE_SERVICES, BOOKING_STATUSES } from './booking';
import { HOME_VISIT_GROUPS } from './home-visit';
import { BOOKING_REFUSALS, type BookingRefusalReason } from './refusal';
import { scheduleInputSchema } from './schedule';

const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'));
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

const slotView = z.object({
  start: z.string(),
  end: z.string(),
  /** Seats anyone may take now (held seats count once released). */
  free: z.number(),
  /** 绿色通道 seats still held for priority groups. */
  heldFree: z.number(),
  open: z.boolean(),
  /** Open to a priority resident (held seats included). */
  openPriority: z.boolean(),
});
const bookingIdSchema = z.string().check(z.minLength(8, '预约编号不对'), z.maxLength(160, '预约编号不对'));
const dayKey = z.string().check(z.refine(isDayKey, '日期不对，应为 YYYY-MM-DD'));
const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间不对'));
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
  canReschedule: z.boolean(),
  code: z.string(),
  priority: z.boolean(),
  caseId: z.nullable(z.string()),
  bookedAt: z.string(),
});
const scheduleOutput = z.object({
  orgId: z.string(),
  sessions: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string(), advisorId: z.optional(z.string()) })),
  slotMinutes: z.number(),
  capacity: z.number(),
  services: z.array(z.enum(SERVICES)),
  horizonDays: z.number(),
  leadMinutes: z.number(),
  heldSeats: z.number(),
  releaseMinutes: z.number(),
  cancelMinutes: z.number(),
  active: z.boolean(),
});

/** Booking attempts one person may make a minute: a family booking together makes a handful. */
export const BOOK_RATE_LIMIT = { bucket: 'booking', perMinute: 30 } as const;

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
      day: dayKey,
      time: hhmm,
      service: z.enum(BOOKABLE_SERVICES, { error: '请选择要办的事' }),
      applicant: z.strictObject({ name: shortText('姓名', 20), phone }),
      proxy: z.optional(z.strictObject({ name: shortText('代办人姓名', 20), phone, relation: shortText('代办人与本人的关系', 20) })),
      note: z.optional(z.string().check(z.trim(), z.maxLength(200, '想说的话太长了，200 字以内'))),
      /** 重点群体 the applicant belongs to, as they say (绿色通道: held seats). */
      priorityGroups: z.optional(z.array(z.enum(PRIORITY_GROUPS)).check(z.maxLength(7))),
    }),
    output: bookingView,
    access: EVERYONE_OWN,
    write: true,
    idempotentBy: 'the booking id (unit, day, time, person): a repeated request finds its own seat and booking',
    // Taken by the handler in the same conditional update as the per-person counter (see book.ts).
    rateLimit: BOOK_RATE_LIMIT,
    rateLimitTakenBy: 'handler',
    refusals: refusalsOf('day_closed', 'time_not_offered', 'service_not_offered', 'slot_past', 'too_soon', 'slot_full', 'booking_limit', 'retry_race'),
  }),
  reschedule: action({
    summary:
      'Move a booking to another time (same unit and service): the new seat is taken first, and the old one is freed only once the new booking stands.',
    input: z.strictObject({ bookingId: bookingIdSchema, day: dayKey, time: hhmm }),
    output: bookingView,
    access: EVERYONE_OWN,
    write: true,
    idempotentBy: 'the new booking id: a repeated request finds the seat it took; the old booking is marked rescheduled once',
    refusals: refusalsOf(
      'booking_not_found',
      'not_cancellable',
      'already_started',
      'past_cutoff',
      'same_slot',
      'day_closed',
      'time_not_offered',
      'service_not_offered',
      'slot_past',
      'too_soon',
      'slot_full',
      'retry_race',
      'changed_meanwhile',
    ),
  }),
  cancel: action({
    summary: 'Cancel a booking: the applicant before it starts, or the office (with a reason the applicant sees); the seat is freed in the same step.',
    input: z.strictObject({
      bookingId: bookingIdSchema,
      reason: z.optional(z.string().check(z.trim(), z.maxLength(100, '原因太长了'))),
    }),
    output: bookingView,
    access: { resident: ['own'], advisor: ['own', 'subtree'], staff: ['own', 'subtree'], supervisor: ['own', 'subtree'], admin: ['any'] },
    write: true,
    idempotentBy: 'the booking’s status: only a booked booking is cancelled, so a repeat frees nothing and answers not_cancellable',
    // Not the office's refusals: a booking the caller may not cancel answers booking_not_found.
    refusals: refusalsOf('booking_not_found', 'not_cancellable', 'already_started', 'past_cutoff', 'office_reason_required', 'changed_meanwhile'),
  }),
  checkIn: action({
    summary:
      "Check a resident in on the day (by the code they show, or by hand from the day's list): the booking is attended and a case opens (channel appointment), each naming the other.",
    input: z.strictObject({
      orgId,
      day: dayKey,
      bookingId: z.optional(bookingIdSchema),
      code: z.optional(z.string().check(z.regex(/^\d{6}$/, '签到码是 6 位数字'))),
    }),
    output: z.object({ booking: bookingView, caseId: z.string() }),
    access: OFFICE,
    write: true,
    idempotentBy: 'the booking: a checked-in booking answers with the case it opened',
    refusals: refusalsOf(...OFFICE_REFUSALS, 'booking_not_found', 'code_not_found', 'not_checkable'),
  }),
  requestHomeVisit: action({
    summary:
      '上门服务: someone who cannot come in (aged 70 or more by birth date or stated age, disabled, an injured migrant worker, in hospital) asks for a home visit with an address and times that suit; it becomes a case at the unit, marked for the 绿色通道, for staff to schedule.',
    input: z.strictObject({
      orgId,
      service: z.enum(BOOKABLE_SERVICES, { error: '请选择要办的事' }),
      applicant: z.strictObject({ name: shortText('姓名', 20), phone }),
      proxy: z.optional(z.strictObject({ name: shortText('代办人姓名', 20), phone, relation: shortText('代办人与本人的关系', 20) })),
      birthDate: z.optional(dayKey),
      age: z.optional(z.number().check(z.int(), z.minimum(0, '年龄不对'), z.maximum(130, '年龄不对'))),
      groups: z.array(z.enum(HOME_VISIT_GROUPS)).check(z.maxLength(3)),
      address: shortText('地址', 100),
      preferredTimes: shortText('方便的时间', 100),
      summary: shortText('要办的事', 500),
    }),
    output: z.object({ caseId: z.string(), code: z.string() }),
    access: EVERYONE_OWN,
    write: true,
    idempotentBy: 'the case id, derived from the caller and the requestId: a repeated request finds the case it opened',
    refusals: refusalsOf('unit_not_found', 'not_home_visit_eligible'),
  }),
  places: action({
    summary:
      'Where a service can be booked: units whose schedule offers it, the resident’s own village first, then its station and the center, then the rest (nearest first when a location is given).',
    input: z.strictObject({
      service: z.enum(BOOKABLE_SERVICES, { error: '请选择要办的事' }),
      /** The resident's own village (remembered on the phone), if known. */
      home: z.optional(orgId),
      /** GCJ-02, as wx.getLocation gives it, only when the resident allows it. */
      location: z.optional(z.strictObject({ latitude: z.number().check(z.gte(-90), z.lte(90)), longitude: z.number().check(z.gte(-180), z.lte(180)) })),
    }),
    output: z.object({
      places: z.array(
        z.object({
          orgId: z.string(),
          name: z.string(),
          tier: z.string(),
          address: z.string(),
          /** Why it is listed here: 本村 / 本乡镇 / 县中心 / 其他. */
          relation: z.string(),
          distanceKm: z.nullable(z.number()),
        }),
      ),
    }),
    access: { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
    write: false,
    refusals: {},
  }),
  claim: action({
    summary:
      'A resident with WeChat takes into 我的预约 a booking someone made for them as 代办, by its check-in code and the phone it was booked with (both must match).',
    input: z.strictObject({ code: z.string().check(z.regex(/^\d{6}$/, '签到码是 6 位数字')), phone }),
    output: bookingView,
    access: EVERYONE_OWN,
    write: true,
    idempotentBy: 'the booking: claiming it again changes nothing',
    refusals: refusalsOf('claim_not_found'),
  }),
  myBookings: action({
    summary: "The caller's bookings (made by them, or made for them by a 代办 and claimed), upcoming first, then the last 20 past or cancelled.",
    input: z.strictObject({}),
    output: z.object({ bookings: z.array(bookingView) }),
    access: EVERYONE_OWN,
    write: false,
    refusals: {},
  }),
  dayBookings: action({
    summary: "Who is coming to a unit on a day (phones masked), for its advisors and staff.",
    input: z.strictObject({ orgId, day: z.string().check(z.refine(isDayKey, '日期不对，应为 YYYY-MM-DD')) }),
    output: z.object({
      dayLabel: z.string(),
      bookings: z.array(bookingView),
      /** Applicants of the day who missed two or more earlier appointments at the unit: shown to staff, never acted on automatically. */
      repeatNoShows: z.array(z.object({ bookingId: z.string(), missed: z.number() })),
    }),
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
    refusals: refusalsOf(...OFFICE_REFUSALS, 'advisor_not_serving', 'advisor_busy'),
  }),
};
