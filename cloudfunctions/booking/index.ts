import { bookingContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { book } from './book';
import { cancel } from './cancel';
import { checkIn } from './checkin';
import { claim } from './claim';
import { myBookings } from './mine';
import { requestHomeVisit } from './home-visit';
import { dayBookings } from './office';
import { places } from './places';
import { reschedule } from './reschedule';
import { getSchedule, saveSchedule } from './schedule';
import { listSlots } from './slots';
import { bookingTimers } from './timers';

// 预约: one verb per file; each reads validate → authorize → load → decide (core) → persist.
export const main = defineFunction(
  'booking',
  bookingContracts,
  { listSlots, places, book, reschedule, cancel, claim, myBookings, dayBookings, checkIn, requestHomeVisit, getSchedule, saveSchedule },
  bookingTimers,
);
