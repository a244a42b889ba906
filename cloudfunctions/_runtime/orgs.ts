import { refuse, type Org } from '@core';
import { _, db } from './cloud';

export type OrgDoc = Org & { _id: string };

/**
 * Units under any one unit: a county has one center, a dozen or two stations and a few hundred
 * village rooms, so the whole county fits one read with room to spare.
 */
const MAX_SUBTREE = 1000;

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
    .limit(MAX_SUBTREE)
    .get();
  return [...new Set([...rootIds, ...data.map((o) => o._id)])];
}

export function toOrg(doc: OrgDoc): Org {
  const { _id, ...org } = doc;
  return { ...org, id: _id };
}

/**
 * A unit's name and ancestor path, kept a minute by a warm instance: a path never changes (units
 * do not move: saveOrg refuses it), and a renamed unit showing its old name for a minute on a
 * timeline harms nobody. Saves a read on every case command and case view.
 */
const FACTS_MS = 60_000;
const facts = new Map<string, { at: number; name: string; path: string[] }>();

export async function orgFacts(ids: readonly string[]): Promise<Map<string, { name: string; path: string[] }>> {
  const now = Date.now();
  const stale = [...new Set(ids)].filter((id) => {
    const f = facts.get(id);
    return !f || now - f.at >= FACTS_MS || now < f.at;
  });
  for (const o of await loadOrgs(stale)) facts.set(o._id, { at: now, name: o.name, path: [...o.path] });
  return facts;
}

/** Names for the units a timeline mentions, in one read at most. */
export async function unitNames(ids: readonly string[]): Promise<(id: string) => string> {
  const known = await orgFacts(ids);
  return (id) => known.get(id)?.name ?? id;
}

/** The ancestor path of a unit a case moves to. */
export async function pathOf(orgId: string): Promise<string[]> {
  const org = (await orgFacts([orgId])).get(orgId);
  if (!org) throw refuse('NOT_FOUND', 'unit_not_found', '所选单位不存在');
  return [...org.path];
}
