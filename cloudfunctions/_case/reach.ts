import { AppError, isWorker, mayReachCase, type ActingActor, type ActorRole, type Role } from '@core';
import type { ActionContext } from '../_runtime/function';
import { loadOrgs, subtreeIds } from '../_runtime/orgs';
import type { CaseDoc } from './store';

const RANK: Role[] = ['admin', 'supervisor', 'staff', 'advisor', 'resident'];

/** The ledger names one role per step: the caller's highest. */
export function actingActor(ctx: ActionContext, fallbackName: string, orgIds = ctx.actor.orgIds): ActingActor {
  const role: ActorRole = RANK.find((r) => ctx.actor.roles.includes(r)) ?? 'resident';
  return { openid: ctx.actor.openid, role, name: ctx.actor.displayName ?? fallbackName, orgIds };
}

/** Staff and supervisors act for every unit under theirs (e.g. signing for a transfer to a village room). */
export async function actingOrgIds(ctx: ActionContext): Promise<string[]> {
  const lead = ctx.actor.roles.includes('staff') || ctx.actor.roles.includes('supervisor');
  return lead ? subtreeIds(ctx.actor.orgIds) : ctx.actor.orgIds;
}

export function assertReach(ctx: ActionContext, doc: CaseDoc): void {
  if (!mayReachCase(ctx.actor, ctx.access, doc)) throw new AppError('FORBIDDEN', '您无权查看这件事');
}

/** Whether the caller sees this case as a worker (full timeline) rather than as its applicant. */
export function seesAsWorker(ctx: ActionContext, doc: CaseDoc): boolean {
  const own = doc.applicant.openid === ctx.actor.openid || doc.proxy?.openid === ctx.actor.openid;
  return isWorker(ctx.actor.roles) && !own;
}

export async function pathOf(orgId: string): Promise<string[]> {
  const [org] = await loadOrgs([orgId]);
  if (!org) throw new AppError('NOT_FOUND', '所选单位不存在');
  return [...org.path];
}
