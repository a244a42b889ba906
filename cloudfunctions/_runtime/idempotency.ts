import { defineCollections, refuse } from '@core';
import { db } from './cloud';

export const idempotencyCollections = defineCollections([
  {
    name: 'idempotency',
    purpose: 'first result of every write, keyed by caller + action + requestId, so retries repeat nothing',
    indexes: [{ name: 'createdAt', keys: [['createdAt', 1]] }],
  },
]);

/** A claim older than the longest function timeout belongs to an instance that died. */
const STALE_CLAIM_MS = 60_000;

interface Claim {
  _id: string;
  status: 'pending' | 'done';
  result?: unknown;
  createdAt: Date;
}

/**
 * Runs a write once per (caller, action, requestId). The claim document's _id is the key, so
 * CloudBase's _id uniqueness arbitrates concurrent retries without a transaction.
 */
export async function withIdempotency<T>(
  scope: string,
  openid: string,
  requestId: string,
  now: () => Date,
  run: () => Promise<T>,
): Promise<T> {
  const col = db.collection<Claim>('idempotency');
  const _id = `${scope}:${openid}:${requestId}`;
  try {
    await col.add({ data: { _id, scope, openid, status: 'pending', createdAt: now() } });
  } catch (err) {
    const existing = (await col.where({ _id }).limit(1).get()).data[0];
    if (!existing) throw err;
    if (existing.status === 'done') return existing.result as T;
    const stale = now().getTime() - new Date(existing.createdAt).getTime() > STALE_CLAIM_MS;
    if (!stale) throw refuse('CONFLICT', 'request_in_progress', '上一次提交还在办理中，请稍候再看');
    const taken = await col
      .where({ _id, status: 'pending', createdAt: existing.createdAt })
      .update({ data: { createdAt: now() } });
    if (taken.stats.updated !== 1) throw refuse('CONFLICT', 'request_in_progress', '上一次提交还在办理中，请稍候再看');
  }
  try {
    const result = await run();
    await col.doc(_id).update({ data: { status: 'done', result } });
    return result;
  } catch (err) {
    await col.doc(_id).remove().catch(() => undefined);
    throw err;
  }
}
