import * as z from 'zod/mini';
import type { Role } from './roles';

/**
 * Roles a grant can give: residents need none, they simply use the app. An invite carries one of
 * these for one or more units, and redeeming it gives one grant per unit.
 */
export const GRANT_ROLES = ['advisor', 'staff', 'supervisor', 'admin'] as const;
export type GrantRole = (typeof GRANT_ROLES)[number];

/**
 * One role on one unit (授权). A member holds grants, and every scope is checked against the grant
 * that gives it: an advisor of a village in one township who is staff of another township's
 * station is staff there and an advisor here, never staff here.
 */
export interface Grant {
  role: GrantRole;
  orgId: string;
}

export const grantSchema = z.object({
  role: z.enum(GRANT_ROLES),
  orgId: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位')),
});

/** The units where the grants give `role` (every granted unit when no role is named). */
export function unitsOf(grants: readonly Grant[], role?: Role): string[] {
  return [...new Set(grants.filter((g) => role === undefined || g.role === role).map((g) => g.orgId))];
}

/** The roles the grants give, in GRANT_ROLES order. */
export function rolesOfGrants(grants: readonly Grant[]): GrantRole[] {
  return GRANT_ROLES.filter((r) => grants.some((g) => g.role === r));
}

const sameGrant = (a: Grant, b: Grant) => a.role === b.role && a.orgId === b.orgId;

/** The lists' grants, each once, in the order first given (an invite's units stay in its order). */
export function mergeGrants(...lists: ReadonlyArray<readonly Grant[]>): Grant[] {
  const out: Grant[] = [];
  for (const g of lists.flat()) if (!out.some((o) => sameGrant(o, g))) out.push({ role: g.role, orgId: g.orgId });
  return out;
}

/** The grants in `next` that `before` lacks, and those it drops. */
export function grantChanges(before: readonly Grant[], next: readonly Grant[]): { added: Grant[]; removed: Grant[] } {
  return {
    added: next.filter((g) => !before.some((b) => sameGrant(b, g))),
    removed: before.filter((b) => !next.some((g) => sameGrant(b, g))),
  };
}

/** Roles a supervisor may give or take: the people she leads. Supervisors and admins are the admins' to appoint. */
export const SUPERVISOR_GRANTS: readonly GrantRole[] = ['advisor', 'staff'];

/** Whether a unit is in the acting supervisor's subtree. */
export type InReach = (orgId: string) => boolean;

/**
 * Why a supervisor may not act on a member, or null: she manages advisors and staff of her
 * subtree; supervisors, admins and members serving no unit are the admins'. `whole`: the act
 * touches every grant (deactivation), so every grant must be hers to touch, not just one.
 */
export function managesRefusal(grants: readonly Grant[], inReach: InReach, whole: boolean): 'lead_account' | 'grant_out_of_reach' | null {
  if (grants.length === 0 || grants.some((g) => !SUPERVISOR_GRANTS.includes(g.role))) return 'lead_account';
  const outside = grants.filter((g) => !inReach(g.orgId)).length;
  return (whole ? outside > 0 : outside === grants.length) ? 'grant_out_of_reach' : null;
}

/** Why a supervisor may not turn `before` into `next`, or null: she adds and removes only advisor and staff grants, only in her subtree. */
export function grantChangeRefusal(before: readonly Grant[], next: readonly Grant[], inReach: InReach): 'role_not_grantable' | 'grant_out_of_reach' | null {
  const { added, removed } = grantChanges(before, next);
  const changed = [...added, ...removed];
  if (changed.some((g) => !SUPERVISOR_GRANTS.includes(g.role))) return 'role_not_grantable';
  return changed.some((g) => !inReach(g.orgId)) ? 'grant_out_of_reach' : null;
}

/** An invite as it was redeemed: one role for its units. */
export interface RedeemedInvite {
  role: GrantRole;
  orgIds: readonly string[];
}

/**
 * Grants for a member stored before grants existed (flat `roles[]` × `orgIds[]`). The invites they
 * redeemed say which role came with which units, so the migration gives exactly those; only roles
 * no invite explains (set by hand) fall back to every unit of the record, which is what the
 * member could do before, so nobody loses or gains anything the record did not already grant.
 */
export function grantsOfLegacyMember(legacy: { roles: readonly Role[]; orgIds: readonly string[] }, invites: readonly RedeemedInvite[]): Grant[] {
  const fromInvites = invites.flatMap((i) => i.orgIds.filter((o) => legacy.orgIds.includes(o)).map((orgId) => ({ role: i.role, orgId })));
  const explained = new Set(fromInvites.map((g) => g.role));
  const unexplained = GRANT_ROLES.filter((r) => legacy.roles.includes(r) && !explained.has(r));
  return mergeGrants(
    fromInvites.filter((g) => legacy.roles.includes(g.role)),
    unexplained.flatMap((role) => legacy.orgIds.map((orgId) => ({ role, orgId }))),
  );
}
