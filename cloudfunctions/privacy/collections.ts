import { defineCollections } from '@core';

export const privacyCollections = defineCollections([
  {
    name: 'consents',
    purpose: 'append-only answers to separate consents (PIPL Art 29/31): who, which purpose and text version, given or withdrawn, when, for which child and by which guardian',
    indexes: [{ name: 'openid_at', keys: [['openid', 1], ['at', -1]] }],
  },
  {
    name: 'deletion_requests',
    purpose: 'a person’s requests to delete what is held about them (PIPL Art 47/50): each kind’s answer and how the office processed it',
    indexes: [
      { name: 'openid_at', keys: [['openid', 1], ['at', -1]] },
      { name: 'status_at', keys: [['status', 1], ['at', 1]] },
    ],
  },
  {
    name: 'privacy_jobs',
    purpose: '_id = job name: where a bounded, resumable sweep (re-sealing after a key rotation) left off',
  },
]);
