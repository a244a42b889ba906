import { ROLE_LABELS, type caseContracts, type Grant } from '@core';
import { grantsOfMember, type MemberDoc } from '../_runtime/actor';
import { _, db } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { subtreeIds } from '../_runtime/orgs';
import { assertReach } from './reach';
import { loadCase, type CaseDoc } from './store';

type Contracts = typeof caseContracts;

/**
 * Members one pick list reads: a station with its villages has a handful of staff and a dozen or
 * so advisors, the county center's whole subtree a few hundred at most.
 */
const MAX_CANDIDATES = 200;

/** A candidate with the grant that makes them one: advisor or staff on the case's unit or one under it. */
export interface Candidate {
  member: MemberDoc;
  grant: Grant;
}

/** Who may handle a case: active members with an advisor or staff grant on its unit or a unit under it. */
export async function handlerCandidates(doc: CaseDoc): Promise<Candidate[]> {
  const units = await subtreeIds([doc.orgId]);
  const { data } = await db
    .collection<MemberDoc>('members')
    .where({ orgIds: _.in(units), active: true })
    .orderBy('displayName', 'asc')
    .limit(MAX_CANDIDATES)
    .get();
  const inUnits = new Set(units);
  return data.flatMap((member) => {
    const grants = grantsOfMember(member);
    // A person both advising and staffing here is offered as the advisor, the one who knows the village.
    const grant = grants.find((g) => g.role === 'advisor' && inUnits.has(g.orgId)) ?? grants.find((g) => g.role === 'staff' && inUnits.has(g.orgId));
    return grant ? [{ member, grant }] : [];
  });
}

/** 指派: the people the assign sheet offers. */
export const handlers: Handler<Contracts['handlers']> = async (input, ctx) => {
  const doc = await loadCase(input.caseId);
  assertReach(ctx, doc);
  return {
    handlers: (await handlerCandidates(doc)).map(({ member, grant }) => ({
      openid: member._id,
      name: member.displayName,
      roleLabel: ROLE_LABELS[grant.role],
    })),
  };
};
