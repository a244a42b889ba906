import { defineCollections } from '@core';

export const bookingCollections = defineCollections([
  {
    name: 'schedules',
    purpose: "_id = orgId: a unit's appointment schedule (weekly sessions, slot length, seats, services, horizon, notice)",
    indexes: [
      { name: 'active', keys: [['active', 1]] },
      // One advisor, one place at a time: the other schedules naming a session's advisor.
      { name: 'advisor', keys: [['advisorIds', 1]] },
    ],
  },
  {
    name: 'slot_days',
    purpose: '_id = orgId:day: one unit-day of bookable times with seats left and their holders',
    indexes: [
      { name: 'org_day', keys: [['orgId', 1], ['day', 1]] },
      // The timer's sweep over the days still to come (held-seat release, reconciliation).
      { name: 'day', keys: [['day', 1]] },
    ],
  },
  {
    name: 'booking_people',
    purpose:
      "_id = openid: one booker's counter — the ids of the upcoming bookings they hold (at most 3) and the times of their latest booking attempts (the booking rate limit), both taken by one conditional update",
  },
  {
    name: 'bookings',
    purpose: '_id = orgId:day:time:openid: one appointment, its applicant (and 代办人) and what became of it',
    indexes: [
      { name: 'openid_status_start', keys: [['openid', 1], ['status', 1], ['startsAt', 1]] },
      { name: 'openid_start', keys: [['openid', 1], ['startsAt', -1]] },
      { name: 'org_day', keys: [['orgId', 1], ['day', 1]] },
      // The timer's no-show pass: booked appointments whose slot has ended.
      { name: 'status_start', keys: [['status', 1], ['startsAt', 1]] },
      // Repeated no-shows of the day's applicants, for staff to see.
      { name: 'holder_status', keys: [['holder', 1], ['status', 1]] },
      // 我的预约 of an applicant who claimed bookings a 代办 made for them.
      { name: 'applicant_openid_start', keys: [['applicantOpenid', 1], ['startsAt', -1]] },
      // booking.claim: the code and the phone's keyed hash.
      { name: 'code_phone', keys: [['code', 1], ['applicant.phoneHash', 1]] },
    ],
  },
]);
