import { maySend, sendableAt, verdictOf, type GrantRole, type NoticeItem } from '@core';
import { grantsOfMember, type MemberDoc } from '../_runtime/actor';
import { _, db } from '../_runtime/cloud';
import { log } from '../_runtime/log';
import { writeNoticesNow, type NoticeDoc } from '../_runtime/outbox';
import { messenger } from '../_runtime/ports';
import { consentOf, ids, longTerm, subscriptionId } from './consent';

/**
 * Delivery of due outbox items, run by the timer. Each item is claimed before anything else, so
 * two runs never both send it; a claim whose run died (lease passed) is recorded `lost`, never
 * sent again: no resident gets the same message twice, at the price of rarely none.
 */
const LEASE_MS = 2 * 60_000;
/** Items one run takes: a send is ~50–100 ms, and the timer runs every 2 minutes within a 60 s timeout. */
export const DELIVERIES_PER_RUN = 100;

export interface DeliveryCounts {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  fannedOut: number;
}

export async function deliverDue(now: Date, limit = DELIVERIES_PER_RUN): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0, fannedOut: 0 };
  await db
    .collection('notices')
    .where({ status: 'sending', leaseUntil: _.lt(now) })
    .update({ data: { status: 'done', outcome: 'lost', doneAt: now, leaseUntil: null } });
  const { data } = await db.collection<NoticeDoc>('notices').where({ status: 'pending', nextAt: _.lte(now) }).orderBy('nextAt', 'asc').limit(limit).get();
  for (const item of data) {
    const claimed = await db
      .collection('notices')
      .where({ _id: item._id, status: 'pending' })
      .update({ data: { status: 'sending', leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: _.inc(1) } });
    if (claimed.stats.updated !== 1) continue;
    counts.claimed += 1;
    const outcome = await deliverOne({ ...item, attempts: item.attempts + 1 }, now);
    if (outcome === 'sent') counts.sent += 1;
    else if (outcome === 'retry' || outcome === 'quota' || outcome === 'later') counts.retried += 1;
    else if (outcome === 'fanned_out') counts.fannedOut += 1;
    else if (outcome === 'failed' || outcome === 'invalid_data') counts.failed += 1;
    else counts.skipped += 1;
  }
  return counts;
}

async function finish(item: NoticeDoc, now: Date, outcome: string, extra: Record<string, unknown> = {}): Promise<string> {
  await db.collection('notices').doc(item._id).update({ data: { status: 'done', outcome, doneAt: now, leaseUntil: null, ...extra } });
  return outcome;
}

async function later(item: NoticeDoc, nextAt: Date, extra: Record<string, unknown> = {}): Promise<void> {
  await db.collection('notices').doc(item._id).update({ data: { status: 'pending', nextAt, leaseUntil: null, ...extra } });
}

/** A unit's notice becomes one notice per active member holding one of its roles on one of its units. */
async function fanOut(item: NoticeDoc, now: Date): Promise<string> {
  const to = item.notice.to as { orgIds: string[]; roles: GrantRole[]; nearest?: boolean };
  const { data } = await db.collection<MemberDoc>('members').where({ orgIds: _.in(to.orgIds), active: true }).limit(100).get();
  const holds = (m: MemberDoc, units: readonly string[]) => grantsOfMember(m).some((g) => units.includes(g.orgId) && to.roles.includes(g.role));
  let people = data.filter((m) => holds(m, to.orgIds));
  if (to.nearest) {
    const unit = to.orgIds.find((id) => people.some((m) => holds(m, [id])));
    people = unit ? people.filter((m) => holds(m, [unit])) : [];
  }
  const notices: NoticeItem[] = people.map((m) => ({ ...item.notice, key: `${item._id}:${m._id}`, to: { openid: m._id } }));
  await writeNoticesNow(notices, now);
  return finish(item, now, 'fanned_out', { fannedOutTo: people.length });
}

async function deliverOne(item: NoticeDoc, now: Date): Promise<string> {
  try {
    if (item.to === null) return await fanOut(item, now);
    const n = item.notice;
    if (!n.push) return await finish(item, now, 'inbox_only');
    // A retry that comes due in quiet hours waits for the morning like the first attempt did.
    const allowed = sendableAt(now, n.urgent);
    if (allowed > now) {
      await later(item, allowed);
      return 'later';
    }
    const lt = longTerm(n.template);
    const consent = await consentOf(item.to, n.template);
    // No consent: the inbox has it; a send is never attempted.
    if (!consent || !maySend(consent, lt)) return await finish(item, now, 'no_consent');
    const sid = subscriptionId(item.to, n.template);
    if (!lt) {
      // Spend the consent before the send, so two sends can never share one.
      const spent = await db.collection('subscriptions').where({ _id: sid, credits: _.gt(0), stopped: false }).update({ data: { credits: _.inc(-1) } });
      if (spent.stats.updated !== 1) return await finish(item, now, 'no_consent');
    }
    const result = await messenger.send({
      touser: item.to,
      templateId: ids()[n.template],
      page: n.link.page,
      data: Object.fromEntries(Object.entries(n.data).map(([k, value]) => [k, { value }])),
    });
    const verdict = verdictOf(result.errcode, item.attempts, now);
    const record = { errcode: result.errcode, errmsg: result.errmsg, lastAttemptAt: now };
    if (verdict.stopTemplate) await db.collection('subscriptions').doc(sid).update({ data: { stopped: true, credits: 0, updatedAt: now } });
    else if (verdict.refund && !lt) await db.collection('subscriptions').doc(sid).update({ data: { credits: _.inc(1) } });
    if (verdict.alert) {
      await db.collection('notify_alerts').add({ data: { at: now, errcode: result.errcode, errmsg: result.errmsg, template: n.template, event: n.event, outboxId: item._id } });
      log('error', 'subscribe message refused', { outboxId: item._id, errcode: result.errcode, errmsg: result.errmsg });
    }
    if (verdict.retryAt) {
      await later(item, sendableAt(verdict.retryAt, n.urgent), { outcome: verdict.outcome, ...record });
      return verdict.outcome;
    }
    return await finish(item, now, verdict.outcome, record);
  } catch (err) {
    // Our own failure (database, network): let the item come back after a backoff, the claim released.
    log('error', 'delivery failed', { outboxId: item._id, error: String(err) });
    await later(item, new Date(now.getTime() + 60_000)).catch(() => undefined);
    return 'retry';
  }
}
