import { mayAccess, type Access, type Subject } from '../policy/policy';
import type { CaseState } from './machine';

/** What scope checks need of a stored case: its owner unit's place in the tree, and a pending transfer's. */
export interface CaseReach extends Pick<CaseState, 'applicant' | 'proxy' | 'handler' | 'firstHandler' | 'orgId' | 'transfer'> {
  orgPath: readonly string[];
  transferPath: readonly string[] | null;
}

/**
 * Whether a caller reaches a case: as its applicant or 代办 (own), as its handler or first
 * handler (assigned — 首办 follows the case to the end), through the owning unit's subtree, or —
 * while a transfer is pending — through the receiving unit, whose people must see it to sign for
 * it. A pending transfer addressed to a unit an advisor serves counts as assigned to them.
 */
export function mayReachCase(subject: Subject, access: Access, c: CaseReach): boolean {
  const owners = [c.applicant.openid, c.proxy?.openid ?? null].filter((id): id is string => id !== null);
  const handlers = [c.handler?.openid, c.firstHandler?.openid].filter((id): id is string => !!id);
  if (c.transfer && subject.orgIds.includes(c.transfer.toOrgId)) handlers.push(subject.openid);
  const owning = owners.length > 0 ? { ownerOpenid: owners.includes(subject.openid) ? subject.openid : owners[0] } : {};
  if (mayAccess(subject, access, { ...owning, handlerOpenids: handlers, orgId: c.orgId, orgPath: c.orgPath })) return true;
  return !!c.transfer && mayAccess(subject, access, { orgId: c.transfer.toOrgId, orgPath: c.transferPath ?? [] });
}
