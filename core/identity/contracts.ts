import * as z from 'zod/mini';
import { action } from '../api/action';
import { ROLES } from './roles';

export const roleSchema = z.enum(ROLES);

export const whoamiOutput = z.object({
  openid: z.string(),
  roles: z.array(roleSchema),
  displayName: z.nullable(z.string()),
  orgIds: z.array(z.string()),
});

export const identityContracts = {
  whoami: action({
    summary: "The caller's openid, roles and the org units they serve.",
    input: z.object({}),
    output: whoamiOutput,
    roles: ROLES,
    write: false,
  }),
};
