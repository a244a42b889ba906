import { caseReachQuery, refuse, ROLE_LABELS, standing, unitsOf, workerRoleOn, workingRole, type ActingActor } from '@core';
import { _ } from '../_runtime/cloud';
import type { ActionContext } from '../_runtime/function';
import { subtreeIds } from '../_runtime/orgs';
import type { CaseDoc } from './store';

/** The caller as the ledger records them when no case is involved yet (intake). */
export function actingActor(ctx: ActionContext, fallbackName: string): ActingActor {
  const role = workingRole(ctx.actor.roles);
  return { openid: ctx.actor.openid, role, name: ctx.actor.displayName ?? fallbackName, orgIds: ctx.actor.orgIds };
}

/**
 * The caller acting on one case: as a worker only when their work reaches it, otherwise as its
 * applicant side; named by their member record, else by who they are on the case.
 */
export function caseActor(ctx: ActionContext, doc: CaseDoc, orgIds: readonly string[] = ctx.actor.orgIds): ActingActor {
  const as = standing(ctx.actor, ctx.access, doc);
  if (as === null) throw refuse('FORBIDDEN', 'out_of_reach', '您无权查看这件事');
  // The role whose own grant reaches this case, not the caller's highest role anywhere.
  const role = (as === 'worker' && workerRoleOn(ctx.actor, ctx.access, doc)) || 'resident';
  const me = ctx.actor.openid;
  const onCase = doc.proxy?.openid === me ? doc.proxy.name : doc.applicant.openid === me ? doc.applicant.name : null;
  const name = ctx.actor.displayName ?? onCase ?? ROLE_LABELS[role];
  return { openid: me, role, name, orgIds };
}

/**
 * The units a caller acts for: staff and supervisors for every unit under the units of their
 * staff and supervisor grants (e.g. signing for a transfer to a village room), an advisor for the
 * villages of their advisor grants only.
 */
export async function actingOrgIds(ctx: ActionContext): Promise<string[]> {
  const { grants } = ctx.actor;
  const lead = [...unitsOf(grants, 'staff'), ...unitsOf(grants, 'supervisor')];
  return [...new Set([...(lead.length > 0 ? await subtreeIds(lead) : []), ...unitsOf(grants, 'advisor')])];
}

export function assertReach(ctx: ActionContext, doc: CaseDoc): void {
  if (standing(ctx.actor, ctx.access, doc) === null) throw refuse('FORBIDDEN', 'out_of_reach', '您无权查看这件事');
}

/** Whether the caller reads this case as a worker (full timeline) rather than as its applicant. */
export function seesAsWorker(ctx: ActionContext, doc: CaseDoc): boolean {
  return standing(ctx.actor, ctx.access, doc) === 'worker';
}

/** The cases an action's caller reaches, as a query: core's caseReachQuery in the SDK's words. */
export function reachFilter(ctx: ActionContext): object | null {
  const alternatives = caseReachQuery(ctx.actor, ctx.access);
  if (alternatives === null) return null;
  // Reaching nothing must find nothing: an empty `or` is not a query the database accepts.
  if (alternatives.length === 0) return { _id: _.in([]) };
  return _.or(alternatives.map((a) => ({ [a.field]: _.in(a.values) })));
}

export const within = (reach: object | null, filter: object) => (reach ? _.and([reach, filter]) : filter);

