import { _, db } from '../_runtime/cloud';
import type { InboxDoc } from '../_runtime/outbox';

export const INBOX_PAGE_SIZE = 30;

export async function unreadOf(openid: string): Promise<number> {
  return (await db.collection('inbox').where({ to: openid, read: false }).count()).total;
}

export async function inboxPage(openid: string, cursor: string | undefined) {
  const base = { to: openid };
  let filter: object = base;
  if (cursor) {
    const cut = cursor.indexOf('_');
    const at = new Date(Number(cursor.slice(0, cut)));
    const id = cursor.slice(cut + 1);
    filter = _.and([base, _.or([{ at: _.lt(at) }, { at, _id: _.lt(id) }])]);
  }
  const { data } = await db.collection<InboxDoc>('inbox').where(filter).orderBy('at', 'desc').orderBy('_id', 'desc').limit(INBOX_PAGE_SIZE + 1).get();
  const rows = data.slice(0, INBOX_PAGE_SIZE);
  const last = rows[rows.length - 1];
  return {
    entries: rows.map((r) => ({ id: r._id, event: r.event, phrase: r.phrase, title: r.title, body: r.body, at: new Date(r.at), read: r.read, link: r.link })),
    nextCursor: data.length > INBOX_PAGE_SIZE && last ? `${new Date(last.at).getTime()}_${last._id}` : null,
  };
}

export async function markRead(openid: string, ids: readonly string[] | undefined, all: boolean): Promise<void> {
  // `to` in every filter: nobody marks another person's entries.
  if (all) await db.collection('inbox').where({ to: openid, read: false }).update({ data: { read: true } });
  else if (ids && ids.length > 0) await db.collection('inbox').where({ _id: _.in([...ids]), to: openid }).update({ data: { read: true } });
}
