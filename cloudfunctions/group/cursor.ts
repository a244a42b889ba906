import crypto from 'node:crypto';

/**
 * The poll cursor: where the page is (the last change it holds) and what `open` established about
 * the caller (this group, worker or member), signed, for 10 minutes. A poll then costs its one
 * query on group_messages: no membership read, because open made it moments ago. A member removed
 * stops receiving within the cursor's life; after it the page opens the group again.
 */
export interface CursorFacts {
  groupId: string;
  openid: string;
  worker: boolean;
  /** The last change the page holds (ms), and the ids changed at exactly that ms it already has. */
  t: number;
  ids: string[];
  /** Expires (ms). */
  e: number;
}

export const CURSOR_LIFE_MS = 10 * 60_000;
const SIG_LEN = 22;
// Functions share FIELD_HASH_KEY already (phone lookup hashes); a per-instance key still works, only
// a cursor from another instance then fails and the page opens the group again.
const key = process.env.FIELD_HASH_KEY ? Buffer.from(`group-cursor:${process.env.FIELD_HASH_KEY}`) : crypto.randomBytes(32);

const sign = (payload: string) => crypto.createHmac('sha256', key).update(payload).digest('base64url').slice(0, SIG_LEN);

export function encodeCursor(facts: CursorFacts): string {
  const payload = Buffer.from(JSON.stringify([facts.groupId, facts.openid, facts.worker ? 1 : 0, facts.t, facts.ids, facts.e])).toString('base64url');
  return `${payload}${sign(payload)}`;
}

/** The facts of a cursor this deployment signed, or null (forged, or cut). Expiry is the caller's to judge. */
export function decodeCursor(cursor: string): CursorFacts | null {
  if (cursor.length <= SIG_LEN) return null;
  const payload = cursor.slice(0, -SIG_LEN);
  const sig = cursor.slice(-SIG_LEN);
  const expected = sign(payload);
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(sig.padEnd(SIG_LEN, '=').slice(0, SIG_LEN)))) return null;
  try {
    const [groupId, openid, worker, t, ids, e] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, string, number, number, string[], number];
    return { groupId, openid, worker: worker === 1, t, ids, e };
  } catch {
    return null;
  }
}
