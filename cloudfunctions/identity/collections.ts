import { defineCollections } from '@core';

export const identityCollections = defineCollections([
  {
    name: 'members',
    purpose: 'openid → roles, org units served, display name and phone of every advisor and staff member',
    indexes: [{ name: 'orgIds_active', keys: [['orgIds', 1], ['active', 1]] }],
  },
]);
