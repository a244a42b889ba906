import { isWorker, type Role } from '../identity/roles';
import { mayAccess, type Access, type Scope, type Subject } from '../policy/policy';
import type { CaseState } from './machine';

/** What scope checks need of a stored case: its owner unit's place in the tree, and a pending transfer's. */
export interface CaseReach extends Pick<CaseState, 'applicant' | 'proxy' | 'handler' | 'firstHandler' | 'orgId' | 'transfer'> {
  orgPath: readonly string[];
  transferPath: readonly string[] | null;
}

function owners(c: CaseReach): string[] {
  return [c.applicant.openid, c.proxy?.openid ?? null].filter((id): id is string => id !== null);
}

/**
 * Whether a caller reaches a case: as its applicant or 代办 (own), as its handler or first
 * handler (assigned — 首办 follows the case to the end), through the owning unit's subtree, or —
 * while a transfer is pending — through the receiving unit, whose people must see it to sign for
 * it. A pending transfer addressed to a unit an advisor serves counts as assigned to them.
 */
export function mayReachCase(subject: Subject, access: Access, c: CaseReach): boolean {
  const mine = owners(c);
  const handlers = [c.handler?.openid, c.firstHandler?.openid].filter((id): id is string => !!id);
  if (c.transfer && subject.orgIds.includes(c.transfer.toOrgId)) handlers.push(subject.openid);
  const owning = mine.length > 0 ? { ownerOpenid: mine.includes(subject.openid) ? subject.openid : mine[0] } : {};
  if (mayAccess(subject, access, { ...owning, handlerOpenids: handlers, orgId: c.orgId, orgPath: c.orgPath })) return true;
  return !!c.transfer && mayAccess(subject, access, { orgId: c.transfer.toOrgId, orgPath: c.transferPath ?? [] });
}

function withoutOwn(access: Access): Access {
  const out: Access = {};
  for (const [role, scopes] of Object.entries(access) as Array<[Role, readonly Scope[]]>) {
    const kept = scopes.filter((s) => s !== 'own');
    if (kept.length > 0) out[role] = kept;
  }
  return out;
}

/**
 * How the caller stands toward a case. A worker who filed a case of their own stands as its
 * applicant, not as staff: they may not triage, sign for, resolve or rate-as-staff their own
 * matter, nor read its internal notes, unless their work gives them reach to it anyway.
 */
export function standing(subject: Subject, access: Access, c: CaseReach): 'worker' | 'applicant' | null {
  if (isWorker(subject.roles) && mayReachCase(subject, withoutOwn(access), c)) return 'worker';
  if (owners(c).includes(subject.openid) && mayReachCase(subject, access, c)) return 'applicant';
  return null;
}

const RANK: readonly Role[] = ['admin', 'supervisor', 'staff', 'advisor'];

/** The ledger names one role per step: the caller's highest working role, or resident. */
export function workingRole(roles: readonly Role[]): Role {
  return RANK.find((r) => roles.includes(r)) ?? 'resident';
}
