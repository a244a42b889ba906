import { ROLE_LABELS, type caseContracts, type Member } from '@core';
import { _, db } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { subtreeIds } from '../_runtime/orgs';
import { assertReach } from './reach';
import { loadCase, type CaseDoc } from './store';

type Contracts = typeof caseContracts;
type MemberDoc = Member & { _id: string };

/**
 * Members one pick list reads: a station with its villages has a handful of staff and a dozen or
 * so advisors, the county center's whole subtree a few hundred at most.
 */
const MAX_CANDIDATES = 200;

/** Who may handle a case: active advisors and staff serving its unit or a unit under it. */
export async function handlerCandidates(doc: CaseDoc): Promise<MemberDoc[]> {
  const units = await subtreeIds([doc.orgId]);
  const { data } = await db
    .collection<MemberDoc>('members')
    .where({ orgIds: _.in(units), active: true })
    .orderBy('displayName', 'asc')
    .limit(MAX_CANDIDATES)
    .get();
  return data.filter((m) => m.roles.some((r) => r === 'advisor' || r === 'staff'));
}

/** 指派: the people the assign sheet offers. */
export const handlers: Handler<Contracts['handlers']> = async (input, ctx) => {
  const doc = await loadCase(input.caseId);
  assertReach(ctx, doc);
  return {
    handlers: (await handlerCandidates(doc)).map((m) => ({
      openid: m._id,
      name: m.displayName,
      roleLabel: m.roles.includes('advisor') ? ROLE_LABELS.advisor : ROLE_LABELS.staff,
    })),
  };
};
