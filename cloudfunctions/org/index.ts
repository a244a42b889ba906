import { orgContracts, pathFor, refuse } from '@core';
import { audit } from '../_runtime/audit';
import { db } from '../_runtime/cloud';
import { defineFunction } from '../_runtime/function';
import { grantsOfMember, type MemberDoc } from '../_runtime/actor';
import { loadOrgs, toOrg, type OrgDoc } from '../_runtime/orgs';
import { reveal, sealedOrLegacy } from '../_runtime/protect';

/** A unit's directory page lists this many of its advisors: a village has one to three. */
const ADVISORS_SHOWN = 20;
/** Everyone granted a role on one unit: a village has its advisors, a station or the center a few dozen staff. */
const MEMBERS_READ = 200;
/** A county has one center, a dozen or two stations and a few hundred village rooms. */
const MAX_UNITS = 500;

export const main = defineFunction('org', orgContracts, {
  async list(input, ctx) {
    const filter: Record<string, unknown> = { active: true };
    if (input.tier) filter.tier = input.tier;
    if (input.parentId) filter.parentId = input.parentId;
    const { data } = await db.collection<OrgDoc>('orgs').where(filter).orderBy('_id', 'asc').limit(MAX_UNITS).get();
    return { orgs: data.map(toOrg), mine: ctx.actor.orgIds };
  },

  async get(input, ctx) {
    const [org] = await loadOrgs([input.id]);
    if (!org || !org.active) throw refuse('NOT_FOUND', 'unit_not_found', '没有这个服务单位');
    const { data } = await db
      .collection<MemberDoc>('members')
      .where({ orgIds: input.id, active: true })
      .limit(MEMBERS_READ)
      .get();
    // Only those whose advisor grant is for this unit: a staff grant here makes no one its legal advisor.
    const advisors = data.filter((m) => grantsOfMember(m).some((g) => g.role === 'advisor' && g.orgId === input.id));
    const shown = advisors.slice(0, ADVISORS_SHOWN);
    // The 公示栏 publishes each advisor's number so residents can call them: public by design, so
    // revealed without an audit row (an advisor's phone is stored sealed like everyone's).
    const phones = await reveal(
      ctx,
      { purpose: 'org.advisors.publish', subject: input.id, owners: shown.map((m) => m._id), published: true },
      shown.map((m) => sealedOrLegacy(m)),
    );
    return { org: toOrg(org), advisors: shown.map((m, i) => ({ displayName: m.displayName, phone: phones[i] ?? m.phone })) };
  },

  async save(input, ctx) {
    const [existing] = await loadOrgs([input.id]);
    if (existing && (existing.parentId !== input.parentId || existing.tier !== input.tier)) {
      // Paths of the units and cases below it would go stale: moving a unit is a migration, not an edit.
      throw refuse('INVALID_STATE', 'unit_fixed', '单位的层级和上级单位建立后不能修改，如需调整请联系技术支持');
    }
    const [parent] = input.parentId ? await loadOrgs([input.parentId]) : [];
    if (input.parentId && !parent) throw refuse('NOT_FOUND', 'parent_not_found', '上级单位不存在');
    const path = pathFor(input.tier, parent ? toOrg(parent) : null);
    if (path === 'WRONG_PARENT') throw refuse('VALIDATION_FAILED', 'wrong_parent', '上级单位不对：工作站属于中心，工作室属于工作站');
    const { id, ...rest } = input;
    const doc = { ...rest, path, active: true, updatedAt: ctx.now() };
    await db.collection('orgs').doc(id).set({ data: doc });
    await audit(ctx, 'org.save', id, { tier: input.tier });
    return { ...rest, id, path, active: true };
  },
});
