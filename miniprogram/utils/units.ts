import type { Org, Tier } from '@core';

export interface Unit {
  id: string;
  name: string;
}

/** With its place in the tree, for the unit picker (components/unit-picker). */
export interface TreeUnit extends Unit {
  tier: Tier;
  parentId: string | null;
}

/**
 * The units a worker acts for: their own first (the first is the default), then the units under
 * them, which is what the subtree scope allows. Admins serve no unit and may use any.
 */
export function unitsFor(orgs: Org[], mine: string[]): TreeUnit[] {
  const active = orgs.filter((o) => o.active);
  const own = mine.map((id) => active.find((o) => o.id === id)).filter((o): o is Org => o !== undefined);
  const below = active.filter((o) => !mine.includes(o.id) && (mine.length === 0 || o.path.some((p) => mine.includes(p))));
  return [...own, ...below].map((o) => ({ id: o.id, name: o.name, tier: o.tier, parentId: o.parentId }));
}

export function unitIndex(units: Unit[], orgId: string): number {
  return Math.max(0, units.findIndex((u) => u.id === orgId));
}
