import { defineCollections } from '@core';

export const bookingCollections = defineCollections([
  {
    name: 'schedules',
    purpose: "_id = orgId: a unit's appointment schedule (weekly sessions, slot length, seats, services, horizon, notice)",
    indexes: [{ name: 'active', keys: [['active', 1]] }],
  },
  {
    name: 'slot_days',
    purpose: '_id = orgId:day: one unit-day of bookable times with seats left and their holders',
    indexes: [{ name: 'org_day', keys: [['orgId', 1], ['day', 1]] }],
  },
  {
    name: 'bookings',
    purpose: '_id = orgId:day:time:openid: one appointment, its applicant (and 代办人) and what became of it',
    indexes: [
      { name: 'openid_status_start', keys: [['openid', 1], ['status', 1], ['startsAt', 1]] },
      { name: 'openid_start', keys: [['openid', 1], ['startsAt', -1]] },
      { name: 'org_day', keys: [['orgId', 1], ['day', 1]] },
    ],
  },
]);
