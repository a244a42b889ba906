// The statute's lists (法律援助法 2021) and the county's settings the legal-aid flow reads. Article
// texts checked against the law as published (2021-08-20); the 黄石 practice is seed 004 §二(二)7.
import type { TimeLimit } from '../clock';
import type { PriorityGroup } from '../case/categories';

/** Art 31: the civil and administrative matters legal aid covers, given economic hardship. */
export const MATTERS = [
  'stateCompensation',
  'socialInsurance',
  'pension',
  'support',
  'labour',
  'capacity',
  'injury',
  'environment',
  'other',
] as const;
export type Matter = (typeof MATTERS)[number];

export const MATTER_LABELS: Record<Matter, string> = {
  stateCompensation: '请求国家赔偿',
  socialInsurance: '请求社会保险待遇或者社会救助',
  pension: '请求发给抚恤金',
  support: '请求给付赡养费、抚养费、扶养费',
  labour: '请求确认劳动关系或者支付劳动报酬（讨薪）',
  capacity: '请求认定无民事行为能力或者限制民事行为能力',
  injury: '工伤、交通事故、食品药品、医疗事故人身损害赔偿',
  environment: '环境污染、生态破坏损害赔偿',
  other: '其他事情',
};

/** Art 32: no economic-hardship condition at all; these applicants are never asked about income. */
export const NO_TEST_GROUNDS = ['heroRelative', 'bravery', 'acquittalCompensation', 'abuseVictim'] as const;
export type NoTestGround = (typeof NO_TEST_GROUNDS)[number];

export const NO_TEST_LABELS: Record<NoTestGround, string> = {
  heroRelative: '英雄烈士的近亲属，维护英雄烈士的名誉等权益',
  bravery: '因见义勇为主张权益',
  acquittalCompensation: '再审改判无罪，请求国家赔偿',
  abuseVictim: '遭受虐待、遗弃或者家庭暴力，主张相关权益',
};

/** Art 42: exempt from the hardship review once proven; each with the proof that shows it. */
export const EXEMPTIONS = ['noFixedIncome', 'assistance', 'migrantWorker'] as const;
export type Exemption = (typeof EXEMPTIONS)[number];

export const EXEMPTION_INFO: Record<Exemption, { label: string; proof: string }> = {
  noFixedIncome: { label: '没有固定生活来源的未成年人、老年人或残疾人', proof: '身份证或户口本；残疾人证（残疾人）' },
  assistance: { label: '领取低保、特困等社会救助、司法救助，或是优抚对象', proof: '低保证、特困证、司法救助决定书或优抚证' },
  migrantWorker: { label: '进城务工，讨要工资或工伤赔偿', proof: '能证明在那里干活的材料：劳动合同、工资条、考勤、工友证明等，有哪样带哪样' },
};

/** An Art 42 exemption that holds only for some matters: migrant workers for pay or work injury. */
export const EXEMPTION_MATTERS: Partial<Record<Exemption, readonly Matter[]>> = {
  migrantWorker: ['labour', 'injury'],
};

/**
 * How hardship is shown: no test (Art 32), an exemption with proof (Art 42), the signed promise
 * (告知承诺, Art 41 and seed 004) or documents the agency checks.
 */
export const ROUTES = ['noTest', 'exempt', 'promise', 'documents'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<Route, string> = {
  noTest: '不审查经济状况',
  exempt: '免予核查经济困难',
  promise: '经济困难告知承诺',
  documents: '提交经济困难材料',
};

/** Art 48: the grounds on which aid ends, each of them a reason the decision names. */
export const TERMINATION_GROUNDS = [
  'deception',
  'concealment',
  'illegalUse',
  'financesImproved',
  'proceedingsEnded',
  'ownLawyer',
  'ownRequest',
  'other',
] as const;
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number];

export const TERMINATION_LABELS: Record<TerminationGround, string> = {
  deception: '以欺骗或者其他不正当手段获得法律援助',
  concealment: '故意隐瞒与案件有关的重要事实或者提供虚假证据',
  illegalUse: '利用法律援助从事违法活动',
  financesImproved: '经济状况发生变化，不再符合法律援助条件',
  proceedingsEnded: '案件终止审理或者已经被撤销',
  ownLawyer: '自行委托律师或者其他代理人',
  ownRequest: '受援人有正当理由要求终止法律援助',
  other: '法律法规规定的其他情形',
};

/** Who applies (Art 40): the person, their 法定代理人, or a close relative where the representative is the infringer. */
export const APPLICANT_KINDS = ['self', 'legalRepresentative', 'closeRelative', 'guardian'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** Who helped fill the form in: recorded as assistance, never as the applicant. */
export const HELPER_KINDS = ['cadre', 'staff', 'relative', 'other'] as const;
export type HelperKind = (typeof HELPER_KINDS)[number];
export const HELPER_LABELS: Record<HelperKind, string> = { cadre: '村干部', staff: '工作人员', relative: '亲友', other: '其他人' };

export const QUALITY_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type QualityGrade = (typeof QUALITY_GRADES)[number];
export const QUALITY_LABELS: Record<QualityGrade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** The economic-hardship standard (Art 34): set by the province and adjusted, so configuration. */
export interface HardshipStandard {
  /** 家庭人均月收入 at or under which a household is in hardship, in yuan. */
  monthlyIncomePerHead: number;
  /** Household assets (savings, vehicles … beyond the home lived in) at or under which, in yuan. */
  householdAssets: number;
  /** Where the figures come from, shown to staff. */
  source: string;
}

export interface LegalAidSettings {
  /** Art 31 matters this county covers (a province may add; none may be dropped by law, but the list is data). */
  coveredMatters: Matter[];
  /** Seed 004: 取消了残疾人、老年人等十类特定人群申请法律援助的案由限制 — for these any matter is covered. */
  matterLimitLiftedFor: PriorityGroup[];
  standard: HardshipStandard;
  /** 先审批、后核查: the share of promise-route grants verified afterwards, 0–1, plus every flagged one. */
  verificationShare: number;
  /** The county where this deployment's 法律援助机构 sits (Art 38), for the where-to-apply answer. */
  countyName: string;
  clocks: {
    decision: TimeLimit;
    promise: TimeLimit;
    dispatch: TimeLimit;
    materials: TimeLimit;
    objection: TimeLimit;
  };
}

/**
 * Defaults. Statute: decision 7 日 (Art 43), dispatch 3 日 (Art 43), objection 5 日 (Art 49),
 * counted in calendar days (domain-anchors §2, clock note). Seed 004: the promise route's review
 * "由5天压缩为1天" — one day as the seed says it (the "1 working day" is not the seed's
 * wording). The materials deadline has no statutory figure: 15 days is this county's choice.
 * The standard is a placeholder until the province's figure is entered.
 */
export const DEFAULT_SETTINGS: LegalAidSettings = {
  coveredMatters: [...MATTERS.filter((m) => m !== 'other')],
  matterLimitLiftedFor: ['elderly', 'disabled'],
  standard: { monthlyIncomePerHead: 1200, householdAssets: 50000, source: '示例数值：请按本省公布的法律援助经济困难标准设置' },
  verificationShare: 0.2,
  countyName: '本县',
  clocks: {
    decision: { amount: 7, unit: 'calendarDays' },
    promise: { amount: 1, unit: 'calendarDays' },
    dispatch: { amount: 3, unit: 'calendarDays' },
    materials: { amount: 15, unit: 'calendarDays' },
    objection: { amount: 5, unit: 'calendarDays' },
  },
};

/** Seed 004 §7: 年满七十周岁以上的老年人、残疾人、遭受工伤的农民工、正在接受住院治疗的病人 → 上门服务 on a phone call. */
export const HOME_VISIT_AGE = 70;

export interface HomeVisitFacts {
  age?: number | null;
  disabled?: boolean;
  injuredMigrantWorker?: boolean;
  inHospital?: boolean;
}

export function homeVisitOffered(f: HomeVisitFacts): boolean {
  return (f.age ?? 0) >= HOME_VISIT_AGE || f.disabled === true || f.injuredMigrantWorker === true || f.inHospital === true;
}
