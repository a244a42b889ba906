// The hardship routes of the application: which one a person may take, and the household
// declaration of the 告知承诺 route measured against the province's standard (Art 34).
import type { HardshipStandard, Route } from './rules';

export interface HouseholdMember {
  /** 与申请人关系: 本人, 配偶, 子女 … */
  relation: string;
  /** Monthly income in yuan. */
  monthlyIncome: number;
  /** Assets beyond the home lived in, in yuan. */
  assets: number;
}

export interface HouseholdAssessment {
  members: number;
  incomePerHead: number;
  assets: number;
  meetsStandard: boolean;
}

/** 家庭人均月收入 and assets against the standard; an empty household is refused by the contract. */
export function assessHousehold(members: readonly HouseholdMember[], standard: HardshipStandard): HouseholdAssessment {
  const income = members.reduce((sum, m) => sum + m.monthlyIncome, 0);
  const assets = members.reduce((sum, m) => sum + m.assets, 0);
  const incomePerHead = members.length === 0 ? 0 : Math.round((income / members.length) * 100) / 100;
  return {
    members: members.length,
    incomePerHead,
    assets,
    meetsStandard: members.length > 0 && incomePerHead <= standard.monthlyIncomePerHead && assets <= standard.householdAssets,
  };
}

/**
 * The routes open to a person: the promise route is closed to someone an earlier false promise
 * was found against (Art 64; 兵团's rule: until their credit is repaired, domain-anchors §2).
 * Art 32 and Art 42 stay open whatever their record: they are rights, not trust.
 */
export function routesOpen(declared: Route, barredFromPromise: boolean): { allowed: boolean; reason: 'promise_barred' | null } {
  if (declared === 'promise' && barredFromPromise) return { allowed: false, reason: 'promise_barred' };
  return { allowed: true, reason: null };
}

/** Whether a route needs the household form at all: never for Art 32 or proven Art 42 applicants. */
export function needsHouseholdForm(route: Route): boolean {
  return route === 'promise' || route === 'documents';
}

/**
 * 先审批、后核查: whether a promise-route grant is checked afterwards. `draw` is a uniform number
 * in [0, 1) the function draws (so core stays pure and tests pick it); flagged cases always are.
 */
export function sampledForVerification(route: Route, share: number, draw: number, flagged: boolean): boolean {
  if (route !== 'promise') return false;
  return flagged || draw < Math.min(1, Math.max(0, share));
}
