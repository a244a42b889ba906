import { identityContracts } from '@core';
import { defineFunction } from '../_runtime/function';

export const main = defineFunction('identity', identityContracts, {
  async whoami(_input, { actor }) {
    return { openid: actor.openid, roles: actor.roles, displayName: actor.displayName, orgIds: actor.orgIds };
  },
});
