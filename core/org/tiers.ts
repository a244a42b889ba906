import * as z from 'zod/mini';

/**
 * The three tiers of the 实体平台建设指导意见 (县中心、乡镇工作站、村工作室): county center → township
 * station → village room; and the county's 司法局 (`bureau`), which is no tier of the platform but
 * takes complaints and legal-aid objections (法律援助法 Art 49, 56): it sits under the center so
 * routing and reach treat it as any unit there, yet it is no township, so whatever lists townships
 * or stations (the directory, 服务地图, 统计's rows) leaves it out.
 */
export const TIERS = ['center', 'station', 'room', 'bureau'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Record<Tier, string> = {
  center: '公共法律服务中心',
  station: '公共法律服务工作站',
  room: '公共法律服务工作室',
  bureau: '司法局',
};

/** Which tier may sit under which: a station under the center, a room under a station, the 司法局 under the center. */
export const PARENT_TIER: Record<Tier, Tier | null> = { center: null, station: 'center', room: 'station', bureau: 'center' };

/** The "4+X" services of the 实体平台建设指导意见 plus 法律顾问 publicity and complaints. */
export const SERVICES = [
  'publicity',
  'consultation',
  'legalAid',
  'mediation',
  'lawyer',
  'notary',
  'appraisal',
  'arbitration',
  'adminReview',
  'complaint',
] as const;
export type Service = (typeof SERVICES)[number];

export const SERVICE_LABELS: Record<Service, string> = {
  publicity: '法治宣传',
  consultation: '法律咨询',
  legalAid: '法律援助',
  mediation: '人民调解',
  lawyer: '律师服务',
  notary: '公证服务',
  appraisal: '司法鉴定',
  arbitration: '仲裁服务',
  adminReview: '行政复议',
  complaint: '投诉建议',
};

const text = (max: number, what: string) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}太长了`));
const phone = z.string().check(z.trim(), z.regex(/^[0-9-]{5,20}$/, '电话号码格式不对'));

const noticeFields = {
  duty: text(500, '工作职责'),
  contactPerson: text(20, '联系人'),
  contactPhone: phone,
  officeHours: text(200, '驻点时间'),
  supervisionPhone: phone,
};

/** The public notice (公示栏) every unit shows: name, duty, contact, 驻点时间, 监督电话. */
export const noticeSchema = z.strictObject(noticeFields);
export type Notice = z.infer<typeof noticeSchema>;

/**
 * Where a unit is, in GCJ-02 (the coordinates WeChat's map, wx.openLocation and wx.getLocation
 * with type 'gcj02' use; a GPS WGS-84 reading is some hundred metres off in China).
 */
export const locationSchema = z.strictObject({
  lat: z.number().check(z.gte(-90, '纬度不对'), z.lte(90, '纬度不对')),
  lng: z.number().check(z.gte(-180, '经度不对'), z.lte(180, '经度不对')),
});
export type UnitLocation = z.infer<typeof locationSchema>;

const orgFields = {
  id: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '单位编号只能用小写字母、数字和短横线')),
  tier: z.enum(TIERS),
  parentId: z.nullable(z.string()),
  name: text(40, '单位名称'),
  address: text(100, '地址'),
  services: z.array(z.enum(SERVICES)).check(z.minLength(1, '请至少选择一项服务')),
  location: z.optional(locationSchema),
};

/** What an admin submits: strict, so a misspelt field is refused rather than silently dropped. */
export const orgInputSchema = z.strictObject({ ...orgFields, notice: noticeSchema });
export type OrgInput = z.infer<typeof orgInputSchema>;

/** What the directory answers: the stored unit with its place in the tree. */
export const orgSchema = z.object({
  ...orgFields,
  notice: z.object(noticeFields),
  /** Ancestors from the center down to the parent: subtree queries match on it. */
  path: z.array(z.string()),
  active: z.boolean(),
});
export type Org = z.infer<typeof orgSchema>;

/**
 * Whether a unit is one of the service network's places (center, township stations, village rooms)
 * as lists of them show it: the directory, 服务地图's townships, 统计's rows. The 司法局 is not.
 */
export function inNetwork(org: { tier?: Tier | undefined }): boolean {
  return org.tier !== 'bureau';
}

/** The ancestor path of a new unit, checking the tier sits where the three-tier structure puts it. */
export function pathFor(tier: Tier, parent: Pick<Org, 'id' | 'tier' | 'path'> | null): string[] | 'WRONG_PARENT' {
  const expected = PARENT_TIER[tier];
  if (expected === null) return parent === null ? [] : 'WRONG_PARENT';
  if (!parent || parent.tier !== expected) return 'WRONG_PARENT';
  return [...parent.path, parent.id];
}

/** A unit and everything under it: what a staff member of that unit may see. */
export function inSubtree(orgId: string, target: { orgId: string; orgPath: readonly string[] }): boolean {
  return target.orgId === orgId || target.orgPath.includes(orgId);
}
