import { timeLimitSchema, type StatutoryPeriod, type TimeLimit } from '../clock';
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

// ─── Outside bodies and their statutory periods (owner: outsideBody) ─────────────────────

export const OUTSIDE_BODY_KEYS = [
  'notaryOffice',
  'appraisalInstitution',
  'labourArbitration',
  'commercialArbitration',
  'reviewBody',
  'lawFirm',
] as const;
export type OutsideBodyKey = (typeof OUTSIDE_BODY_KEYS)[number];

/** One statutory period of an outside body, started by an event the handler records. */
export interface OutsidePeriod {
  limit: TimeLimit;
  /** The body may extend it by this much (e.g. 劳动争议调解仲裁法 Art. 43: 15 days). */
  extension: TimeLimit | null;
  /** A shorter period under a simplified procedure (行政复议法 Art. 62: 30 days). */
  simplified: TimeLimit | null;
  /** Statute and article. */
  source: string;
  /** Where it starts, in words: the body's acceptance, recorded by the handler. */
  startsAt: string;
  /** What the law leaves out of it; the center cannot see those stretches, so its date is an estimate. */
  pausedBy: string;
  /** What the body produces at its end, for the resident's sentence ("…内出具公证书"). */
  outcome: string;
}

export interface OutsideBody {
  label: string;
  /** The body's review of whether to accept, from its receipt of the application; null when none in law. */
  acceptanceReview: (OutsidePeriod & { deemedAccepted: boolean }) | null;
  /** The period after acceptance; null when no statute sets one (then `noPeriod` says so). */
  period: OutsidePeriod | null;
  noPeriod: string | null;
}

/**
 * Outside bodies the center refers matters to. Checked against published texts (2026-12):
 * 公证法 Art. 30 (15 working days from acceptance; force majeure, 补充证明材料 and 核实 not counted;
 * 公证程序规则 repeats it, its article number not verified here); 劳动争议调解仲裁法 Arts. 29, 43;
 * 行政复议法 (2023 revision, in force 2024-01-01) Arts. 30, 62 and 88 (its 五日 are working days).
 * 司法鉴定程序通则 (2016) Art. 28 as cited before; 仲裁法 sets no period for commercial arbitration.
 */
export const OUTSIDE_BODIES: Record<OutsideBodyKey, OutsideBody> = {
  notaryOffice: {
    label: '公证处',
    acceptanceReview: null,
    period: {
      limit: { amount: 15, unit: 'workingDays' },
      extension: null,
      simplified: null,
      source: '《公证法》第三十条（《公证程序规则》同）',
      startsAt: '公证处受理公证申请之日',
      pausedBy: '不可抗力、补充证明材料、核实有关情况所需时间不计入',
      outcome: '出具公证书',
    },
    noPeriod: null,
  },
  appraisalInstitution: {
    label: '司法鉴定机构',
    acceptanceReview: null,
    period: {
      limit: { amount: 30, unit: 'workingDays' },
      extension: { amount: 30, unit: 'workingDays' },
      simplified: null,
      source: '《司法鉴定程序通则》第二十八条',
      startsAt: '司法鉴定委托书生效之日',
      pausedBy: '补充或者重新提取鉴定材料所需时间不计入',
      outcome: '完成鉴定',
    },
    noPeriod: null,
  },
  labourArbitration: {
    label: '劳动人事争议仲裁委员会',
    acceptanceReview: {
      limit: { amount: 5, unit: 'calendarDays' },
      extension: null,
      simplified: null,
      source: '《劳动争议调解仲裁法》第二十九条',
      startsAt: '仲裁委员会收到仲裁申请之日',
      pausedBy: '无',
      outcome: '决定是否受理',
      deemedAccepted: false,
    },
    period: {
      limit: { amount: 45, unit: 'calendarDays' },
      extension: { amount: 15, unit: 'calendarDays' },
      simplified: null,
      source: '《劳动争议调解仲裁法》第四十三条',
      startsAt: '仲裁委员会受理仲裁申请之日',
      pausedBy: '无（案情复杂经仲裁委员会主任批准可延长，最多15日）',
      outcome: '结束仲裁',
    },
    noPeriod: null,
  },
  commercialArbitration: {
    label: '仲裁委员会',
    acceptanceReview: null,
    period: null,
    noPeriod: '《仲裁法》未规定审理期限，按该仲裁委员会的仲裁规则办理',
  },
  reviewBody: {
    label: '行政复议机关',
    acceptanceReview: {
      limit: { amount: 5, unit: 'workingDays' },
      extension: null,
      simplified: null,
      source: '《行政复议法》第三十条、第八十八条',
      startsAt: '行政复议机关收到申请之日',
      pausedBy: '补正材料期间另计（第三十一条）',
      outcome: '审查决定是否受理（期满未决定的视为受理）',
      deemedAccepted: true,
    },
    period: {
      limit: { amount: 60, unit: 'calendarDays' },
      extension: { amount: 30, unit: 'calendarDays' },
      simplified: { amount: 30, unit: 'calendarDays' },
      source: '《行政复议法》第六十二条',
      startsAt: '行政复议机关受理申请之日',
      pausedBy: '行政复议中止期间（第三十九条）',
      outcome: '作出行政复议决定',
    },
    noPeriod: null,
  },
  lawFirm: {
    label: '律师事务所',
    acceptanceReview: null,
    period: null,
    noPeriod: '律师代理没有法定期限，以委托合同约定为准',
  },
};

// ─── The resident's own windows (owner: resident) ────────────────────────────────────────

export const WINDOW_KEYS = ['adminReview', 'labourArbitration', 'labourSuit', 'adminLitigation'] as const;
export type WindowKey = (typeof WINDOW_KEYS)[number];

export interface ResidentWindow {
  /** What the resident must do by the last day. */
  label: string;
  period: StatutoryPeriod;
  /** The date the intake asks for, in words. */
  from: string;
  source: string;
  /** What stops or resets it, which the center cannot judge for the resident. */
  pausedBy: string;
}

/**
 * The resident's statutory windows a request may carry. Its last day ends at the close of
 * business of the office where it is filed (CLOSE_OF_BUSINESS): filing by post or online keeps
 * until 24:00, so the date shown is the safe one.
 */
export const RESIDENT_WINDOWS: Record<WindowKey, ResidentWindow> = {
  adminReview: {
    label: '申请行政复议',
    period: { amount: 60, unit: 'days' },
    from: '知道或者应当知道该行政行为之日',
    source: '《行政复议法》第二十条',
    pausedBy: '因不可抗力或者其他正当理由耽误的，自障碍消除之日起继续计算',
  },
  labourArbitration: {
    label: '申请劳动仲裁',
    period: { amount: 1, unit: 'years' },
    from: '知道或者应当知道其权利被侵害之日',
    source: '《劳动争议调解仲裁法》第二十七条',
    pausedBy: '向对方主张权利、请求有关部门救济或对方同意履行时中断并重新计算；劳动关系存续期间拖欠劳动报酬的不受此限',
  },
  labourSuit: {
    label: '对劳动仲裁裁决起诉',
    period: { amount: 15, unit: 'days' },
    from: '收到仲裁裁决书之日',
    source: '《劳动争议调解仲裁法》第五十条',
    pausedBy: '无',
  },
  adminLitigation: {
    label: '提起行政诉讼',
    period: { amount: 6, unit: 'months' },
    from: '知道或者应当知道作出行政行为之日',
    source: '《行政诉讼法》第四十六条',
    pausedBy: '因不可抗力或者其他不属于其自身的原因耽误的，被耽误的时间不计算在起诉期限内（第四十八条）',
  },
};

/** The county's close of business for filings at an office (民法典 Art. 203); a county setting. */
export const CLOSE_OF_BUSINESS = '17:30';

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
    limit: { amount: 5, unit: 'workingDays' },
    // the 实体平台建设指导意见 §(十)3 says only 限时处理 without a number.
    limitSource: '种子文件002第(十)3条只要求“限时处理”，未给出天数；5个工作日为本县选择',
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
