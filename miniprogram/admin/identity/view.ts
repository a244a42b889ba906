import { GRANT_ROLES, ROLE_LABELS, TIER_LABELS, type Grant, type GrantRole, type UnitRef } from '@core';

/** The roles an invite or grant can give, in plain words, for a picker. */
export const ROLE_CHOICES: Array<{ role: GrantRole; label: string }> = GRANT_ROLES.map((role) => ({ role, label: ROLE_LABELS[role] }));

/** A unit as a picker lists it: stations and rooms indented under the center, so the tree reads at a glance. */
export function unitChoices(units: readonly UnitRef[]): Array<{ id: string; label: string }> {
  const indent = { center: '', station: '　', bureau: '　', room: '　　' } as const;
  const ordered: UnitRef[] = [];
  const add = (parentId: string | null) => {
    for (const u of units.filter((x) => x.parentId === parentId || (parentId === null && !units.some((p) => p.id === x.parentId)))) {
      if (ordered.includes(u)) continue;
      ordered.push(u);
      add(u.id);
    }
  };
  add(null);
  return ordered.map((u) => ({ id: u.id, label: `${indent[u.tier]}${u.name}` }));
}

export function unitName(units: readonly UnitRef[], id: string): string {
  return units.find((u) => u.id === id)?.name ?? id;
}

/** 东坡村公共法律服务工作室的法律顾问、… */
export function grantsText(grants: readonly Grant[], units: readonly UnitRef[]): string {
  return grants.map((g) => `${unitName(units, g.orgId)}的${ROLE_LABELS[g.role]}`).join('、') || '无';
}

export { TIER_LABELS };
