import type { Org } from '@core';

export interface Unit {
  id: string;
  name: string;
}

/**
 * The units a worker acts for: their own first (the first is the default), then the units under
 * them, which is what the subtree scope allows. Admins serve no unit and may use any.
 */
export function unitsFor(orgs: Org[], mine: string[]): Unit[] {
  const active = orgs.filter((o) => o.active);
  const own = mine.map((id) => active.find((o) => o.id === id)).filter((o): o is Org => o !== undefined);
  const below = active.filter((o) => !mine.includes(o.id) && (mine.length === 0 || o.path.some((p) => mine.includes(p))));
  return [...own, ...below].map((o) => ({ id: o.id, name: o.name }));
}

export function unitIndex(units: Unit[], orgId: string): number {
  return Math.max(0, units.findIndex((u) => u.id === orgId));
}
