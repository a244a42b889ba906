import { bookingContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { book } from './book';
import { cancel } from './cancel';
import { myBookings } from './mine';
import { dayBookings } from './office';
import { getSchedule, saveSchedule, bookingTimers } from './schedule';
import { listSlots } from './slots';

// 预约: one verb per file; each reads validate → authorize → load → decide (core) → persist.
export const main = defineFunction('booking', bookingContracts, { listSlots, book, cancel, myBookings, dayBookings, getSchedule, saveSchedule }, bookingTimers);
