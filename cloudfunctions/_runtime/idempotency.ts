import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, createHmac } from 'node:crypto';
import { defineCollections, refuse, type ActionContract } from '@core';
import { _, db } from './cloud';

export const idempotencyCollections = defineCollections([
  {
    name: 'idempotency',
    purpose:
      'one record per write (caller + action + requestId, hashed) for a day: a keyed hash of its payload and, once done, how to answer a retry; never the caller, the payload or a personal answer',
    indexes: [{ name: 'expiresAt', keys: [['expiresAt', 1]] }],
  },
]);

/** A claim older than the longest function timeout belongs to an instance that died. */
export const STALE_CLAIM_MS = 60_000;
/**
 * How long a record answers retries. The platform and the client retry within minutes; a draft
 * kept on the phone is sent again the same day. After that the same requestId starts afresh.
 */
export const RETENTION_MS = 24 * 3_600_000;

/**
 * How a retry of a write already carried out is answered, with no personal data at rest:
 * - a re-read: the record keeps the input (ids only) of a read of the same function that answers
 *   what the write answered, and a retry runs that read (as the caller, now);
 * - the answer itself, for writes whose answer holds no personal data;
 * - any other write: CONFLICT `request_done` — it was done once and is not done again; the client
 *   reloads to see the result (identity.updateMember/deactivateMember, booking.cancel).
 */
interface Reread {
  read: string;
  input(payload: never, answer: never): object;
  /** The write's answer from the read's, when they differ. */
  answer?(read: never): unknown;
}
export const REREADS: Readonly<Record<string, Reread>> = {
  // Who the person now is; a redeem answers it without notices (whoami brings those), so does a retry.
  'identity.redeemInvite': { read: 'whoami', input: () => ({}), answer: (me: object) => ({ ...me, notices: [] }) },
};
/**
 * Writes that keep their claim in what they write anyway, so idempotency costs them no operation
 * of its own (cloudfunctions/case/store.ts): a case command's claim rides on its step (its first
 * event, then the case), and a retry is answered from the case as it is now; a new case's claim
 * rides on the draw of its number (the counter remembers the latest requests that drew one, so a
 * twin sent at once waits instead of drawing a second) and the case, under an id derived from the
 * request, answers its retries.
 */
export const FOLDED_SCOPES: ReadonlySet<string> = new Set(['case.act', 'case.submit', 'case.register']);

/** The claim of the write running now, for the store that writes it. */
export interface FoldedClaim {
  /** The claim's id, as the record's _id would be. */
  id: string;
  payloadHash: string;
  at: Date;
}
const folded = new AsyncLocalStorage<FoldedClaim>();

/** The claim of the folded write this call is carrying out, if any. */
export function currentClaim(): FoldedClaim | undefined {
  return folded.getStore();
}

export const requestInProgress = () => refuse('CONFLICT', 'request_in_progress', '上一次提交还在办理中，请稍候再看');

export const idempotencyMismatch = () => refuse('CONFLICT', 'idempotency_mismatch', '这次提交的内容和上一次不一样，请重新提交');

/** Writes whose answer names nobody: an invite code and its expiry, a unit's public notice, a schedule, the calendar. */
export const KEPT_ANSWERS: ReadonlySet<string> = new Set(['identity.createInvite', 'org.save', 'booking.saveSchedule', 'calendar.saveYear']);

interface Claim {
  /** A hash of scope, caller and requestId: the record does not say who wrote what. */
  _id: string;
  scope: string;
  /** HMAC of the payload keyed by the claim's own key: tells a changed payload apart, reveals nothing of it. */
  payloadHash: string;
  status: 'pending' | 'done';
  createdAt: Date;
  expiresAt: Date;
  /** Done, re-read: the read's input. */
  input?: object;
  /** Done, kept: the answer. */
  answer?: unknown;
}

/** The function's own handlers and contracts and the call's context: what a re-read runs with. */
export interface Readers {
  handlers: object;
  contracts: object;
  ctx: { access: unknown };
}

export interface IdempotentWrite<T> {
  scope: string;
  openid: string;
  requestId: string;
  /** The validated input: a retry must send the same. */
  payload: unknown;
  now(): Date;
  run(): Promise<T>;
  reads: Readers;
}

/** JSON with object keys sorted, so the same payload always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const inProgress = requestInProgress;

async function reread<T>(readers: Readers, how: Reread, input: object): Promise<T> {
  const handler = (readers.handlers as Record<string, ((input: unknown, ctx: object) => Promise<unknown>) | undefined>)[how.read];
  const contract = (readers.contracts as Record<string, ActionContract | undefined>)[how.read];
  if (!handler || !contract || contract.write) throw new Error(`no read ${how.read} to answer a retry with`);
  const answer = await handler(contract.input.parse(input), { ...readers.ctx, access: contract.access });
  return (how.answer ? how.answer(answer as never) : answer) as T;
}

/**
 * What a finished write leaves for its retries, as whole values: the SDK spreads a nested object
 * of an update into one path per field, and an empty one ({} for whoami) into none.
 */
function leftFor(scope: string, payload: unknown, answer: unknown): object {
  const how = REREADS[scope];
  if (how) return { input: _.set(how.input(payload as never, answer as never)) };
  return KEPT_ANSWERS.has(scope) ? { answer: _.set(answer) } : {};
}

async function replay<T>(write: IdempotentWrite<T>, claim: Claim): Promise<T> {
  const how = REREADS[write.scope];
  if (how && claim.input) return reread<T>(write.reads, how, claim.input);
  if (KEPT_ANSWERS.has(write.scope) && 'answer' in claim) return claim.answer as T;
  throw refuse('CONFLICT', 'request_done', '这项操作已经办好了，请刷新后查看');
}

/**
 * Runs a write once per (caller, action, requestId). The claim document's _id is the key, so
 * CloudBase's _id uniqueness arbitrates concurrent retries without a transaction. A retry with
 * another payload is refused (CONFLICT `idempotency_mismatch`) instead of answered with the first
 * result; a record past its expiresAt counts as absent (the hourly sweep removes it).
 */
export async function withIdempotency<T>(write: IdempotentWrite<T>): Promise<T> {
  const col = db.collection<Claim>('idempotency');
  const key = `${write.scope}\n${write.openid}\n${write.requestId}`;
  const _id = createHash('sha256').update(`claim\n${key}`).digest('base64url');
  const payloadHash = createHmac('sha256', key).update(canonical(write.payload)).digest('base64url');
  if (FOLDED_SCOPES.has(write.scope)) return folded.run({ id: _id, payloadHash, at: write.now() }, write.run);
  const fresh = () => {
    const at = write.now();
    return { status: 'pending', payloadHash, createdAt: at, expiresAt: new Date(at.getTime() + RETENTION_MS) } as const;
  };
  try {
    await col.add({ data: { _id, scope: write.scope, ...fresh() } });
  } catch (err) {
    const existing = (await col.where({ _id }).limit(1).get()).data[0];
    if (!existing) throw err;
    const t = write.now().getTime();
    const expired = new Date(existing.expiresAt).getTime() <= t;
    if (!expired) {
      if (existing.payloadHash !== payloadHash) throw idempotencyMismatch();
      if (existing.status === 'done') return replay(write, existing);
      if (t - new Date(existing.createdAt).getTime() <= STALE_CLAIM_MS) throw inProgress();
    }
    // Expired, or claimed by an instance that died: take it over, unless another retry just did.
    const taken = await col
      .where({ _id, createdAt: existing.createdAt })
      .update({ data: { ...fresh(), input: _.remove(), answer: _.remove() } });
    if (taken.stats.updated !== 1) throw inProgress();
  }
  try {
    const result = await write.run();
    await col.doc(_id).update({ data: { status: 'done', ...leftFor(write.scope, write.payload, result) } });
    return result;
  } catch (err) {
    await col.doc(_id).remove().catch(() => undefined);
    throw err;
  }
}

/** The hourly timer (case's config.json): records past their day go, in one indexed delete. */
export async function sweepIdempotency({ now }: { now(): Date }): Promise<{ removed: number }> {
  const { stats } = await db.collection('idempotency').where({ expiresAt: _.lt(now()) }).remove();
  return { removed: stats.removed };
}
