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
 * Every unit's name and ancestor path, read for the whole county at once (a few hundred units, one
 * read) and kept by a warm instance for FACTS_MS: a path never changes (units do not move: saveOrg
 * refuses it), a renamed unit may show its old name for up to 5 minutes on a timeline, and a unit
 * created since is found by reading again on the miss (an id naming no unit costs the read it cost
 * before). Saves the units read on case commands and views.
 * Scope never comes from here: subtreeIds reads fresh.
 */
const FACTS_MS = 5 * 60_000;
let county: { at: number; facts: Map<string, { name: string; path: string[] }> } | null = null;

async function readCounty(now: number): Promise<Map<string, { name: string; path: string[] }>> {
  const { data } = await db
    .collection<OrgDoc>('orgs')
    .where({ active: _.in([true, false]) })
    .field({ _id: true, name: true, path: true })
    .limit(MAX_SUBTREE)
    .get();
  county = { at: now, facts: new Map(data.map((o) => [o._id, { name: o.name, path: [...o.path] }])) };
  return county.facts;
}

export async function orgFacts(ids: readonly string[]): Promise<Map<string, { name: string; path: string[] }>> {
  const now = Date.now();
  if (!county || now - county.at >= FACTS_MS || now < county.at) return readCounty(now);
  const known = county.facts;
  if (ids.some((id) => !known.has(id))) return readCounty(now);
  return known;
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
