import { timeLimitSchema, type TimeLimit } from '../clock';
import type { Service } from '../org/tiers';
import type { OutsideBodyKey, WindowKey } from './periods';

export * from './periods';

/**
 * The services that become cases (工单). 法治宣传 is broadcast, not asked for by one person,
 * so it never gets a case code.
 */
export const CASE_CATEGORIES = [
  'consultation',
  'legalAid',
  'mediation',
  'lawyer',
  'notary',
  'appraisal',
  'arbitration',
  'adminReview',
  'complaint',
] as const satisfies readonly Service[];
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/**
 * Who a clock belongs to. Only the center's own clocks are judged (按期办结率, 超期); an outside
 * body's statutory period is kept for information and shown to the resident; the resident's
 * own window to apply makes a request urgent.
 */
export type ClockOwner = 'center' | 'outsideBody' | 'resident';

/** What stops the center's clock: the matter itself settled (办结), or its referral to the body that decides it. */
export type CenterClockEnd = 'resolve' | 'referral';

export interface CategoryInfo {
  label: string;
  /** Two uppercase letters leading the case code (一案一码); unique across categories. */
  prefix: string;
  /** The center's own 限时办结 limit (owner: center), started at intake: what 按期办结率 judges. */
  limit: TimeLimit;
  /** Where the limit comes from, so a reviewer can tell law from the county's own choice. */
  limitSource: string;
  /** What the center's clock measures, in the words a worker reads. */
  measures: string;
  /** What stops it: 办结, or the referral to an outside body (refer), after which the body's own period runs. */
  ends: CenterClockEnd;
  /** The outside bodies a case of this category may be referred to; their periods are never the center's. */
  bodies: readonly OutsideBodyKey[];
  /** The resident's statutory windows a request of this category may carry; the first is the default. */
  windows: readonly WindowKey[];
}


/**
 * The center's own limits. Only some come from law or ministry rules; the rest are this county's
 * service commitments (服务承诺), meant to be adjusted by configuration. Where another body
 * decides the matter, the center's commitment is to refer it within a few working days; the
 * body's own period is in OUTSIDE_BODIES and never counts against the center. Citations checked
 * against published texts (2026-11): 法律援助法 Art. 43, 人民调解工作若干规定 (司法部令第75号) Art. 33.
 */
export const CATEGORY_INFO: Record<CaseCategory, CategoryInfo> = {
  consultation: {
    label: '法律咨询',
    prefix: 'ZX',
    limit: { amount: 1, unit: 'workingDays' },
    limitSource: '本县服务承诺：无法当场解答的咨询，1个工作日内答复（无法定时限）',
    measures: '答复咨询',
    ends: 'resolve',
    bodies: [],
    windows: ['adminReview', 'labourArbitration', 'labourSuit', 'adminLitigation'],
  },
  legalAid: {
    label: '法律援助',
    prefix: 'FY',
    limit: { amount: 7, unit: 'calendarDays' },
    limitSource: '《法律援助法》第四十三条：自收到申请之日起七日内审查并作出是否给予法律援助的决定（这是决定时限，不是案件办结时限）',
    measures: '作出是否给予法律援助的决定',
    ends: 'resolve',
    bodies: [],
    windows: ['labourArbitration', 'adminReview', 'labourSuit', 'adminLitigation'],
  },
  mediation: {
    label: '人民调解',
    prefix: 'TJ',
    limit: { amount: 30, unit: 'calendarDays' },
    // 人民调解法 itself sets no deadline; the ministry's 2002 rules say "一般在一个月内调结".
    limitSource: '《人民调解法》未规定调解期限；30日参照司法部《人民调解工作若干规定》第三十三条“一般在一个月内调结”，作为本县服务承诺',
    measures: '调结',
    ends: 'resolve',
    bodies: [],
    windows: [],
  },
  lawyer: {
    label: '律师服务',
    prefix: 'LS',
    limit: { amount: 3, unit: 'workingDays' },
    limitSource: '本县服务承诺：3个工作日内对接律师（律师代理本身的期限由委托合同约定）',
    measures: '对接律师事务所',
    ends: 'referral',
    bodies: ['lawFirm'],
    windows: ['labourSuit', 'adminLitigation'],
  },
  notary: {
    label: '公证服务',
    prefix: 'GZ',
    limit: { amount: 2, unit: 'workingDays' },
    limitSource: '本县服务承诺：2个工作日内把申请和材料转交公证处（公证处受理后15个工作日内出证是公证处的法定期限，不算中心的）',
    measures: '转交公证处',
    ends: 'referral',
    bodies: ['notaryOffice'],
    windows: [],
  },
  appraisal: {
    label: '司法鉴定',
    prefix: 'JD',
    limit: { amount: 3, unit: 'workingDays' },
    limitSource: '本县服务承诺：3个工作日内对接司法鉴定机构（鉴定机构30个工作日的期限是其法定期限，不算中心的）',
    measures: '对接司法鉴定机构',
    ends: 'referral',
    bodies: ['appraisalInstitution'],
    windows: [],
  },
  arbitration: {
    label: '仲裁服务',
    prefix: 'ZC',
    limit: { amount: 3, unit: 'workingDays' },
    // Seeds 003/004: the 仲裁 a 司法局 runs is commercial (民商事) arbitration, which has no statutory
    // period; labour disputes go to the 人社 committee, whose 45 days are its own, not the center's.
    limitSource: '本县服务承诺：3个工作日内指导申请并转交仲裁机构（劳动人事争议仲裁委员会45日、商事仲裁按仲裁规则，均不算中心的）',
    measures: '转交仲裁机构',
    ends: 'referral',
    bodies: ['labourArbitration', 'commercialArbitration'],
    windows: ['labourArbitration'],
  },
  adminReview: {
    label: '行政复议',
    // FY is taken by 法律援助; XZ reads as 行政.
    prefix: 'XZ',
    limit: { amount: 2, unit: 'workingDays' },
    limitSource: '本县服务承诺：2个工作日内帮助提出行政复议申请（复议机关的5个工作日审查、60日决定是其法定期限，不算中心的）',
    measures: '帮助提交行政复议申请',
    ends: 'referral',
    bodies: ['reviewBody'],
    windows: ['adminReview'],
  },
  complaint: {
    label: '投诉建议',
    prefix: 'TS',
    // The 实体平台建设指导意见 §(十)3 says only 限时处理; 蚌埠's published 3 working days is the anchor.
    // One number, changeable per county (CASE_COMMITMENTS, core/case/categories countyCommitments).
    limit: { amount: 3, unit: 'workingDays' },
    limitSource: '种子文件002第(十)3条要求“限时处理”，未给出天数；参照蚌埠市公共法律服务投诉3个工作日内答复，本县可调整',
    measures: '答复投诉',
    ends: 'resolve',
    bodies: [],
    windows: [],
  },
};

/**
 * A county's own commitments where they differ from CATEGORY_INFO (e.g. refer a notarization within
 * 3 working days instead of 2): a county setting, from the case function's environment
 * CASE_COMMITMENTS as JSON, e.g. {"notary":{"amount":3,"unit":"workingDays"}}. Statutory limits
 * (the legal-aid decision's 7 days) are not the county's to lengthen.
 */
export type CountyCommitments = Partial<Record<CaseCategory, TimeLimit>>;

/** The center's commitment for a category in this county. */
export function commitmentOf(category: CaseCategory, county: CountyCommitments = {}): TimeLimit {
  return county[category] ?? CATEGORY_INFO[category].limit;
}

/** Categories whose limit is statutory, not a county commitment. */
const STATUTORY: readonly CaseCategory[] = ['legalAid'];

/**
 * Reads CASE_COMMITMENTS. An entry that is not a category, a statutory one, or not a valid limit is
 * left out and the table's default stands, as a bad REGISTER_MAX_BACKDATE_DAYS falls back to its default.
 */
export function parseCountyCommitments(raw: string | undefined): CountyCommitments {
  let parsed: unknown;
  try {
    parsed = raw ? JSON.parse(raw) : {};
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const out: CountyCommitments = {};
  for (const category of CASE_CATEGORIES) {
    if (STATUTORY.includes(category)) continue;
    const limit = timeLimitSchema.safeParse((parsed as Record<string, unknown>)[category]);
    if (limit.success) out[category] = limit.data;
  }
  return out;
}

export const CHANNELS = ['miniprogram', 'walkIn', 'hotline12348', 'groupChat', 'agency', 'appointment'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  miniprogram: '小程序',
  walkIn: '窗口来访',
  hotline12348: '12348热线',
  groupChat: '法律顾问群',
  agency: '部门转来',
  /** A booked resident checked in on the day (booking.checkIn): the case names its booking. */
  appointment: '预约到场',
};

/** The 重点群体 the county and provincial plans name for 绿色通道 (老年人、残疾人、农民工、未成年人、妇女、军人军属、退役军人 …). */
export const PRIORITY_GROUPS = ['elderly', 'disabled', 'migrantWorker', 'minor', 'women', 'soldier', 'veteran'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

export const PRIORITY_GROUP_LABELS: Record<PriorityGroup, string> = {
  elderly: '老年人',
  disabled: '残疾人',
  migrantWorker: '农民工',
  minor: '未成年人',
  women: '妇女',
  soldier: '军人军属',
  veteran: '退役军人',
};

export const PRIORITIES = ['green', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_LABELS: Record<Priority, string> = { green: '绿色通道', normal: '普通' };

/** Any 重点群体 membership opens the 绿色通道; there is no ranking between the groups. */
export function priorityFor(groups: readonly PriorityGroup[]): Priority {
  return groups.length > 0 ? 'green' : 'normal';
}

export function categoryOfPrefix(prefix: string): CaseCategory | undefined {
  return CASE_CATEGORIES.find((c) => CATEGORY_INFO[c].prefix === prefix);
}
