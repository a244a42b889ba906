import { caseNotices, sendableAt, type CaseEvent, type CaseState, type NoticeItem } from '@core';
import { _, db, type Transaction } from './cloud';

/**
 * The outbox and the inbox, written with the event that causes them (docs: /work/notes/n1-api.md,
 * README "Notifications"). A notice's dedupe key is the `_id` of both its inbox entry and its
 * outbox item, so the same event can never give two entries or two sends.
 */

/** The `inbox` document: what a person reads in 消息. */
export interface InboxDoc {
  _id: string;
  to: string;
  event: NoticeItem['event'];
  phrase: string;
  title: string;
  body: string;
  link: NoticeItem['link'];
  at: Date;
  read: boolean;
}

export type OutboxStatus = 'pending' | 'sending' | 'done';

/** The `outbox` document: one notice to deliver (or, for a unit, to fan out to its workers). */
export interface OutboxDoc {
  _id: string;
  notice: NoticeItem;
  /** The person, or null for a unit's notice still to be fanned out. */
  to: string | null;
  status: OutboxStatus;
  /** Not attempted before this: the notice's own time moved out of quiet hours, or a retry's backoff. */
  nextAt: Date;
  attempts: number;
  /** Written when the notice's time came (reminders are written to the inbox only then). */
  inboxWritten: boolean;
  /** How it ended: sent, no_consent, refused (43101), invalid_data, quota, failed, lost, cancelled, inbox_only, fanned_out. */
  outcome: string | null;
  errcode: number | null;
  errmsg: string | null;
  leaseUntil: Date | null;
  createdAt: Date;
  doneAt: Date | null;
}

export function inboxDocOf(n: NoticeItem, to: string): InboxDoc {
  return { _id: n.key, to, event: n.event, phrase: n.data.phrase3 ?? n.data.phrase4 ?? '', title: n.title, body: n.body, link: n.link, at: n.notBefore > n.at ? n.notBefore : n.at, read: false };
}

/**
 * What to write for one notice: the inbox entry now unless it is scheduled or for a unit, and an
 * outbox item unless it is inbox-only and already in the inbox.
 */
function plan(n: NoticeItem, now: Date): { inbox: InboxDoc | null; outbox: OutboxDoc | null } {
  const to = 'openid' in n.to ? n.to.openid : null;
  const due = n.notBefore.getTime() <= now.getTime();
  const inbox = to && due ? inboxDocOf(n, to) : null;
  if (inbox && !n.push) return { inbox, outbox: null };
  const outbox: OutboxDoc = {
    _id: n.key,
    notice: n,
    to,
    status: 'pending',
    // A unit's notice is fanned out at once (the inbox must not wait); each person's send keeps quiet hours.
    nextAt: to === null ? (due ? now : n.notBefore) : sendableAt(due ? now : n.notBefore, n.urgent),
    attempts: 0,
    inboxWritten: inbox !== null,
    outcome: null,
    errcode: null,
    errmsg: null,
    leaseUntil: null,
    createdAt: now,
    doneAt: null,
  };
  return { inbox, outbox };
}

/**
 * Inside the caller's transaction: the notices of the step it is writing. Keys must be new to
 * this transaction (derived from what it claims, e.g. an event sequence): they are added, and a
 * duplicate aborts the transaction like any conflict.
 */
export async function writeNotices(tx: Transaction, notices: readonly NoticeItem[], now: Date): Promise<void> {
  for (const n of notices) {
    const { inbox, outbox } = plan(n, now);
    if (inbox) await tx.collection('inbox').add({ data: inbox });
    if (outbox) await tx.collection('outbox').add({ data: outbox });
  }
}

const isDuplicate = (err: unknown) => /E11000|duplicate|already exists/i.test(String((err as { errMsg?: string; message?: string }).errMsg ?? (err as Error).message ?? err));

async function addOnce(collection: string, doc: { _id: string } & Record<string, unknown>): Promise<void> {
  try {
    await db.collection(collection).add({ data: doc });
  } catch (err) {
    // The same key written before: this is a replay of the same event.
    if (!isDuplicate(err)) throw err;
  }
}

/** Outside a transaction, after the causing write succeeded: a replay finds its keys taken and writes nothing. */
export async function writeNoticesNow(notices: readonly NoticeItem[], now: Date): Promise<void> {
  for (const n of notices) {
    const { inbox, outbox } = plan(n, now);
    // The outbox item first: if the inbox write is lost, delivery writes the entry (inboxWritten false).
    if (outbox) await addOnce('outbox', { ...outbox, inboxWritten: false });
    if (inbox) await addOnce('inbox', { ...inbox });
  }
}

/** Drops pending items not yet delivered (a cancelled booking's reminders); delivered ones stay as they were. */
export async function cancelNotices(keys: readonly string[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const { stats } = await db
    .collection('outbox')
    .where({ _id: _.in([...keys]), status: 'pending' })
    .update({ data: { status: 'done', outcome: 'cancelled', doneAt: now } });
  return stats.updated;
}

/** A document to add in someone else's transaction (the case store's ExtraWrite). */
export interface NoticeWrite {
  collection: 'inbox' | 'outbox';
  doc: Record<string, unknown> & { _id: string };
}

/** The inbox entries and outbox items of some notices, as documents for a transaction that adds them. */
export function noticeWrites(notices: readonly NoticeItem[], now: Date): NoticeWrite[] {
  return notices.flatMap((n) => {
    const { inbox, outbox } = plan(n, now);
    return [...(inbox ? [{ collection: 'inbox' as const, doc: { ...inbox } }] : []), ...(outbox ? [{ collection: 'outbox' as const, doc: { ...outbox } }] : [])];
  });
}

/**
 * The case store's hook: the notices a committed case step gives (core's caseNotices), written in
 * the step's own transaction. Pure, as the store requires: keys come from the events' sequence.
 */
export function caseNoticeWrites({ doc, events }: { doc: CaseState & { _id: string }; events: ReadonlyArray<CaseEvent & { seq: number }> }): NoticeWrite[] {
  const at = events[0]?.at ?? new Date();
  return noticeWrites(caseNotices(doc._id, doc, events.map((event) => ({ event, seq: event.seq }))), new Date(at));
}
