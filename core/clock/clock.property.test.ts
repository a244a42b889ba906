import fc from 'fast-check';
import { createWorkCalendar } from '../calendar/calendar';
import { clockStatus, dueAt, dueSoonWindow, pauseClock, resumeClock, startClock, type ClockStatus } from './clock';
import { deadlineFrom, type TimeLimit } from './limit';
import { endOfShanghaiDay, shanghaiDay } from './shanghai';

const official = createWorkCalendar();
const HOUR = 3_600_000;

// 2025–2026: years chinese-days knows, so every draw meets real holidays and 调休 days.
const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true });
const unit = fc.constantFrom<TimeLimit['unit']>('calendarDays', 'workingDays', 'hours');
const limit = fc.record({ amount: fc.integer({ min: 0, max: 60 }), unit });
const duration = fc.integer({ min: 0, max: 30 * 24 * HOUR });

const RANK: Record<ClockStatus['kind'], number> = { running: 0, dueSoon: 1, overdue: 2, paused: -1 };

describe('clock properties', () => {
  it('a longer limit never gives an earlier deadline', () => {
    fc.assert(
      fc.property(instant, limit, fc.integer({ min: 0, max: 30 }), (start, base, extra) => {
        const shorter = deadlineFrom(start, base, official);
        const longer = deadlineFrom(start, { ...base, amount: base.amount + extra }, official);
        expect(longer.getTime()).toBeGreaterThanOrEqual(shorter.getTime());
      }),
    );
  });

  it('the deadline is never before receipt', () => {
    fc.assert(
      fc.property(instant, limit, (start, base) => {
        expect(deadlineFrom(start, base, official).getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
    );
  });

  it('a day limit always ends at the last millisecond of a working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), fc.constantFrom('calendarDays' as const, 'workingDays' as const), (start, amount, dayUnit) => {
        const deadline = deadlineFrom(start, { amount, unit: dayUnit }, official);
        expect(deadline.getTime()).toBe(endOfShanghaiDay(deadline).getTime());
        expect(official.isWorkingDay(shanghaiDay(deadline))).toBe(true);
      }),
    );
  });

  it('pauses never make the deadline earlier, and each extra pause only pushes it further', () => {
    fc.assert(
      fc.property(instant, limit, fc.array(fc.tuple(duration, duration), { maxLength: 3 }), (start, base, spans) => {
        let clock = startClock(start, base);
        let previous = dueAt(clock, official);
        let cursor = start.getTime();
        for (const [runFor, pauseFor] of spans) {
          cursor += runFor;
          clock = pauseClock(clock, new Date(cursor));
          cursor += pauseFor;
          clock = resumeClock(clock, new Date(cursor));
          const next = dueAt(clock, official);
          expect(next!.getTime()).toBeGreaterThanOrEqual(previous!.getTime());
          previous = next;
        }
      }),
    );
  });

  it('a pause within one Beijing day does not move a day-limit deadline', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), fc.constantFrom('calendarDays' as const, 'workingDays' as const), duration, fc.double({ min: 0, max: 1, noNaN: true }), (start, amount, dayUnit, runFor, share) => {
        const clock = startClock(start, { amount, unit: dayUnit });
        const from = new Date(start.getTime() + runFor);
        const to = new Date(from.getTime() + Math.floor((endOfShanghaiDay(from).getTime() - from.getTime()) * share));
        const paused = resumeClock(pauseClock(clock, from), to);
        expect(dueAt(paused, official)).toEqual(dueAt(clock, official));
      }),
    );
  });

  it('without pauses, status only moves running → dueSoon → overdue as time passes', () => {
    const threshold = fc.record({ amount: fc.integer({ min: 0, max: 5 }), unit });
    fc.assert(
      fc.property(instant, limit, threshold, fc.array(fc.integer({ min: 0, max: 90 * 24 * HOUR }), { minLength: 2, maxLength: 12 }), (start, base, dueSoon, offsets) => {
        const clock = startClock(start, base);
        const due = dueAt(clock, official)!;
        const ranks = [...offsets]
          .sort((a, b) => a - b)
          .map((offset) => {
            const now = new Date(start.getTime() + offset);
            const status = clockStatus(clock, now, official, { dueSoon });
            expect(status.kind === 'overdue').toBe(now.getTime() > due.getTime());
            return RANK[status.kind];
          });
        ranks.slice(1).forEach((rank, index) => expect(rank).toBeGreaterThanOrEqual(ranks[index]!));
      }),
    );
  });

  it('a paused clock is reported paused, and keeps its remaining time, whenever it was paused in time', () => {
    fc.assert(
      fc.property(instant, limit, duration, duration, (start, base, runFor, later) => {
        const clock = startClock(start, base);
        const due = dueAt(clock, official)!;
        const pausedAt = new Date(Math.min(start.getTime() + runFor, due.getTime()));
        const status = clockStatus(pauseClock(clock, pausedAt), new Date(pausedAt.getTime() + later), official);
        expect(status).toEqual({ kind: 'paused', pausedAt, remainingMs: due.getTime() - pausedAt.getTime() });
      }),
    );
  });
});

describe('the due-soon window', () => {
  const threshold = fc.record({ amount: fc.integer({ min: 0, max: 5 }), unit });

  it('holds exactly the deadlines clockStatus calls 即将到期, so a queue can count them with one query', () => {
    fc.assert(
      fc.property(instant, limit, duration, threshold, (start, base, elapsed, soon) => {
        const clock = startClock(start, base);
        const now = new Date(start.getTime() + elapsed);
        const due = dueAt(clock, official)!;
        const window = dueSoonWindow(now, official, soon);
        const inside = due.getTime() >= window.from.getTime() && due.getTime() <= window.until.getTime();
        expect(inside).toBe(clockStatus(clock, now, official, { dueSoon: soon }).kind === 'dueSoon');
      }),
      { numRuns: 3000 },
    );
  });
});
