import { defineCollections } from '@core';

export const identityCollections = defineCollections([
  {
    name: 'members',
    purpose: '_id = openid → grants (role × unit), with their roles and units derived for queries, display name and phone of every advisor and staff member',
    indexes: [
      { name: 'orgIds_active', keys: [['orgIds', 1], ['active', 1]] },
      { name: 'active', keys: [['active', 1]] },
      // An admin listing everyone, the deactivated too: the whole collection by name.
      { name: 'displayName', keys: [['displayName', 1]] },
    ],
  },
  {
    name: 'profiles',
    purpose: "_id = openid → a resident's own name, phone (masked, sealed, hashed), home village and birth date: kept once, offered on every form (U1)",
    indexes: [],
  },
  {
    name: 'invites',
    purpose: '_id = the code; a one-time invite to become a member with a role in given org units',
    indexes: [
      // The grants migration reads the invites a member redeemed; the pending list is the unredeemed ones.
      { name: 'usedBy', keys: [['usedBy', 1]] },
      // Every invite, newest first (the list with those done).
      { name: 'createdAt', keys: [['createdAt', -1]] },
      // npm run import finds the invite a spreadsheet row made before, so re-importing never duplicates it.
      { name: 'importKey', keys: [['importKey', 1]] },
    ],
  },
]);
