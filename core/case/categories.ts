import type { TimeLimit } from '../clock';
import type { Service } from '../org/tiers';

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

export interface CategoryInfo {
  label: string;
  /** Two uppercase letters leading the case code (一案一码); unique across categories. */
  prefix: string;
  /** The default 限时办结 limit the clock starts with at intake. */
  limit: TimeLimit;
  /** Where the limit comes from, so a reviewer can tell law from the county's own choice. */
  limitSource: string;
}

/**
 * Only some limits come from law or ministry rules; the rest are this county's service
 * commitments (服务承诺), chosen so a matter the center can only refer on is still followed up,
 * and meant to be adjusted by configuration. Citations checked against published texts
 * (2026-11): 法律援助法 Art. 43, 人民调解工作若干规定 (司法部令第75号) Art. 33, 司法鉴定程序通则
 * (2016) Art. 28, 劳动争议调解仲裁法 Art. 43, 行政复议法's 60 days. The 公证程序规则 article number
 * was not found in a copy here; the text cites the rule without it.
 */
export const CATEGORY_INFO: Record<CaseCategory, CategoryInfo> = {
  consultation: {
    label: '法律咨询',
    prefix: 'ZX',
    limit: { amount: 1, unit: 'workingDays' },
    limitSource: '本县服务承诺：无法当场解答的咨询，1个工作日内答复（无法定时限）',
  },
  legalAid: {
    label: '法律援助',
    prefix: 'FY',
    limit: { amount: 7, unit: 'calendarDays' },
    limitSource: '《法律援助法》第四十三条：自收到申请之日起七日内审查并作出是否给予法律援助的决定（这是决定时限，不是案件办结时限）',
  },
  mediation: {
    label: '人民调解',
    prefix: 'TJ',
    limit: { amount: 30, unit: 'calendarDays' },
    // 人民调解法 itself sets no deadline; the ministry's 2002 rules say "一般在一个月内调结".
    limitSource: '《人民调解法》未规定调解期限；30日参照司法部《人民调解工作若干规定》第三十三条“一般在一个月内调结”，作为本县服务承诺',
  },
  lawyer: {
    label: '律师服务',
    prefix: 'LS',
    limit: { amount: 3, unit: 'workingDays' },
    limitSource: '本县服务承诺：3个工作日内对接律师（律师代理本身的期限由委托合同约定）',
  },
  notary: {
    label: '公证服务',
    prefix: 'GZ',
    limit: { amount: 15, unit: 'workingDays' },
    limitSource: '参照《公证程序规则》：自受理之日起十五个工作日内出具公证书（核实、鉴定等时间不计入）',
  },
  appraisal: {
    label: '司法鉴定',
    prefix: 'JD',
    limit: { amount: 30, unit: 'workingDays' },
    limitSource: '参照《司法鉴定程序通则》第二十八条：委托书生效之日起三十个工作日内完成鉴定（复杂疑难可延长，补充材料时间不计入）',
  },
  arbitration: {
    label: '仲裁服务',
    prefix: 'ZC',
    limit: { amount: 45, unit: 'calendarDays' },
    // Most arbitration a county center sees is labour arbitration; commercial arbitration has no
    // statutory period, so the labour one is the honest default.
    limitSource: '参照《劳动争议调解仲裁法》第四十三条：受理之日起四十五日内结束（可延长十五日）',
  },
  adminReview: {
    label: '行政复议',
    // FY is taken by 法律援助; XZ reads as 行政.
    prefix: 'XZ',
    limit: { amount: 60, unit: 'calendarDays' },
    limitSource: '参照《行政复议法》：受理之日起六十日内作出行政复议决定',
  },
  complaint: {
    label: '投诉建议',
    prefix: 'TS',
    limit: { amount: 5, unit: 'workingDays' },
    // the 实体平台建设指导意见 §(十)3 says only 限时处理 without a number.
    limitSource: '种子文件002第(十)3条只要求“限时处理”，未给出天数；5个工作日为本县选择',
  },
};

export const CHANNELS = ['miniprogram', 'walkIn', 'hotline12348', 'groupChat', 'agency'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  miniprogram: '小程序',
  walkIn: '窗口来访',
  hotline12348: '12348热线',
  groupChat: '法律顾问群',
  agency: '部门转来',
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
