import { refuser, type Refusals } from '../api/errors';

/**
 * Every way a booking action refuses, by `details.reason` (what the mini-program and tests key on;
 * the message is for people and may be reworded): the code it answers with and, in English, when.
 */
export const BOOKING_REFUSALS = {
  unit_not_found: { code: 'NOT_FOUND', when: 'no unit has that id' },
  not_office: { code: 'FORBIDDEN', when: 'the caller does not serve the unit or one above it' },
  day_closed: { code: 'INVALID_STATE', when: 'the unit takes no bookings that day (no sessions, a holiday, paused, or beyond its horizon)' },
  time_not_offered: { code: 'INVALID_STATE', when: 'the day has no slot starting at that time' },
  service_not_offered: { code: 'INVALID_STATE', when: 'the unit does not take bookings for that service' },
  slot_past: { code: 'INVALID_STATE', when: 'the slot has already started' },
  too_soon: { code: 'INVALID_STATE', when: 'the slot starts within the unit’s minimum notice (details.leadMinutes)' },
  slot_full: { code: 'SLOT_FULL', when: 'every seat of the slot is taken' },
  booking_limit: { code: 'INVALID_STATE', when: 'the caller already holds the most upcoming bookings one person may (details.limit)' },
  retry_race: { code: 'CONFLICT', when: 'a seat was taken or freed at the same moment; trying again may succeed' },
  booking_not_found: { code: 'NOT_FOUND', when: 'no booking has that id, or it is another person’s and the caller does not serve its unit: both answer alike, so an id reveals nothing (both are audited)' },
  not_cancellable: { code: 'INVALID_STATE', when: 'the booking is no longer booked (cancelled, attended or missed)' },
  already_started: { code: 'INVALID_STATE', when: 'the applicant cancels once the slot has started (the office still may)' },
  office_reason_required: { code: 'VALIDATION_FAILED', when: 'the office cancels without a reason for the applicant' },
  changed_meanwhile: { code: 'CONFLICT', when: 'the booking changed between reading and cancelling it' },
  past_cutoff: { code: 'INVALID_STATE', when: 'the applicant cancels or reschedules within the unit’s cut-off before the start (details.cancelMinutes); the office still may' },
  same_slot: { code: 'INVALID_STATE', when: 'a reschedule to the time the booking already has' },
  service_not_bookable: { code: 'VALIDATION_FAILED', when: 'a schedule offers a service nobody books a time for (法治宣传, 投诉)' },
  advisor_not_serving: { code: 'INVALID_STATE', when: 'a session names an advisor who does not serve the unit (details.advisorId)' },
  advisor_busy: { code: 'CONFLICT', when: 'a session names an advisor already scheduled at another unit at an overlapping time (details.advisorId, details.otherOrgId, details.weekday)' },
  not_checkable: { code: 'INVALID_STATE', when: 'check-in of a booking that is not booked for that unit-day (cancelled, already checked in, another day)' },
  code_not_found: { code: 'NOT_FOUND', when: 'no booking of that unit-day has that check-in code' },
  claim_not_found: { code: 'NOT_FOUND', when: 'no upcoming booking has that check-in code for that phone (a booking made for someone by a 代办 is claimed by its applicant with both)' },
  not_home_visit_eligible: { code: 'INVALID_STATE', when: '上门服务 asked for by someone outside its groups (aged 70 or more, disabled, injured migrant worker, in hospital)' },
} as const satisfies Refusals;

export type BookingRefusalReason = keyof typeof BOOKING_REFUSALS;

/** A booking refusal: its reason's code, the plain Chinese a resident reads, and `details.reason` plus any facts. */
export const bookingRefusal = refuser(BOOKING_REFUSALS);
