import { isWorker, type Role } from '../identity/roles';
import { mayAccess, scopesOf, type Access, type Scope, type Subject } from '../policy/policy';
import type { CaseState } from './types';

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

/** One alternative of a reach query: cases whose field holds one of the values (an array field: contains one). */
export interface ReachAlternative {
  field: 'applicant.openid' | 'proxy.openid' | 'handler.openid' | 'firstHandler.openid' | 'orgId' | 'orgPath';
  values: string[];
}

/**
 * mayReachCase as a database query, for lists (queues, the ledger): the cases matching any
 * alternative are exactly the cases the caller reaches, except through a pending transfer, which
 * the 待接收转办 queue asks for by its own field. Null means every case; an empty list, none.
 * core/case/access.test.ts checks the two agree on generated cases.
 */
export function caseReachQuery(subject: Subject, access: Access): ReachAlternative[] | null {
  const scopes = scopesOf(subject, access);
  if (scopes.has('any')) return null;
  const me = [subject.openid];
  const orgs = [...subject.orgIds];
  return [
    ...(scopes.has('own') ? (['applicant.openid', 'proxy.openid'] as const).map((field) => ({ field, values: me })) : []),
    ...(scopes.has('assigned') ? (['handler.openid', 'firstHandler.openid'] as const).map((field) => ({ field, values: me })) : []),
    ...(scopes.has('subtree') && orgs.length > 0 ? (['orgId', 'orgPath'] as const).map((field) => ({ field, values: orgs })) : []),
  ];
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
