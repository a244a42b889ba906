import { defineCollections } from '@core';

export const orgCollections = defineCollections([
  {
    name: 'orgs',
    purpose: 'the three tiers: center, stations, rooms with ancestor path, services and public notice',
    indexes: [
      { name: 'path', keys: [['path', 1]] },
      { name: 'active_tier', keys: [['active', 1], ['tier', 1]] },
      { name: 'parentId', keys: [['parentId', 1]] },
    ],
  },
]);
