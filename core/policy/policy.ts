import { unitsOf, type Grant } from '../identity/grants';
import type { Role } from '../identity/roles';
import { inSubtree } from '../org/tiers';

/**
 * How far a role reaches on an action's target:
 * - any: every target (e.g. the public directory, or an admin's reach);
 * - own: the caller's own records (a resident's cases, a member's own profile);
 * - assigned: targets the caller handles or follows as first handler (首办);
 * - subtree: targets owned by a unit where the caller holds that role, or any unit under it.
 */
export const SCOPES = ['any', 'own', 'assigned', 'subtree'] as const;
export type Scope = (typeof SCOPES)[number];

/** Per action: which roles may call it and how far each reaches. A role not listed is refused. */
export type Access = Partial<Record<Role, readonly Scope[]>>;

export interface Subject {
  openid: string;
  /** Every role the caller holds: those of their grants, plus resident or a bootstrap admin. */
  roles: readonly Role[];
  /** Which role on which unit: a `subtree` scope of a role reaches only that role's units. */
  grants: readonly Grant[];
}

/** What a scope is judged on; handlers build it from the loaded document. */
export interface Target {
  ownerOpenid?: string | null;
  handlerOpenids?: readonly string[];
  orgId?: string;
  orgPath?: readonly string[];
}

export function rolesOf(access: Access): Role[] {
  return (Object.keys(access) as Role[]).filter((r) => (access[r]?.length ?? 0) > 0);
}

/** The role gate the dispatcher applies before anything is loaded. */
export function mayCall(subject: Subject, access: Access): boolean {
  return subject.roles.some((r) => (access[r]?.length ?? 0) > 0);
}

function reaches(subject: Subject, role: Role, scope: Scope, target: Target): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'own':
      return !!target.ownerOpenid && target.ownerOpenid === subject.openid;
    case 'assigned':
      return !!target.handlerOpenids?.includes(subject.openid);
    case 'subtree':
      return (
        target.orgId !== undefined &&
        unitsOf(subject.grants, role).some((id) => inSubtree(id, { orgId: target.orgId as string, orgPath: target.orgPath ?? [] }))
      );
  }
}

/** Whether one of the caller's roles, by its own scopes and its own units, reaches the target. */
export function roleReaches(subject: Subject, access: Access, role: Role, target: Target): boolean {
  return subject.roles.includes(role) && (access[role] ?? []).some((scope) => reaches(subject, role, scope, target));
}

/** The scope check on a loaded target: any of the caller's roles reaching it is enough. */
export function mayAccess(subject: Subject, access: Access, target: Target): boolean {
  return subject.roles.some((r) => roleReaches(subject, access, r, target));
}

/** The scopes the caller holds for an action, for handlers that filter a list query by them. */
export function scopesOf(subject: Subject, access: Access): Set<Scope> {
  return new Set(subject.roles.flatMap((r) => access[r] ?? []));
}
