import * as z from 'zod/mini';
import { CASE_CATEGORIES, CATEGORY_INFO, type CaseCategory } from '../case/categories';
import { distanceKm } from '../booking/places';
import { locationSchema, type Org, type UnitLocation } from '../org/tiers';

/**
 * The provider directory: outside bodies a resident may go to (lawyers and firms, notary offices,
 * mediation committees and mediators, appraisal bodies, 基层法律服务所), beside the county's own units.
 * Public facts only: licence number and public credit notes as the licensing body publishes them.
 */
export const PROVIDER_KINDS = ['lawFirm', 'lawyer', 'notaryOffice', 'mediationCommittee', 'mediator', 'appraisalInstitution', 'grassrootsOffice'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  lawFirm: '律师事务所',
  lawyer: '律师',
  notaryOffice: '公证处',
  mediationCommittee: '人民调解委员会',
  mediator: '人民调解员',
  appraisalInstitution: '司法鉴定机构',
  grassrootsOffice: '基层法律服务所',
};

const text = (max: number, what: string) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}太长了`));

export const providerIdSchema = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '编号只能用小写字母、数字和短横线'));

export const providerInputSchema = z.strictObject({
  id: providerIdSchema,
  kind: z.enum(PROVIDER_KINDS),
  name: text(40, '名称'),
  services: z.array(z.enum(CASE_CATEGORIES)).check(z.minLength(1, '请至少选择一项服务')),
  address: text(100, '地址'),
  phone: z.string().check(z.trim(), z.regex(/^[0-9-]{5,20}$/, '电话号码格式不对')),
  hours: text(100, '办公时间'),
  /** 执业证号 / 许可证号 as issued. */
  licence: text(40, '执业（许可）证号'),
  /** 公开信用信息: what the licensing body publishes (奖惩、投诉处理结果); empty when there is nothing on record. */
  credit: z.string().check(z.trim(), z.maxLength(200, '信用信息太长了')),
  /** The township station it sits in, so the list by township works with no location at all. */
  stationId: z.nullable(z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '所属乡镇不对'))),
  location: z.optional(locationSchema),
  /** 停用 keeps the record (an import may name it again) but leaves it off the map. */
  active: z.boolean(),
});
export type ProviderInput = z.infer<typeof providerInputSchema>;
export const providerSchema = z.object({ ...providerInputSchema.shape, updatedAt: z.string() });
export type Provider = z.infer<typeof providerSchema>;

/** One pin or list entry of 服务地图: a unit of the three tiers or an outside provider. */
export const placeSchema = z.object({
  type: z.enum(['unit', 'provider']),
  id: z.string(),
  name: z.string(),
  kindLabel: z.string(),
  address: z.string(),
  phone: z.string(),
  hours: z.string(),
  services: z.array(z.string()),
  location: z.nullable(locationSchema),
  stationId: z.nullable(z.string()),
  /** Kilometres from the resident, when they shared where they are. */
  distanceKm: z.nullable(z.number()),
});
export type Place = z.infer<typeof placeSchema>;

const SERVICE_LABEL = (s: string) => (CASE_CATEGORIES as readonly string[]).includes(s) ? CATEGORY_INFO[s as CaseCategory].label : null;

/** The station a unit belongs to: itself, its parent (a village room) or none (the center). */
export function stationOf(org: Pick<Org, 'id' | 'tier' | 'parentId'>): string | null {
  return org.tier === 'station' ? org.id : org.tier === 'room' ? org.parentId : null;
}

export function unitPlace(org: Org): Place {
  return {
    type: 'unit',
    id: org.id,
    name: org.name,
    kindLabel: org.tier === 'center' ? '县公共法律服务中心' : org.tier === 'station' ? '乡镇工作站' : '村（社区）工作室',
    address: org.address,
    phone: org.notice.contactPhone,
    hours: org.notice.officeHours,
    services: org.services.map(SERVICE_LABEL).filter((s): s is string => s !== null),
    location: org.location ?? null,
    stationId: stationOf(org),
    distanceKm: null,
  };
}

export function providerPlace(p: ProviderInput): Place {
  return {
    type: 'provider',
    id: p.id,
    name: p.name,
    kindLabel: PROVIDER_KIND_LABELS[p.kind],
    address: p.address,
    phone: p.phone,
    hours: p.hours,
    services: p.services.map((s) => CATEGORY_INFO[s].label),
    location: p.location ?? null,
    stationId: p.stationId,
    distanceKm: null,
  };
}

/**
 * Nearest first when the resident shares where they are (places with no position last); otherwise
 * by township as the list shows them: the county's own first (no station), then station by station,
 * units before providers, each in name order.
 */
export function arrangePlaces(places: readonly Place[], near?: UnitLocation | null): Place[] {
  if (near) {
    const placed = places.map((p) => ({ ...p, distanceKm: p.location ? Math.round(distanceKm(near, p.location) * 10) / 10 : null }));
    return placed.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.name.localeCompare(b.name, 'zh'));
  }
  // Within a township: its station, then its rooms, then the providers there.
  const rank = (p: Place) => (p.type === 'provider' ? 2 : p.id === p.stationId ? 0 : 1);
  return [...places].sort((a, b) => (a.stationId ?? '').localeCompare(b.stationId ?? '') || rank(a) - rank(b) || a.id.localeCompare(b.id));
}
