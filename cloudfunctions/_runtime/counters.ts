import crypto from 'node:crypto';
import { defineCollections } from '@core';
import { _, db } from './cloud';

export const counterCollections = defineCollections([
  { name: 'counters', purpose: 'named daily sequences (e.g. case codes per category and day): the last value and the latest claims on it' },
]);

/**
 * How many of the latest claims a counter remembers. A caller finds its value by finding its own
 * claim after writing it, so the window must outlast every claim that can land between one
 * caller's write and its read: CloudBase runs at most 1,000 instances of a function at a time
 * (its default concurrency quota), each serving one request, and 1,000 concurrent registrations
 * of one day are numbered without a gap (test/case/store.functions.test.ts). About 11 KB at most.
 */
export const CLAIM_WINDOW = 1000;
/** Draws before giving up: only a burst of more than CLAIM_WINDOW claims at once can push one out. */
const DRAW_ATTEMPTS = 3;

interface CounterDoc {
  _id: string;
  /** The last value handed out. */
  value: number;
  /** The claims of the latest values, oldest first: the last one claimed `value`. */
  recent: string[];
  /** Before the window: every claim of the day kept, each one's value its position (1-based). */
  claims?: string[];
}

/** One atomic update takes the next value and records the claim beside it, keeping only the window. */
const claim = (token: string, now: Date) => ({ value: _.inc(1), recent: _.push({ each: [token], slice: -CLAIM_WINDOW }), updatedAt: now });

/**
 * The next value of a named sequence, unique under any concurrency, in two database operations.
 * wx-server-sdk has no update that returns the document (no findAndModify), and a transaction
 * that reads and increments makes concurrent callers retry each other out (1,000 at once cannot
 * all commit); so each caller bumps `value` and appends its random token to `recent` in one
 * atomic update, then reads the document: the value of the token i places from the end is
 * `value - i`. The document keeps at most CLAIM_WINDOW tokens, whatever the count. A token pushed
 * out before its reader saw it (a burst beyond the window) costs a gap in the numbering, never a
 * duplicate: the caller draws again.
 */
export async function nextSequence(key: string, now: Date): Promise<number> {
  const counters = db.collection<CounterDoc>('counters');
  for (let attempt = 0; attempt < DRAW_ATTEMPTS; attempt++) {
    const token = crypto.randomBytes(6).toString('base64url');
    let claimed = (await counters.where({ _id: key }).update({ data: claim(token, now) })).stats.updated === 1;
    if (!claimed) {
      try {
        await counters.add({ data: { _id: key, value: 1, recent: [token], updatedAt: now } });
        return 1;
      } catch {
        // Another first caller created it in between: claim on theirs.
        claimed = (await counters.where({ _id: key }).update({ data: claim(token, now) })).stats.updated === 1;
      }
    }
    if (!claimed) throw new Error(`counter ${key} could not be advanced`);
    const doc = (await counters.where({ _id: key }).limit(1).get()).data[0];
    const at = doc ? doc.recent.lastIndexOf(token) : -1;
    // A day numbered before the window existed goes on after its last listed claim.
    if (doc && at >= 0) return (doc.claims?.length ?? 0) + doc.value - (doc.recent.length - 1 - at);
  }
  throw new Error(`counter ${key} lost ${DRAW_ATTEMPTS} claims in a row`);
}
