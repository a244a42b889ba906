import type { Tier } from '@core';

/** A unit as the picker needs it: org.list's units carry all of this. */
export interface PickerUnit {
  id: string;
  name: string;
  tier: Tier;
  parentId: string | null;
}

export interface PickerRow {
  id: string;
  name: string;
  /** 0 center, 1 station, 2 village: the indent. */
  depth: number;
  /** Where a search hit sits: "青禾县公共法律服务中心 › 青石镇公共法律服务工作站". */
  where: string;
  /** How many units sit directly under it (0: nothing to open). */
  children: number;
  open: boolean;
  on: boolean;
}

const byName = (a: PickerUnit, b: PickerUnit) => a.name.localeCompare(b.name, 'zh-Hans-CN');

function childrenOf(units: readonly PickerUnit[], parentId: string | null): PickerUnit[] {
  const ids = new Set(units.map((u) => u.id));
  // A unit whose parent is not offered (a station's staff see their own subtree) is a root here.
  return units.filter((u) => (parentId === null ? u.parentId === null || !ids.has(u.parentId) : u.parentId === parentId)).sort(byName);
}

/** The chain from the top down to a unit, itself excluded. */
export function ancestors(units: readonly PickerUnit[], id: string): PickerUnit[] {
  const chain: PickerUnit[] = [];
  let at = units.find((u) => u.id === id)?.parentId ?? null;
  while (at !== null) {
    const unit = units.find((u) => u.id === at);
    if (!unit || chain.includes(unit)) break;
    chain.unshift(unit);
    at = unit.parentId;
  }
  return chain;
}

/**
 * The rows drawn: the tree (center → stations → villages), a branch shown when opened; or, while
 * searching, every unit whose name holds the words, with where it sits.
 */
export function pickerRows(units: readonly PickerUnit[], value: string, opened: readonly string[], query: string): PickerRow[] {
  const words = query.trim();
  const row = (u: PickerUnit, depth: number): PickerRow => {
    const children = childrenOf(units, u.id).length;
    return { id: u.id, name: u.name, depth, where: '', children, open: children > 0 && opened.includes(u.id), on: u.id === value };
  };
  if (words !== '') {
    return units
      .filter((u) => u.name.includes(words))
      .sort(byName)
      .map((u) => ({ ...row(u, 0), children: 0, open: false, where: ancestors(units, u.id).map((a) => a.name).join(' › ') }));
  }
  const rows: PickerRow[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const u of childrenOf(units, parentId)) {
      const r = row(u, depth);
      rows.push(r);
      if (r.open) walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** The branches open at first: the top, and the way down to the chosen unit and to the case's own. */
export function initiallyOpen(units: readonly PickerUnit[], ...ids: string[]): string[] {
  const top = childrenOf(units, null).map((u) => u.id);
  const along = ids.filter((id) => id !== '').flatMap((id) => [...ancestors(units, id).map((a) => a.id), id]);
  return [...new Set([...top, ...along])];
}
