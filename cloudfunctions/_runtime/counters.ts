import crypto from 'node:crypto';
import { defineCollections } from '@core';
import { _, db } from './cloud';

export const counterCollections = defineCollections([
  { name: 'counters', purpose: 'named daily sequences (e.g. case codes per category and day): the claims of each value, in order' },
]);

interface CounterDoc {
  _id: string;
  claims: string[];
}

/**
 * The next value of a named sequence, unique under any concurrency. Each caller appends its own
 * token with one atomic $push and its value is the token's position: wx-server-sdk does not expose
 * modifyAndReturnDoc, and a read-then-write counter would need a transaction per value, which
 * thrashes under load. Sequences are per day (a county registers tens of cases a day), so the
 * claims list stays small.
 */
export async function nextSequence(key: string, now: Date): Promise<number> {
  const token = crypto.randomBytes(6).toString('base64url');
  const counters = db.collection<CounterDoc>('counters');
  let claimed = (await counters.where({ _id: key }).update({ data: { claims: _.push([token]), updatedAt: now } })).stats.updated === 1;
  if (!claimed) {
    try {
      await counters.add({ data: { _id: key, claims: [token], updatedAt: now } });
      return 1;
    } catch {
      // Another first caller created it in between: append to theirs.
      claimed = (await counters.where({ _id: key }).update({ data: { claims: _.push([token]), updatedAt: now } })).stats.updated === 1;
    }
  }
  if (!claimed) throw new Error(`counter ${key} could not be advanced`);
  const { data } = await counters.where({ _id: key }).limit(1).get();
  const position = data[0]?.claims.indexOf(token) ?? -1;
  if (position < 0) throw new Error(`counter ${key} lost a claim`);
  return position + 1;
}
