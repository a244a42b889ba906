import { CASE_CATEGORIES, CATEGORY_INFO, type CaseCategory } from '../case/categories';
import type { MaterialNoticeItem } from '../case/types';
import { refuse } from '../api/errors';
import type { GuideEntryInput } from './catalogue';

/** A ticked item of a 一次性告知: `<service>.<material id>`, e.g. `notary.kinshipProof`. */
export const MATERIAL_REF = /^([a-zA-Z]+)\.([a-z][A-Za-z0-9]{1,39})$/;

export function materialRef(service: CaseCategory, id: string): string {
  return `${service}.${id}`;
}

/** The services a list of refs draws from, so the function reads only those entries. */
export function servicesOf(refs: readonly string[]): CaseCategory[] {
  const services = new Set<CaseCategory>();
  for (const ref of refs) {
    const service = MATERIAL_REF.exec(ref)?.[1];
    if (service && (CASE_CATEGORIES as readonly string[]).includes(service)) services.add(service as CaseCategory);
  }
  return [...services];
}

/**
 * The ticked items as the notice shows them, each with why it is asked and what may stand in for
 * it, in the order ticked. A ref naming no item of the catalogue is refused: the notice must say
 * exactly what the worker ticked.
 */
export function explainMaterials(refs: readonly string[], entries: readonly GuideEntryInput[]): MaterialNoticeItem[] {
  const out: MaterialNoticeItem[] = [];
  for (const ref of [...new Set(refs)]) {
    const [, service, id] = MATERIAL_REF.exec(ref) ?? [];
    const material = entries.find((e) => e.service === service)?.materials.find((m) => m.id === id);
    if (!material) throw refuse('VALIDATION_FAILED', 'unknown_material', '所选材料不在服务指南里，请刷新后重新勾选', { ref });
    out.push({ ref, name: material.name, why: material.why, replaceWith: material.replaceWith });
  }
  return out;
}

export interface MissingCount {
  ref: string;
  service: string;
  name: string;
  count: number;
}

/** The most often missing catalogue items, named from the catalogue as it stands (a removed item keeps its ref). */
export function rankMissing(rows: ReadonlyArray<{ ref: string; count: number }>, entries: readonly GuideEntryInput[]): MissingCount[] {
  return rows
    .map(({ ref, count }) => {
      const [, service = '', id] = MATERIAL_REF.exec(ref) ?? [];
      const name = entries.find((e) => e.service === service)?.materials.find((m) => m.id === id)?.name ?? ref;
      const label = (CASE_CATEGORIES as readonly string[]).includes(service) ? CATEGORY_INFO[service as CaseCategory].label : service;
      return { ref, service: label, name, count };
    })
    .sort((a, b) => b.count - a.count || a.ref.localeCompare(b.ref));
}
