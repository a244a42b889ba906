import { _, db } from '../_runtime/cloud';
import type { NoticeDoc } from '../_runtime/outbox';

export const INBOX_PAGE_SIZE = 30;

/** A person's entries whose time has come (a reminder shows at its own time, not when it was planned). */
const shown = (openid: string, now: Date) => ({ to: openid, at: _.lte(now) });

export async function unreadOf(openid: string, now: Date): Promise<number> {
  return (await db.collection('notices').where({ ...shown(openid, now), read: false }).count()).total;
}

export async function inboxPage(openid: string, cursor: string | undefined, now: Date) {
  const base = shown(openid, now);
  let filter: object = base;
  if (cursor) {
    const cut = cursor.indexOf('_');
    const at = new Date(Number(cursor.slice(0, cut)));
    const id = cursor.slice(cut + 1);
    filter = _.and([{ to: openid }, _.or([{ at: _.lt(at) }, { at, _id: _.lt(id) }])]);
  }
  const { data } = await db.collection<NoticeDoc>('notices').where(filter).orderBy('at', 'desc').orderBy('_id', 'desc').limit(INBOX_PAGE_SIZE + 1).get();
  const rows = data.slice(0, INBOX_PAGE_SIZE);
  const last = rows[rows.length - 1];
  return {
    entries: rows.map((r) => ({ id: r._id, event: r.event, phrase: r.phrase, title: r.title, body: r.body, at: new Date(r.at), read: r.read, link: r.link })),
    nextCursor: data.length > INBOX_PAGE_SIZE && last ? `${new Date(last.at).getTime()}_${last._id}` : null,
  };
}

export async function markRead(openid: string, ids: readonly string[] | undefined, all: boolean, now: Date): Promise<void> {
  // `to` in every filter: nobody marks another person's entries.
  if (all) await db.collection('notices').where({ ...shown(openid, now), read: false }).update({ data: { read: true } });
  else if (ids && ids.length > 0) await db.collection('notices').where({ _id: _.in([...ids]), to: openid }).update({ data: { read: true } });
}
