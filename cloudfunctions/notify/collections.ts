import { defineCollections } from '@core';

export const notifyCollections = defineCollections([
  {
    name: 'notices',
    purpose: 'one per notice and person (_id = dedupe key): the 消息 inbox entry (shown from `at`) and its outbox delivery state, written with the causing event',
    indexes: [
      // 消息: a person's entries, newest first, and the unread count.
      { name: 'to_at', keys: [['to', 1], ['at', -1]] },
      { name: 'to_read_at', keys: [['to', 1], ['read', 1], ['at', -1]] },
      // Delivery: what is due, and claims whose run died.
      { name: 'status_next', keys: [['status', 1], ['nextAt', 1]] },
      { name: 'status_lease', keys: [['status', 1], ['leaseUntil', 1]] },
    ],
  },
  {
    name: 'subscriptions',
    purpose: 'the consent ledger: _id = openid:template → unused one-time consents, long-term on, stopped by 43101 or ban',
    indexes: [{ name: 'openid', keys: [['openid', 1]] }],
  },
  {
    name: 'notify_alerts',
    purpose: 'sends WeChat refused for our data or setup (47003, 40037, 41030, quota, repeated failure), for staff to fix',
    indexes: [{ name: 'at', keys: [['at', -1]] }],
  },
  {
    name: 'timer_jobs',
    purpose: 'the timer’s job keys (job + time window): a window run twice is done once',
    indexes: [{ name: 'at', keys: [['at', 1]] }],
  },
]);
