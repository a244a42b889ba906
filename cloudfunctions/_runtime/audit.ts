import { defineCollections } from '@core';
import { db } from './cloud';
import type { ActionContext } from './function';

export const auditCollections = defineCollections([
  {
    name: 'audit_log',
    purpose: 'who did what to whom: membership changes and every read of sensitive personal information',
    indexes: [
      { name: 'subject_at', keys: [['subject', 1], ['at', -1]] },
      { name: 'actor_at', keys: [['actor', 1], ['at', -1]] },
    ],
  },
]);

/** Appends one audit entry; callers inside a transaction pass its collection accessor instead. */
export async function audit(ctx: ActionContext, what: string, subject: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.collection('audit_log').add({
    data: { actor: ctx.actor.openid, roles: ctx.actor.roles, what, subject, detail, at: ctx.now(), requestId: ctx.requestId ?? null },
  });
}
