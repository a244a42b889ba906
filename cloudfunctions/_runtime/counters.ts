import { defineCollections } from '@core';
import { _, db } from './cloud';
import { isDuplicateKey } from './db-errors';

export const counterCollections = defineCollections([
  { name: 'counters', purpose: 'named daily sequences (e.g. case codes per category and day): the last value and the latest requests that drew one' },
]);

/**
 * How many of the latest requests that drew a value a counter remembers, so that a retry of one
 * (or its twin sent at the same moment) draws no second value. A retry comes within minutes, and a
 * county sees a few dozen requests of one category a day; one that comes back after more than this
 * many others draws again, and its case (under the id derived from the request) answers it: a gap
 * in the numbering, never a duplicate. About 6 KB at most, and answered with every draw.
 */
export const CLAIM_WINDOW = 100;
/** Draws before giving up: only callers racing to create a day's counter need a second. */
const DRAW_ATTEMPTS = 3;

/** A request that drew a value: its id (e.g. the case id derived from it) and when. */
export interface DrawClaim {
  id: string;
  at: Date;
}

interface CounterDoc {
  _id: string;
  /** The last value handed out (after the days numbered before the window, see `claims`). */
  value: number;
  /** The latest requests that drew a value, oldest first (plain tokens on counters written before). */
  recent?: Array<DrawClaim | string>;
  /** Before the window: every claim of the day kept, each one's value its position (1-based). */
  claims?: string[];
}

/** A drawn value, or the time this request drew one before (it is not drawn again). */
export type Draw = { value: number } | { takenAt: Date };

/**
 * The document's update-and-answer in one operation (modifyAndReturnDoc, `updateAndReturn` of
 * @cloudbase/database): atomic, so each caller's value is the one its own increment made.
 * wx-server-sdk's query wrapper does not pass the method through; it is called on the query it wraps.
 */
async function bumpAndRead(where: object, data: object): Promise<CounterDoc | null> {
  const query = db.collection('counters').where(where) as unknown as {
    _query?: { updateAndReturn?(data: object): Promise<{ updated?: number; doc?: CounterDoc | null; code?: string; message?: string }> };
  };
  const inner = query._query;
  if (!inner?.updateAndReturn) throw new Error('updateAndReturn is missing from the database SDK');
  const res = await inner.updateAndReturn(data);
  if (res.code) throw new Error(`updateAndReturn on counters: ${res.code} ${res.message ?? ''}`);
  return res.updated === 1 ? (res.doc ?? null) : null;
}

const valueOf = (doc: CounterDoc) => (doc.claims?.length ?? 0) + doc.value;

/**
 * The next value of a named sequence, unique under any concurrency, in one database operation:
 * one atomic update increments the value and answers it. Given the request's claim, the same
 * update records it, and only if the counter does not already hold it: a request that drew before
 * is answered `takenAt` (one more read), never a second value. `retake` draws for a claim already
 * held (its first drawer died before writing what the value was for). A counter made ahead
 * (`prepareCounters`) is drawn on in that one update; a day's first draw on a counter nobody made
 * creates it (update, add); a request that drew before is found by update, add, read.
 */
export async function drawSequence(key: string, now: Date, claim?: DrawClaim, opts: { retake?: boolean } = {}): Promise<Draw> {
  const counters = db.collection<CounterDoc>('counters');
  const record = claim ? { recent: _.push({ each: [{ id: claim.id, at: claim.at }], slice: -CLAIM_WINDOW }) } : {};
  for (let attempt = 0; attempt < DRAW_ATTEMPTS; attempt++) {
    const where = claim && !opts.retake ? { _id: key, 'recent.id': _.neq(claim.id) } : { _id: key };
    const doc = await bumpAndRead(where, { value: _.inc(1), ...record, updatedAt: now });
    if (doc) return { value: valueOf(doc) };
    // Nothing matched: the day's first draw (create the counter), or this request drew before.
    try {
      await counters.add({ data: { _id: key, value: 1, recent: claim ? [{ id: claim.id, at: claim.at }] : [], updatedAt: now } });
      return { value: 1 };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const existing = (await counters.where({ _id: key }).limit(1).get()).data[0];
    const mine = claim && existing?.recent?.find((r): r is DrawClaim => typeof r === 'object' && r !== null && r.id === claim.id);
    if (mine && !opts.retake) return { takenAt: new Date(mine.at) };
    // Another first caller created it in between: draw on theirs.
  }
  throw new Error(`counter ${key} could not be advanced`);
}

/** The next value of a named sequence, for a caller that has no request to remember. */
export async function nextSequence(key: string, now: Date): Promise<number> {
  const drawn = await drawSequence(key, now);
  if ('takenAt' in drawn) throw new Error(`counter ${key}: no claim was given, none can be taken`);
  return drawn.value;
}

/**
 * Makes the named counters that are not there yet, at zero, so that their first draw is the one
 * update every later draw is (a timer makes tomorrow's ahead). One read, and one batch add when
 * some are missing; a counter already there is never touched (it may have values drawn on it).
 * Answers how many it made.
 */
export async function prepareCounters(keys: readonly string[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const counters = db.collection<CounterDoc>('counters');
  const { data } = await counters.where({ _id: _.in([...keys]) }).field({ _id: true }).limit(keys.length).get();
  const there = new Set(data.map((d) => d._id));
  const missing = keys.filter((k) => !there.has(k)).map((k): CounterDoc & { updatedAt: Date } => ({ _id: k, value: 0, recent: [], updatedAt: now }));
  if (missing.length === 0) return 0;
  try {
    await counters.add({ data: missing });
    return missing.length;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  // A draw made one of them meanwhile: the others one by one (counters have no unique index but _id).
  let made = 0;
  for (const doc of missing) {
    try {
      await counters.add({ data: doc });
      made += 1;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return made;
}
