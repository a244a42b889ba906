import { defineCollections, refuse, type RateLimit } from '@core';
import { _, db, getOrNull } from './cloud';

export const rateLimitCollections = defineCollections([
  {
    name: 'rate_limits',
    purpose: 'per caller and bucket, the times of their latest calls (a sliding-window log), so the dispatcher refuses a caller over an action’s rate limit; each expires when its longest window has passed since the last call',
    // Calls read and write by _id (`<bucket>:<openid>`), which CloudBase always indexes; the sweep finds the expired by expiresAt.
    indexes: [{ name: 'expiresAt', keys: [['expiresAt', 1]] }],
  },
]);

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * Rounds through the slow path before giving up: only a caller racing themselves (their first call
 * ever, or a log being repaired, hit by concurrent calls of the same person) needs a second.
 */
const ATTEMPTS = 3;

interface Window {
  ms: number;
  max: number;
}

interface LogDoc {
  _id: string;
  /** Times (ms) of the caller's latest calls, oldest first; always `size` long, padded with 0. */
  at: number[];
  /**
   * The last call plus the longest window: after it no call in the log counts against anything, so
   * the sweep may remove it (the next call starts a fresh log). Absent on logs written before.
   */
  expiresAt?: Date;
}

function windowsOf(limit: RateLimit): Window[] {
  return [{ ms: MINUTE_MS, max: limit.perMinute }, ...(limit.perDay === undefined ? [] : [{ ms: DAY_MS, max: limit.perDay }])];
}

/**
 * How long until a call would be taken (0: now), from the log as read: in each window, the
 * max-th latest call must have left it.
 */
function waitMs(past: readonly number[], windows: readonly Window[], t: number): number {
  let wait = 0;
  for (const w of windows) {
    const inside = past.filter((at) => at > t - w.ms);
    if (inside.length >= w.max) wait = Math.max(wait, (inside[inside.length - w.max] as number) + w.ms - t);
  }
  return wait;
}

function padded(times: readonly number[], size: number): number[] {
  const kept = times.slice(-size);
  return [...Array<number>(size - kept.length).fill(0), ...kept];
}

function tooMany(waitMsLeft: number) {
  return refuse('RATE_LIMITED', 'too_many_requests', undefined, { retryAfterSeconds: Math.max(1, Math.ceil(waitMsLeft / 1000)) });
}

/**
 * Takes one call from the caller's budget in `limit.bucket`, or refuses RATE_LIMITED with
 * details.retryAfterSeconds.
 *
 * The log keeps the times of the caller's latest N calls (N the largest window count), so one
 * conditional update both checks and records: "the max-th latest call is outside each window"
 * is a condition on fixed positions of the array, and `$push` with `$slice` appends and trims.
 * A taken call therefore costs exactly one database operation. The slow path (the update matched
 * nothing) reads the log once: a refusal costs 2 operations, a caller's first call in a bucket 3
 * (update, read, add), and so does a log written under another limit or by a clock since moved back.
 */
export async function takeRateToken(openid: string, limit: RateLimit, now: Date): Promise<void> {
  const windows = windowsOf(limit);
  const size = Math.max(...windows.map((w) => w.max));
  const t = now.getTime();
  const _id = `${limit.bucket}:${openid}`;
  const log = db.collection<LogDoc>('rate_limits');
  const expiresAt = new Date(t + Math.max(...windows.map((w) => w.ms)));
  // Positions are from the start of a full log; two windows at one position keep the stricter bound.
  const bounds = new Map<string, number>();
  for (const w of windows) {
    const key = `at.${size - w.max}`;
    bounds.set(key, Math.min(bounds.get(key) ?? Infinity, t - w.ms));
  }
  const condition = Object.fromEntries([...bounds].map(([key, bound]) => [key, _.lte(bound)]));
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const taken = await log.where({ _id, ...condition }).update({ data: { at: _.push({ each: [t], slice: -size }), expiresAt } });
    if (taken.stats.updated === 1) return;
    const doc = await getOrNull(log.doc(_id));
    if (!doc) {
      try {
        await log.add({ data: { _id, at: padded([t], size), expiresAt } });
        return;
      } catch {
        continue; // another first call of the same caller created it: take from theirs
      }
    }
    // Times after now come from a clock moved back (devcloud's tests, a host's correction): not calls to count.
    const past = doc.at.filter((at) => at <= t).sort((a, b) => a - b);
    const wait = waitMs(past, windows, t);
    if (wait > 0) throw tooMany(wait);
    // Taken after all: the log is of another length (the limit changed) or held future times.
    // Rewritten only if nobody appended since it was read.
    const last = doc.at.length - 1;
    const unchanged = last >= 0 ? { [`at.${last}`]: doc.at[last] } : {};
    const fixed = await log.where({ _id, ...unchanged }).update({ data: { at: _.set(padded([...past, t], size)), expiresAt } });
    if (fixed.stats.updated === 1) return;
  }
  // Still racing after ATTEMPTS rounds: one caller firing many calls at once; the overflow waits.
  throw tooMany(1000);
}

/** Logs written before expiresAt existed, handled per sweep: enough to drain them within days, bounded per run. */
export const LEGACY_BATCH = 200;

/**
 * Removes every log whose caller has made no call within its longest window (one operation), then
 * gives up to LEGACY_BATCH logs from before expiresAt one, from their latest call (a log idle for
 * a day goes now; an active one expires on its own schedule). Run by the privacy function's timer.
 */
export async function sweepRateLimits({ now }: { now(): Date }): Promise<{ removed: number; backfilled: number }> {
  const t = now().getTime();
  const log = db.collection<LogDoc>('rate_limits');
  const { stats } = await log.where({ expiresAt: _.lt(new Date(t)) }).remove();
  let removed = stats.removed;
  let backfilled = 0;
  // `expiresAt: null` matches a missing field (MongoDB's rule, CloudBase's too).
  const { data: legacy } = await log.where({ expiresAt: null as unknown as Date }).limit(LEGACY_BATCH).get();
  for (const doc of legacy) {
    const last = Math.max(0, ...doc.at);
    const expires = last + DAY_MS;
    if (expires <= t) {
      const gone = await log.where({ _id: doc._id, expiresAt: null as unknown as Date }).remove();
      removed += gone.stats.removed;
    } else {
      await log.where({ _id: doc._id, expiresAt: null as unknown as Date }).update({ data: { expiresAt: new Date(expires) } });
      backfilled++;
    }
  }
  return { removed, backfilled };
}
