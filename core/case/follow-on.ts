// 指引 → 正式服务: the one link between cases. A formal request (调解, 法律援助 …) registered after a
// 咨询 names that 咨询 as the case it follows on from; 统计's 指引服务转化率 counts the 咨询 that
// some follow-on case names. Only the follow-on holds the link (set at intake, never changed), so
// the earlier case's ledger is never rewritten.
import type { CaseCategory } from './categories';

export interface FollowOf {
  caseId: string;
  code: string;
  category: CaseCategory;
  /**
   * The earlier case's unit with its ancestors, and when it was received, as they were at the link:
   * 统计 counts conversions in the earlier case's unit and period from the follow-on alone.
   */
  units: string[];
  receivedAt: Date;
}

const DAY_MS = 86_400_000;

/**
 * Whole calendar days (24-hour periods) from receipt to 办结, kept on the case when it is resolved:
 * 统计's median handling time counts cases by this plain number (see core/stats/services.ts).
 */
export function handlingDays(receivedAt: Date, closedAt: Date): number {
  return Math.max(0, Math.floor((new Date(closedAt).getTime() - new Date(receivedAt).getTime()) / DAY_MS));
}
