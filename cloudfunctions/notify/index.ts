import { notifyContracts } from '@core';
import { db } from '../_runtime/cloud';
import { defineFunction } from '../_runtime/function';
import { recordAnswers, statusOf } from './consent';
import { inboxPage, markRead, unreadOf } from './handlers';

/**
 * notify: the consent ledger, the 消息 inbox and the settings view. It never decides what
 * happened: notices are written by the function whose step caused them (outbox.ts) and delivered
 * by the timer function (notify/deliver.ts), which shares this folder's code.
 */
export const main = defineFunction('notify', notifyContracts, {
  async recordConsent(input, ctx) {
    await recordAnswers(ctx.actor.openid, input.answers, ctx.now());
    return { templates: await statusOf(ctx.actor.openid) };
  },
  async inbox(input, ctx) {
    const now = ctx.now();
    const [page, unread] = await Promise.all([inboxPage(ctx.actor.openid, input.cursor, now), unreadOf(ctx.actor.openid, now)]);
    return { ...page, unread };
  },
  async unread(_input, ctx) {
    return { unread: await unreadOf(ctx.actor.openid, ctx.now()) };
  },
  async markRead(input, ctx) {
    const now = ctx.now();
    await markRead(ctx.actor.openid, input.ids, input.all === true, now);
    return { unread: await unreadOf(ctx.actor.openid, now) };
  },
  async settings(_input, ctx) {
    return { templates: await statusOf(ctx.actor.openid) };
  },
  async alerts() {
    const { data } = await db.collection<{ _id: string; at: Date; errcode: number; errmsg: string; template: string; event: string }>('notify_alerts').orderBy('at', 'desc').limit(50).get();
    return { alerts: data.map((a) => ({ id: a._id, at: new Date(a.at), errcode: a.errcode, errmsg: a.errmsg, template: a.template, event: a.event })) };
  },
});
