// 示范点 self-assessment: a 百分制 score per unit from live data against configurable criteria drawn
// from seed 002's standard (services, staffing and duty, 公示, 台账, time limits, satisfaction), with
// what is missing, so a station knows where it stands before the 司法局's inspection. Seed 000 rates
// 示范点: province ≥ 95, city ≥ 90.

export const ASSESSMENT_CRITERIA = ['services', 'staffing', 'notice', 'ledger', 'timeLimits', 'satisfaction', 'publicity'] as const;
export type AssessmentCriterion = (typeof ASSESSMENT_CRITERIA)[number];

export const ASSESSMENT_LABELS: Record<AssessmentCriterion, string> = {
  services: '服务项目',
  staffing: '人员配备和值班',
  notice: '公示栏',
  ledger: '台账',
  timeLimits: '按期办结',
  satisfaction: '群众满意度',
  publicity: '法治宣传',
};

/** Points per criterion (sum 100), a county setting; publicity has no live data yet, so it weighs nothing by default. */
export const DEFAULT_WEIGHTS: Record<AssessmentCriterion, number> = {
  services: 15,
  staffing: 15,
  notice: 15,
  ledger: 20,
  timeLimits: 20,
  satisfaction: 15,
  publicity: 0,
};

export const PROVINCE_LEVEL = 95;
export const CITY_LEVEL = 90;

/** What live data says about a unit over the period. */
export interface AssessmentFacts {
  /** Services the unit offers, and how many the standard expects of its tier. */
  services: number;
  servicesExpected: number;
  /** Active workers (staff, advisors, supervisors) granted on the unit. */
  workers: number;
  /** 公示栏 fields filled, of those the notice has. */
  noticeFilled: number;
  noticeFields: number;
  /** Cases received in the period, and of them those whose ledger row is complete (a worker received or handled it and it is closed with a result, or still open within its limit). */
  received: number;
  ledgerComplete: number;
  /** Resolved in the period, of them on time; open past their limit now. */
  resolved: number;
  onTime: number;
  overdue: number;
  /** The residents' own ratings, of them 满意 or better. */
  rated: number;
  satisfied: number;
}

export interface AssessmentItem {
  criterion: AssessmentCriterion;
  label: string;
  points: number;
  max: number;
  /** What keeps it below full marks, in plain words; empty when full. */
  missing: string[];
}

export interface Assessment {
  score: number;
  items: AssessmentItem[];
  level: 'province' | 'city' | 'below';
  levelLabel: string;
}

const share = (part: number, whole: number, none: number) => (whole > 0 ? Math.min(1, part / whole) : none);

export function selfAssessment(f: AssessmentFacts, weights: Record<AssessmentCriterion, number> = DEFAULT_WEIGHTS): Assessment {
  const parts: Record<AssessmentCriterion, { got: number; missing: string[] }> = {
    services: {
      got: share(f.services, f.servicesExpected, 0),
      missing: f.services < f.servicesExpected ? [`开展的服务项目${f.services}项，标准要求${f.servicesExpected}项`] : [],
    },
    staffing: { got: f.workers > 0 ? 1 : 0, missing: f.workers > 0 ? [] : ['没有在岗的工作人员或法律顾问'] },
    notice: {
      got: share(f.noticeFilled, f.noticeFields, 0),
      missing: f.noticeFilled < f.noticeFields ? [`公示栏还有${f.noticeFields - f.noticeFilled}项没有填写`] : [],
    },
    ledger: {
      got: share(f.ledgerComplete, f.received, 0),
      missing:
        f.received === 0 ? ['本期没有台账记录'] : f.ledgerComplete < f.received ? [`${f.received - f.ledgerComplete}件台账记录不完整（无接待人员或办结结果）`] : [],
    },
    timeLimits: {
      // An overdue open case counts against it as a late one; nothing due yet is nothing late.
      got: share(f.onTime, f.resolved + f.overdue, 1),
      missing: [...(f.resolved > f.onTime ? [`${f.resolved - f.onTime}件超期办结`] : []), ...(f.overdue > 0 ? [`${f.overdue}件超期未办结`] : [])],
    },
    satisfaction: {
      got: share(f.satisfied, f.rated, 0),
      missing: f.rated === 0 ? ['本期没有群众评价'] : f.satisfied < f.rated ? [`${f.rated - f.satisfied}件评价未达到满意`] : [],
    },
    publicity: { got: 0, missing: weights.publicity > 0 ? ['系统中还没有法治宣传记录，请人工核查'] : [] },
  };
  const items = ASSESSMENT_CRITERIA.filter((c) => weights[c] > 0).map((c) => ({
    criterion: c,
    label: ASSESSMENT_LABELS[c],
    points: Math.round(weights[c] * parts[c].got * 10) / 10,
    max: weights[c],
    missing: parts[c].missing,
  }));
  const score = Math.round(items.reduce((s, i) => s + i.points, 0) * 10) / 10;
  const level = score >= PROVINCE_LEVEL ? 'province' : score >= CITY_LEVEL ? 'city' : 'below';
  return { score, items, level, levelLabel: level === 'province' ? '达到省级示范点标准' : level === 'city' ? '达到市级示范点标准' : '未达到示范点标准' };
}
