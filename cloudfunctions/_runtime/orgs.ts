import type { Org } from '@core';
import { _, db } from './cloud';

export type OrgDoc = Org & { _id: string };

export async function loadOrgs(ids: readonly string[]): Promise<OrgDoc[]> {
  if (ids.length === 0) return [];
  const { data } = await db.collection<OrgDoc>('orgs').where({ _id: _.in([...ids]) }).limit(ids.length).get();
  return data;
}

/** Every unit id in the subtrees under the given units (themselves included). */
export async function subtreeIds(rootIds: readonly string[]): Promise<string[]> {
  if (rootIds.length === 0) return [];
  const { data } = await db
    .collection<OrgDoc>('orgs')
    .where({ path: _.in([...rootIds]) })
    .field({ _id: true })
    .limit(1000)
    .get();
  return [...new Set([...rootIds, ...data.map((o) => o._id)])];
}

export function toOrg(doc: OrgDoc): Org {
  const { _id, ...org } = doc;
  return { ...org, id: _id };
}

/** Names for the units a timeline mentions, in one read. */
export async function unitNames(ids: readonly string[]): Promise<(id: string) => string> {
  const names = new Map((await loadOrgs(ids)).map((o) => [o._id, o.name]));
  return (id) => names.get(id) ?? id;
}
