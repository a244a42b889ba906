import { bookingNotice, dueReminders, isNoShow, orphanHolders, SERVICE_LABELS, seatsToRelease, shanghaiDay, slotKey, timesOf } from '@core';
import { unitNames } from '../_runtime/orgs';
import { writeNoticesNow } from '../_runtime/outbox';
import type { Timers } from '../_runtime/function';
import { _ } from '../_runtime/cloud';
import { releaseSeat } from './cancel';
import { openDays } from './schedule';
import { bookings, MINE_PAGE, slotDays, type BookingDoc, type SlotDayDoc } from './store';

/** Days still to come a sweep reads: a county's units × 30 days ahead fit with room to spare. */
const DAYS_SWEPT = 1000;
/** Bookings a no-show pass settles per run; the next run takes the rest. */
const NO_SHOWS_PER_RUN = 500;
/** Records of one unit-day the reconciliation compares with its seats. */
const DAY_RECORDS_READ = 500;
const SEAT_KEEPING = new Set(['booked', 'attended', 'missed']);

/**
 * Held seats nobody in a priority group took go to everyone once their release time passes: the
 * counters move by one conditional update on the exact count read, so a booking taking a held seat
 * meanwhile makes the move miss (and the next run moves what is left).
 */
async function releaseHeld(days: readonly SlotDayDoc[], now: Date): Promise<number> {
  let moved = 0;
  for (const day of days) {
    for (const t of timesOf(day)) {
      const n = seatsToRelease(t, now);
      if (n <= 0) continue;
      const key = slotKey(t.start);
      const done = await slotDays()
        .where({ _id: day._id, [`times.${key}.heldFree`]: n })
        .update({ data: { [`times.${key}.heldFree`]: 0, [`times.${key}.free`]: _.inc(n) } });
      if (done.stats.updated === 1) moved += n;
    }
  }
  return moved;
}

/**
 * Seats held by nobody: a holder with no booked record behind it, held longer than the grace
 * period (core's orphanHolders), is freed through the same conditional release a cancel uses.
 */
async function reconcile(days: readonly SlotDayDoc[], now: Date): Promise<number> {
  let freed = 0;
  for (const day of days) {
    const times = timesOf(day).filter((t) => t.holders.length > 0);
    if (times.length === 0) continue;
    const { data } = await bookings().where({ orgId: day.orgId, day: day.day }).limit(DAY_RECORDS_READ).get();
    for (const t of times) {
      // A seat stays with a booking still booked, and with one used (attended) or wasted (missed).
      const booked = new Set(data.filter((b) => b.time === t.start && SEAT_KEEPING.has(b.status)).map((b) => b.holder ?? b.openid));
      for (const holder of orphanHolders(t, booked, now)) {
        const seat = (t.heldBy ?? []).includes(holder) ? 'held' : 'general';
        if (await releaseSeat({ orgId: day.orgId, day: day.day, time: t.start, holder, openid: holder, seat }, now)) freed += 1;
      }
    }
  }
  return freed;
}

/** Bookings whose slot ended more than the grace ago without a check-in become no-shows (核销 by the timer). */
async function markNoShows(now: Date): Promise<number> {
  const { data } = await bookings().where({ status: 'booked', startsAt: _.lt(now) }).orderBy('startsAt', 'asc').limit(NO_SHOWS_PER_RUN).get();
  let missed = 0;
  for (const b of data) {
    if (!isNoShow(b, now)) continue;
    const done = await bookings().where({ _id: b._id, status: 'booked' }).update({ data: { status: 'missed', missedAt: now } });
    missed += done.stats.updated;
  }
  return missed;
}

/** Bookings one notice pass looks at: a county's next day of appointments, with room. */
const NOTICES_PER_RUN = 500;

/**
 * What N1 tells the resident about a booking (through its outbox): the confirmation of a new
 * booking and each reminder once it is due (the day before, an hour before), written here rather
 * than in book, so a booking stays 4 database operations and a cancelled or moved booking is never
 * reminded (it is no longer booked when its reminder falls due). Each booking records what it was
 * sent; N1's keys make a repeated run write nothing twice.
 */
async function bookingNotices(now: Date): Promise<number> {
  const { data } = await bookings()
    .where({ status: 'booked', startsAt: _.gt(now), noticed: _.neq(true) })
    .orderBy('startsAt', 'asc')
    .limit(NOTICES_PER_RUN)
    .get();
  const soon = await bookings()
    .where({ status: 'booked', startsAt: _.and(_.gt(now), _.lte(new Date(now.getTime() + 24 * 3_600_000))) })
    .orderBy('startsAt', 'asc')
    .limit(NOTICES_PER_RUN)
    .get();
  const name = await unitNames([...new Set([...data, ...soon.data].map((b) => b.orgId))]);
  const factsOf = (b: BookingDoc) => ({ bookingId: b._id, openid: b.openid, unitName: name(b.orgId), startsAt: b.startsAt, service: SERVICE_LABELS[b.service], page: MINE_PAGE });
  let written = 0;
  for (const b of data) {
    await writeNoticesNow([bookingNotice('booking.confirmed', factsOf(b), now, b.createdAt.getTime())], now);
    await bookings().where({ _id: b._id, status: 'booked' }).update({ data: { noticed: true } });
    written += 1;
  }
  for (const b of soon.data) {
    const due = dueReminders(b, now);
    if (due.length === 0) continue;
    await writeNoticesNow(due.map((event) => bookingNotice(event, factsOf(b), now)), now);
    // Both marked when a late run sent only the nearer one.
    const passed = due.includes('booking.hourBefore') ? ['booking.dayBefore', 'booking.hourBefore'] : due;
    await bookings().where({ _id: b._id, status: 'booked' }).update({ data: { reminded: _.addToSet({ each: passed }) } });
    written += due.length;
  }
  return written;
}




export const bookingTimers: Timers = {
  /**
   * Every 10 minutes (config.json): open days entering a horizon, release held seats, repair seats
   * held by nobody, mark no-shows. Each step is idempotent, so a run repeated or overlapping
   * another changes nothing twice.
   */
  async tick({ now }) {
    const at = now();
    const opened = await openDays(at);
    const { data: days } = await slotDays().where({ day: _.gte(shanghaiDay(at)) }).limit(DAYS_SWEPT).get();
    return {
      ...opened,
      heldReleased: await releaseHeld(days, at),
      seatsRepaired: await reconcile(days, at),
      noShows: await markNoShows(at),
      notices: await bookingNotices(at),
    };
  },
};
