import * as z from 'zod/mini';
import { action } from '../api/action';
import type { Access } from '../policy/policy';
import { orgInputSchema, orgSchema, TIERS } from './tiers';

const EVERYONE: Access = { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] };
const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'));
const publicAdvisor = z.object({ displayName: z.string(), phone: z.string() });

/** 服务网点 and 公示栏: the three tiers as a public directory, kept by an admin. */
export const orgContracts = {
  list: action({
    summary: "The public directory: units of a tier or under a parent, with their notices, and the caller's own units.",
    input: z.strictObject({ tier: z.optional(z.enum(TIERS)), parentId: z.optional(orgId) }),
    output: z.object({
      orgs: z.array(orgSchema),
      /** The units the caller serves (none for residents): worker forms need no second call to know. */
      mine: z.array(z.string()),
    }),
    access: EVERYONE,
    write: false,
    refusals: {},
  }),
  get: action({
    summary: "One unit's public notice (公示栏) with the advisors serving it.",
    input: z.strictObject({ id: orgId }),
    output: z.object({ org: orgSchema, advisors: z.array(publicAdvisor) }),
    access: EVERYONE,
    write: false,
    refusals: { unit_not_found: { code: 'NOT_FOUND', when: 'no open unit has that id' } },
  }),
  save: action({
    summary: 'Create or update a unit of the three tiers with its services and public notice.',
    input: orgInputSchema,
    output: orgSchema,
    access: { admin: ['any'] },
    write: true,
    refusals: {
      unit_fixed: { code: 'INVALID_STATE', when: 'an existing unit would change its tier or parent (its subtree’s paths would go stale: a migration, not an edit)' },
      parent_not_found: { code: 'NOT_FOUND', when: 'the parent named does not exist' },
      wrong_parent: { code: 'VALIDATION_FAILED', when: 'the parent’s tier does not hold this tier (stations under the center, rooms under a station)' },
    },
  }),
};
