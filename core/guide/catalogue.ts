import * as z from 'zod/mini';
import { CASE_CATEGORIES, CATEGORY_INFO, type CaseCategory } from '../case/categories';
import type { TimeLimit } from '../clock';

/**
 * 服务指南: for each service that becomes a case, who may apply, what to bring (each paper with why
 * it is asked and what may stand in for it), the time limit and where it comes from, fees and the
 * waivers for priority groups, where to apply and the steps. Kept as data so the center can edit it;
 * the same list is what a worker ticks for a 一次性告知, so two workers ask for the same papers.
 */

/** What takes a paper off the list: a signed commitment (告知承诺制) or an office looking it up itself (数据共享). */
export const MATERIAL_REMOVERS = ['promise', 'dataSharing'] as const;
export type MaterialRemover = (typeof MATERIAL_REMOVERS)[number];
export const MATERIAL_REMOVER_LABELS: Record<MaterialRemover, string> = {
  promise: '可签承诺书代替（告知承诺）',
  dataSharing: '可由工作人员通过数据共享查询，不用带',
};

const text = (max: number, what: string) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}太长了`));
const optionalText = (max: number, what: string) => z.string().check(z.trim(), z.maxLength(max, `${what}太长了`));

/** A material's key inside its service: with the service it names the item a 一次性告知 ticks (`notary.idCard`). */
export const materialIdSchema = z.string().check(z.regex(/^[a-z][A-Za-z0-9]{1,39}$/, '材料编号只能用字母和数字，以小写字母开头'));

export const materialSchema = z.strictObject({
  id: materialIdSchema,
  name: text(40, '材料名称'),
  /** Why it is asked, in the words a villager reads. */
  why: text(200, '为什么需要'),
  /** What may stand in for it; empty when nothing can. */
  replaceWith: optionalText(200, '可以用什么代替'),
  /** What removes it from the list; null when nothing does. */
  removedBy: z.nullable(z.enum(MATERIAL_REMOVERS)),
});
export type Material = z.infer<typeof materialSchema>;

export const guideEntryInputSchema = z
  .strictObject({
    service: z.enum(CASE_CATEGORIES),
    /** One sentence in plain words: what this service does for you. */
    summary: text(200, '一句话说明'),
    whoMayApply: text(300, '谁可以申请'),
    materials: z.array(materialSchema).check(z.minLength(1, '请至少列出一样材料'), z.maxLength(30, '材料太多了')),
    timeLimit: z.strictObject({ text: text(100, '办理时限'), source: text(300, '时限依据') }),
    fees: text(200, '收费'),
    /** 特殊群体减免 (seed 000 §8) and anything else that lowers the cost or the papers for priority groups. */
    waivers: text(300, '减免'),
    where: text(300, '在哪里办'),
    steps: z.array(text(100, '办理步骤')).check(z.minLength(1, '请至少写一个步骤'), z.maxLength(12, '步骤太多了')),
  })
  .check(
    z.refine((e) => new Set(e.materials.map((m) => m.id)).size === e.materials.length, {
      message: '材料编号重复了',
      params: { rule: 'duplicate_material' },
    }),
  );
export type GuideEntryInput = z.infer<typeof guideEntryInputSchema>;

export const guideEntrySchema = z.object({
  ...guideEntryInputSchema.shape,
  title: z.string(),
  /** Who last edited it and when; null for the built-in default nobody has edited. */
  updatedAt: z.nullable(z.string()),
  updatedBy: z.nullable(z.string()),
});
export type GuideEntry = z.infer<typeof guideEntrySchema>;

const UNIT_WORDS: Record<TimeLimit['unit'], string> = { calendarDays: '日', workingDays: '个工作日', hours: '小时' };

/** The center's own limit for a service, in words, with its source: the same table the case clock runs on. */
export function centerLimitOf(service: CaseCategory): { text: string; source: string } {
  const info = CATEGORY_INFO[service];
  return { text: `${info.limit.amount}${UNIT_WORDS[info.limit.unit]}内${info.measures}`, source: info.limitSource };
}

/** The title a service goes by everywhere (the case category's label). */
export function guideTitle(service: CaseCategory): string {
  return CATEGORY_INFO[service].label;
}

/** A stored or default entry as the function answers it. */
export function toGuideEntry(input: GuideEntryInput, updated: { at: Date; by: string } | null = null): GuideEntry {
  return { ...input, title: guideTitle(input.service), updatedAt: updated ? updated.at.toISOString() : null, updatedBy: updated?.by ?? null };
}

/**
 * What is wrong with a catalogue: a service with no entry, an entry with no material, a limit with no
 * source. Empty for a catalogue every service can be applied for from.
 */
export function catalogueFindings(entries: readonly Pick<GuideEntryInput, 'service' | 'materials' | 'timeLimit'>[]): string[] {
  const findings: string[] = [];
  for (const service of CASE_CATEGORIES) {
    const entry = entries.find((e) => e.service === service);
    if (!entry) findings.push(`${service}: no entry`);
    else {
      if (entry.materials.length === 0) findings.push(`${service}: no material`);
      if (entry.timeLimit.text.trim() === '') findings.push(`${service}: no time limit`);
      // A source names a statute (《…》), a seed document or the county's own commitment.
      if (!/《.+》|本县服务承诺|种子文件/.test(entry.timeLimit.source)) findings.push(`${service}: time limit without a cited source`);
    }
  }
  return findings;
}
