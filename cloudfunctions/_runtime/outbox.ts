import { caseNotices, sendableAt, type CaseEvent, type CaseState, type NoticeItem } from '@core';
import { _, db, type Transaction } from './cloud';

/**
 * The inbox and the outbox, written with the event that causes them (docs: /work/notes/n1-api.md,
 * README "Notifications"). One `notices` document is both a person's inbox entry (shown in 消息
 * once its time `at` has come) and its outbox item (the delivery state): a step and its notice
 * cannot half-happen, and each notice costs the causing transaction one write. Its `_id` is the
 * notice's dedupe key, so the same event can never give two entries or two sends.
 */

export type DeliveryStatus = 'pending' | 'sending' | 'done';

export interface NoticeDoc {
  _id: string;
  /** The person told, or null for a unit's notice still to be fanned out to its workers. */
  to: string | null;
  notice: NoticeItem;
  // What 消息 shows.
  event: NoticeItem['event'];
  phrase: string;
  title: string;
  body: string;
  link: NoticeItem['link'];
  /** When it shows in the inbox: the event's time, or a reminder's own time. */
  at: Date;
  read: boolean;
  // Delivery.
  status: DeliveryStatus;
  /** Not attempted before this: its time moved out of quiet hours, or a retry's backoff. */
  nextAt: Date;
  attempts: number;
  /** How it ended: sent, inbox_only, no_consent, refused (43101), invalid_data, quota, failed, lost, cancelled, fanned_out. */
  outcome: string | null;
  errcode: number | null;
  errmsg: string | null;
  leaseUntil: Date | null;
  createdAt: Date;
  doneAt: Date | null;
}

/** The document of one notice as written at `now`. */
export function noticeDoc(n: NoticeItem, now: Date): NoticeDoc {
  const to = 'openid' in n.to ? n.to.openid : null;
  const due = n.notBefore.getTime() <= now.getTime() ? now : n.notBefore;
  // Nothing to send: done at once. A unit's notice is fanned out at once (each person's send keeps quiet hours).
  const done = to !== null && !n.push;
  return {
    _id: n.key,
    to,
    notice: n,
    event: n.event,
    phrase: n.data.phrase3 ?? n.data.phrase4 ?? '',
    title: n.title,
    body: n.body,
    link: n.link,
    at: n.notBefore > n.at ? n.notBefore : n.at,
    read: false,
    status: done ? 'done' : 'pending',
    nextAt: to === null ? due : sendableAt(due, n.urgent),
    attempts: 0,
    outcome: done ? 'inbox_only' : null,
    errcode: null,
    errmsg: null,
    leaseUntil: null,
    createdAt: now,
    doneAt: done ? now : null,
  };
}

/**
 * Inside the caller's transaction: the notices of the step it is writing. Keys must be new to
 * this transaction (derived from what it claims, e.g. an event sequence): they are added, and a
 * duplicate aborts the transaction like any conflict.
 */
export async function writeNotices(tx: Transaction, notices: readonly NoticeItem[], now: Date): Promise<void> {
  for (const n of notices) await tx.collection('notices').add({ data: noticeDoc(n, now) });
}

export const isDuplicate = (err: unknown) => /E11000|duplicate|already exists/i.test(String((err as { errMsg?: string; message?: string }).errMsg ?? (err as Error).message ?? err));

/** Outside a transaction, after the causing write succeeded: a replay finds its key taken and writes nothing. */
export async function writeNoticesNow(notices: readonly NoticeItem[], now: Date): Promise<void> {
  for (const n of notices) {
    try {
      await db.collection('notices').add({ data: noticeDoc(n, now) });
    } catch (err) {
      // The same key written before: this is a replay of the same event.
      if (!isDuplicate(err)) throw err;
    }
  }
}

/**
 * Drops notices not delivered yet (a cancelled booking's reminders): a pending one is marked
 * cancelled and a reminder whose time has not come leaves the inbox; delivered ones stay.
 */
export async function cancelNotices(keys: readonly string[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const { stats } = await db
    .collection('notices')
    .where({ _id: _.in([...keys]), status: 'pending' })
    .update({ data: { status: 'done', outcome: 'cancelled', doneAt: now } });
  await db
    .collection('notices')
    .where({ _id: _.in([...keys]), at: _.gt(now) })
    .remove();
  return stats.updated;
}

/** A document another writer adds with its own (the case store's ExtraWrite). */
export interface NoticeWrite {
  collection: 'notices';
  doc: Record<string, unknown> & { _id: string };
}

/** The documents of some notices, for a transaction that adds them. */
export function noticeWrites(notices: readonly NoticeItem[], now: Date): NoticeWrite[] {
  return notices.map((n) => ({ collection: 'notices' as const, doc: { ...noticeDoc(n, now) } }));
}

/**
 * The case store's hook: the notices a case step gives (core's caseNotices), written right after the
 * step's first event and before its case, by its writer or by whoever rolls the step forward (README
 * "Case steps without a transaction"). Pure: keys come from the events' sequence, so both write the
 * same documents and a taken key means written.
 */
export function caseNoticeWrites({ doc, events }: { doc: CaseState & { _id: string }; events: ReadonlyArray<CaseEvent & { seq: number }> }): NoticeWrite[] {
  const at = events[0]?.at ?? new Date();
  return noticeWrites(caseNotices(doc._id, doc, events.map((event) => ({ event, seq: event.seq }))), new Date(at));
}
