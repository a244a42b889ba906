import { unitsOf } from '../identity/grants';
import { isWorker, WORKING_ROLE_RANK, type Role } from '../identity/roles';
import { roleReaches, scopesOf, type Access, type Scope, type Subject } from '../policy/policy';
import type { CaseState } from './types';

/** What scope checks need of a stored case: its owner unit's place in the tree, and a pending transfer's. */
export interface CaseReach extends Pick<CaseState, 'applicant' | 'proxy' | 'handler' | 'firstHandler' | 'orgId' | 'transfer' | 'complaint'> {
  orgPath: readonly string[];
  transferPath: readonly string[] | null;
}

function owners(c: CaseReach): string[] {
  return [c.applicant.openid, c.proxy?.openid ?? null].filter((id): id is string => id !== null);
}

/** Whether one role of the caller, by its own scopes and units, reaches the case. */
function roleReachesCase(subject: Subject, access: Access, role: Role, c: CaseReach): boolean {
  const mine = owners(c);
  const handlers = [c.handler?.openid, c.firstHandler?.openid].filter((id): id is string => !!id);
  if (c.transfer && unitsOf(subject.grants, role).includes(c.transfer.toOrgId)) handlers.push(subject.openid);
  const owning = mine.length > 0 ? { ownerOpenid: mine.includes(subject.openid) ? subject.openid : mine[0] } : {};
  if (roleReaches(subject, access, role, { ...owning, handlerOpenids: handlers, orgId: c.orgId, orgPath: c.orgPath })) return true;
  return !!c.transfer && roleReaches(subject, access, role, { orgId: c.transfer.toOrgId, orgPath: c.transferPath ?? [] });
}

/**
 * Whether a caller reaches a case: as its applicant or 代办 (own), as its handler or first
 * handler (assigned — 首办 follows the case to the end), through the owning unit's subtree, or —
 * while a transfer is pending — through the receiving unit, whose people must see it to sign for
 * it. A pending transfer addressed to a unit where a role is granted counts as assigned to it.
 * Each role reaches only by its own grants.
 */
export function mayReachCase(subject: Subject, access: Access, c: CaseReach): boolean {
  // A complaint never reaches the person it is about, by any role they hold.
  if (c.complaint?.parties.includes(subject.openid) && !owners(c).includes(subject.openid)) return false;
  return subject.roles.some((r) => roleReachesCase(subject, access, r, c));
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
  // Only the units of roles the action gives a subtree scope: an advisor's villages never widen a staff grant.
  const orgs = [...new Set(subject.roles.filter((r) => access[r]?.includes('subtree')).flatMap((r) => unitsOf(subject.grants, r)))];
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
 * The working role a caller acts in on a case: the highest of their roles that reaches it (never
 * by `own`) and is granted on the case's unit or a unit above it; else the lowest that reaches it.
 * Being assigned reaches a case whatever the role, so the grant's place decides: an advisor of
 * one township who is staff of another, assigned a case in their village, acts there as its
 * advisor, with an advisor's commands, not as staff.
 */
export function workerRoleOn(subject: Subject, access: Access, c: CaseReach): Role | null {
  // A complaint about this person (or a case they handled) is not theirs to work on in any role.
  if (c.complaint?.parties.includes(subject.openid)) return null;
  const reach = withoutOwn(access);
  const reaching = WORKING_ROLE_RANK.filter((r) => subject.roles.includes(r) && roleReachesCase(subject, reach, r, c));
  const units = new Set([c.orgId, ...c.orgPath, ...(c.transfer ? [c.transfer.toOrgId, ...(c.transferPath ?? [])] : [])]);
  const placed = reaching.find((r) => r === 'admin' || unitsOf(subject.grants, r).some((u) => units.has(u)));
  return placed ?? reaching.at(-1) ?? null;
}

/**
 * How the caller stands toward a case. A worker who filed a case of their own stands as its
 * applicant, not as staff: they may not triage, sign for, resolve or rate-as-staff their own
 * matter, nor read its internal notes, unless their work gives them reach to it anyway.
 */
export function standing(subject: Subject, access: Access, c: CaseReach): 'worker' | 'applicant' | null {
  if (isWorker(subject.roles) && workerRoleOn(subject, access, c) !== null) return 'worker';
  if (owners(c).includes(subject.openid) && mayReachCase(subject, access, c)) return 'applicant';
  return null;
}

