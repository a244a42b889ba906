// 先审批、后核查 by data sharing (seed 004 数据共享和在线核验): after a promise-route grant, the
// verification asks the 民政, 人社, 不动产 and 车辆 registers what they hold on the applicant, and
// judges the answers against the hardship standard the promise claimed to meet (Art 34). A source
// that does not answer leaves the task to a person, with the reason.
import { currentConsents, type ConsentRecord } from '../privacy/consent';
import type { HardshipStandard } from './rules';

export const DATA_SOURCES = ['civilAffairs', 'humanResources', 'realEstate', 'vehicles'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export const DATA_SOURCE_LABELS: Record<DataSource, string> = {
  civilAffairs: '民政（低保、特困）',
  humanResources: '人社（工资、养老金）',
  realEstate: '不动产登记',
  vehicles: '车辆登记',
};

/** What a register holds on the person; each source fills its own fields, absent means no record. */
export interface SourceFacts {
  /** 民政: on the 低保 or 特困 list. */
  lowIncomeList?: boolean;
  /** 人社: the monthly wage or pension on record, in yuan. */
  monthlyIncome?: number;
  /** 不动产: properties beyond one home, and their registered value in yuan. */
  extraProperties?: number;
  propertyValue?: number;
  /** 车辆: vehicles registered to the person, and their value in yuan. */
  vehicles?: number;
  vehicleValue?: number;
}

export type SourceAnswer = { source: DataSource; answered: true; facts: SourceFacts } | { source: DataSource; answered: false; reason: string };

export type SourceVerdict = 'consistent' | 'inconsistent' | 'noAnswer';

export interface SourceFinding {
  source: DataSource;
  verdict: SourceVerdict;
  /** Plain words for the timeline and the post: what the register said. */
  text: string;
}

export interface SourcesJudgement {
  findings: SourceFinding[];
  /** consistent → confirmed; inconsistent → the false-declaration path (Art 48(1), Art 64); manual → a person finishes it. */
  outcome: 'consistent' | 'inconsistent' | 'manual';
  /** Why a person must finish it (the sources that did not answer), else null. */
  manualReason: string | null;
}

/** Why a verification is left to a person: a register did not answer, or the applicant withdrew the authorization to ask. */
export const MANUAL_CAUSES = ['sources_silent', 'consent_withdrawn'] as const;
export type ManualCause = (typeof MANUAL_CAUSES)[number];

export const CONSENT_WITHDRAWN_TEXT = '申请人已撤回核查授权，不再向有关部门查询，请人工核查';

/**
 * Whether the applicant side's current answer to the verification consent (PIPL Art 29, given with
 * the promise) is a withdrawal (Art 15): the latest answer about this application, or about all, wins.
 * No answer on record is no withdrawal (the promise itself carries the authorization).
 */
export function verificationWithdrawn(records: readonly ConsentRecord[], caseId: string): boolean {
  const [latest] = currentConsents(records.filter((r) => r.purpose === 'legal_aid_verification' && (r.ref === caseId || r.ref === null)));
  return latest !== undefined && !latest.given;
}

const yuan = (n: number) => `${Math.round(n)}元`;

function judgeOne(answer: SourceAnswer, members: number, standard: HardshipStandard): SourceFinding {
  const { source } = answer;
  if (!answer.answered) return { source, verdict: 'noAnswer', text: `${DATA_SOURCE_LABELS[source]}没有答复：${answer.reason}` };
  const f = answer.facts;
  switch (source) {
    case 'civilAffairs':
      // Being on the list supports the promise; not being on it says nothing against it.
      return { source, verdict: 'consistent', text: f.lowIncomeList ? '在低保、特困名单内' : '不在低保、特困名单内' };
    case 'humanResources': {
      const income = f.monthlyIncome ?? 0;
      const perHead = members > 0 ? income / members : income;
      const over = perHead > standard.monthlyIncomePerHead;
      return { source, verdict: over ? 'inconsistent' : 'consistent', text: income > 0 ? `登记月收入${yuan(income)}，按${members}口人计人均${yuan(perHead)}${over ? '，超过标准' : ''}` : '没有工资、养老金记录' };
    }
    case 'realEstate': {
      const value = f.propertyValue ?? 0;
      const over = (f.extraProperties ?? 0) > 0 && value > standard.householdAssets;
      return { source, verdict: over ? 'inconsistent' : 'consistent', text: (f.extraProperties ?? 0) > 0 ? `除自住房外另有${f.extraProperties}处房产，价值${yuan(value)}${over ? '，超过标准' : ''}` : '除自住房外没有房产' };
    }
    case 'vehicles': {
      const value = f.vehicleValue ?? 0;
      const over = (f.vehicles ?? 0) > 0 && value > standard.householdAssets;
      return { source, verdict: over ? 'inconsistent' : 'consistent', text: (f.vehicles ?? 0) > 0 ? `名下有${f.vehicles}辆车，价值${yuan(value)}${over ? '，超过标准' : ''}` : '名下没有车辆' };
    }
  }
}

/**
 * The answers against the standard the promise claimed to meet: one register over the standard is
 * a false promise; assets spread over registers count together. Any silent register leaves the
 * task to a person, unless an answered one already shows the promise false.
 */
export function judgeSources(answers: readonly SourceAnswer[], members: number, standard: HardshipStandard): SourcesJudgement {
  const findings = answers.map((a) => judgeOne(a, members, standard));
  const assets = answers.reduce((sum, a) => sum + (a.answered ? (a.facts.propertyValue ?? 0) + (a.facts.vehicleValue ?? 0) : 0), 0);
  const combinedOver = !findings.some((f) => f.verdict === 'inconsistent') && assets > standard.householdAssets;
  if (findings.some((f) => f.verdict === 'inconsistent') || combinedOver) {
    const extra = combinedOver ? [{ source: 'realEstate' as const, verdict: 'inconsistent' as const, text: `房产和车辆合计${yuan(assets)}，超过家庭财产标准` }] : [];
    return { findings: [...findings, ...extra], outcome: 'inconsistent', manualReason: null };
  }
  const silent = findings.filter((f) => f.verdict === 'noAnswer');
  if (silent.length > 0 || answers.length === 0) {
    const reason = answers.length === 0 ? '没有可查询的数据源' : `${silent.map((f) => DATA_SOURCE_LABELS[f.source]).join('、')}没有答复，请人工核查`;
    return { findings, outcome: 'manual', manualReason: reason };
  }
  return { findings, outcome: 'consistent', manualReason: null };
}
