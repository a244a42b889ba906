// Who the caller is: what identity.whoami answers and 首页's identity.home starts from. Its own
// module so that the identity contracts and the profile contracts (which they import) share it.
import * as z from 'zod/mini';
import { grantSchema } from './grants';
import { ROLES } from './roles';

export const roleSchema = z.enum(ROLES);

export const whoamiOutput = z.object({
  openid: z.string(),
  roles: z.array(roleSchema),
  grants: z.array(grantSchema),
  displayName: z.nullable(z.string()),
  orgIds: z.array(z.string()),
  /** Things a worker must act on before they cause harm (e.g. next year's holidays not entered). */
  notices: z.array(z.string()),
  /** The caller's own requests (as applicant or 代办) still being handled: 首页 points to them. */
  openCases: z.number(),
});
