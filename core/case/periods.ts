import type { StatutoryPeriod, TimeLimit } from '../clock';

/*
 * The clocks that are not the center's: an outside body's statutory period (kept for information,
 * never judged) and the resident's own window to apply (which makes a request urgent). Which
 * category carries which is in CATEGORY_INFO (./categories).
 */

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
