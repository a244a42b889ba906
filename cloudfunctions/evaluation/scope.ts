import { mayAccess, refuse, unitsOf } from '@core';
import { db } from '../_runtime/cloud';
import type { ActionContext } from '../_runtime/function';
import { loadOrgs, type OrgDoc } from '../_runtime/orgs';

/**
 * The unit figures or a sample are for: the one asked, if the caller reaches it; else the first
 * unit of the caller's supervisor or staff grants, or the county (as 统计 chooses).
 */
export async function scopeUnit(ctx: ActionContext, orgId: string | undefined): Promise<OrgDoc> {
  const wanted = orgId ?? [...unitsOf(ctx.actor.grants, 'supervisor'), ...unitsOf(ctx.actor.grants, 'staff')][0];
  const [org] = wanted ? await loadOrgs([wanted]) : (await db.collection<OrgDoc>('orgs').where({ parentId: null }).limit(1).get()).data;
  if (!org) throw refuse('NOT_FOUND', 'unit_not_found', '所选单位不存在');
  if (!mayAccess(ctx.actor, ctx.access, { orgId: org._id, orgPath: org.path })) throw refuse('FORBIDDEN', 'out_of_reach', '只能看本单位或下属单位');
  return org;
}
