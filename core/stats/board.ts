import { CASE_CATEGORIES, CATEGORY_INFO, CHANNELS, CHANNEL_LABELS, PRIORITY_GROUPS, PRIORITY_GROUP_LABELS } from '../case/categories';
import { OPEN_STATUSES, RESOLVED_STATUSES, type CaseStatus } from '../case/statuses';
import { isSatisfied } from '../evaluation/rating';
import { AID_FROM } from '../legal-aid/machine';
import { inNetwork, type Org } from '../org/tiers';

/**
 * What the statistics board (统计) counts over the cases received in a period, per unit. The
 * database only counts cases by plain fields (unit, status, 按期, rating and who entered it);
 * which of those make 办结, 满意 or 需回访 is decided here, so the rule lives in one place and the
 * aggregates stay cheap (no per-document expressions).
 *
 * 评价率, 满意率 and the mean rating count only the residents' own ratings. A rating a worker
 * recorded for a visitor with no WeChat is counted apart (evaluatedByWorker, satisfiedByWorker),
 * so what staff type in can never lift the 满意率 the center reports. A legal-aid case is 办结 at
 * the agency's decision, but what its 受援人 rates is the lawyer's work at closing: it counts in
 * 评价率 once that work closed (rateable), rated by that rating (the legal_aid record's).
 */
export const TALLY_FIELDS = [
  'received',
  'resolved',
  /** 办结 and open to rating: resolved, but a legal-aid case only once its lawyer's work closed. */
  'rateable',
  'onTime',
  'rejected',
  'withdrawn',
  'open',
  'overdue',
  'evaluated',
  'satisfied',
  'dissatisfied',
  'scoreSum',
  'evaluatedByWorker',
  'satisfiedByWorker',
] as const;
export type TallyField = (typeof TALLY_FIELDS)[number];
export type Tally = Record<TallyField, number>;

/** The rates the 司法局 asks a service center for, as fractions (0–1); null when nothing to divide by. */
export interface Rates {
  /** 办结率: resolved over received, leaving out what was withdrawn or not accepted. */
  resolvedRate: number | null;
  /**
   * 按期办结率: resolved within the center's own time limit, over resolved. Only the center's clock
   * is judged (`closedInTime`, core/case/deadline): a referred matter was on time if it was referred
   * in time, whatever the outside body took after (docs/time-limits.md).
   */
  onTimeRate: number | null;
  /** 评价率: rated by the residents themselves, over the resolved cases open to rating (rateable). */
  evaluatedRate: number | null;
  /** 满意率: 满意 or 非常满意, over the residents' own ratings. */
  satisfiedRate: number | null;
  /** Mean of the residents' own ratings, 1–5. */
  averageScore: number | null;
}

export type TallyWithRates = Tally & Rates;

export interface UnitRow extends TallyWithRates {
  orgId: string;
  name: string;
  /** The unit's own cases, beside the rows of the units under it. */
  own: boolean;
}

export interface Share {
  key: string;
  label: string;
  count: number;
}

export interface Board {
  orgId: string;
  name: string;
  totals: TallyWithRates;
  units: UnitRow[];
  byCategory: Share[];
  byChannel: Share[];
  byGroup: Share[];
  /** Cases with at least one 重点群体 (green channel). */
  priority: number;
}

export type StatsOrg = Pick<Org, 'id' | 'name' | 'parentId' | 'path'> & { tier?: Org['tier'] };

export interface BoardInput {
  scope: StatsOrg;
  /** Every unit under the scope unit (any depth); units absent here are reported by id. */
  orgs: readonly StatsOrg[];
  /** Cases counted by owning unit, status, 按期, rating and who entered the rating. */
  outcomes: ReadonlyArray<OutcomeCount>;
  /** Open cases past their deadline now, by owning unit. */
  overdue: ReadonlyArray<{ orgId: string; count: number }>;
  /** Cases counted by channel, service and 重点群体 (a case's whole list of groups). */
  mix: ReadonlyArray<{ channel: string; category: string; priorityGroups: readonly string[]; count: number }>;
  /** Legal-aid records received in the period: their cases' ratings are the lawyer's (none: as if no legal aid). */
  aid?: readonly AidOutcomeCount[];
}

export interface OutcomeCount {
  orgId: string;
  status: string;
  closedInTime: boolean | null;
  satisfaction: number | null;
  /** `evaluation.enteredBy`: 'worker' for a rating a worker recorded; null when unrated (or rated before ratings were marked). */
  enteredBy: string | null;
  count: number;
}

/** Legal-aid records received in the period, counted by unit, decision, status, lawyer and rating. */
export interface AidOutcomeCount {
  orgId: string;
  /** Decided (给予 or 不予): its case is 办结 then (recordAidDecision). */
  decided: boolean;
  status: string;
  /** A lawyer was dispatched. */
  lawyered: boolean;
  /** The 受援人's rating of the lawyer's work, 1–5; null before it is given. */
  satisfaction: number | null;
  count: number;
}

const has = (statuses: readonly CaseStatus[], status: string) => (statuses as readonly string[]).includes(status);

/** What one outcome count adds to its unit's tally. */
export function tallyOf(o: OutcomeCount): Partial<Tally> {
  const n = o.count;
  const rating = o.satisfaction ?? 0;
  const byWorker = rating > 0 && o.enteredBy === 'worker';
  const score = byWorker ? 0 : rating;
  return {
    received: n,
    resolved: has(RESOLVED_STATUSES, o.status) ? n : 0,
    rateable: has(RESOLVED_STATUSES, o.status) ? n : 0,
    onTime: o.closedInTime === true ? n : 0,
    rejected: o.status === 'rejected' ? n : 0,
    withdrawn: o.status === 'withdrawn' ? n : 0,
    open: has(OPEN_STATUSES, o.status) ? n : 0,
    evaluated: score > 0 ? n : 0,
    satisfied: score >= 4 ? n : 0,
    // 需回访: rated 不满意 or worse, whoever typed it in: a visitor who said so at the window is owed a call too.
    dissatisfied: rating > 0 && rating <= 2 ? n : 0,
    scoreSum: score * n,
    evaluatedByWorker: byWorker ? n : 0,
    satisfiedByWorker: byWorker && rating >= 4 ? n : 0,
  };
}

/**
 * A legal-aid record can be rated once the lawyer's work closed or ended (core/legal-aid's `rate`:
 * closed or terminated, with a lawyer). One rated anyway (an objection reopened it) counts too.
 */
export function aidRateable(a: Pick<AidOutcomeCount, 'status' | 'lawyered' | 'satisfaction'>): boolean {
  return (a.satisfaction ?? 0) > 0 || (AID_FROM.rate.includes(a.status as never) && a.lawyered);
}

/**
 * What a legal-aid record changes on its case's row of the board: the case is 办结 at the decision
 * (counted resolved by the case's own outcome), but it waits for the lawyer's work to be rated, so
 * 评价率 counts it once it is rateable, and rated by the 受援人's rating of the lawyer.
 */
export function aidTallyOf(a: AidOutcomeCount): Partial<Tally> {
  const n = a.count;
  const rating = a.satisfaction ?? 0;
  return {
    rateable: (aidRateable(a) ? n : 0) - (a.decided ? n : 0),
    evaluated: rating > 0 ? n : 0,
    satisfied: isSatisfied(rating) ? n : 0,
    dissatisfied: rating > 0 && rating <= 2 ? n : 0,
    scoreSum: rating * n,
  };
}

export function emptyTally(): Tally {
  return Object.fromEntries(TALLY_FIELDS.map((f) => [f, 0])) as Tally;
}

function add(into: Tally, more: Partial<Tally>): void {
  for (const f of TALLY_FIELDS) into[f] += more[f] ?? 0;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function ratesOf(t: Tally): Rates {
  const resolved = t.resolved;
  return {
    resolvedRate: ratio(resolved, t.received - t.withdrawn - t.rejected),
    onTimeRate: ratio(t.onTime, resolved),
    evaluatedRate: ratio(t.evaluated, t.rateable),
    satisfiedRate: ratio(t.satisfied, t.evaluated),
    averageScore: ratio(t.scoreSum, t.evaluated),
  };
}

const withRates = (t: Tally): TallyWithRates => ({ ...t, ...ratesOf(t) });

/** Shares in the catalogue's order, every known key shown (a zero is news too), unknown keys last. */
function shares(counts: Map<string, number>, keys: readonly string[], label: (key: string) => string): Share[] {
  const known = keys.map((key) => ({ key, label: label(key), count: counts.get(key) ?? 0 }));
  const unknown = [...counts].filter(([key]) => !keys.includes(key)).map(([key, count]) => ({ key, label: key, count }));
  return [...known, ...unknown];
}

function countBy<T>(rows: readonly T[], key: (row: T) => string, count: (row: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) out.set(key(row), (out.get(key(row)) ?? 0) + count(row));
  return out;
}

/**
 * The board for one unit: its totals, one row per unit directly under it (each holding its whole
 * subtree) plus a row for the unit's own cases when it has any, and the mix of services,
 * channels and 重点群体. Rows keep the tree's order so the table reads the same every month.
 */
export function foldBoard(input: BoardInput): Board {
  const { scope } = input;
  // The 司法局 under the center is no row of the network's: it gets one only for cases it holds (complaints).
  const children = input.orgs.filter((o) => o.parentId === scope.id && inNetwork(o));
  const names = new Map(input.orgs.map((o) => [o.id, o.name]));
  const rowOf = new Map<string, string>(); // owning unit → the row it counts in
  for (const org of input.orgs) {
    if (org.id === scope.id) continue;
    const child = org.parentId === scope.id ? org.id : org.path[org.path.indexOf(scope.id) + 1];
    if (child) rowOf.set(org.id, child);
  }
  const rows = new Map<string, { name: string; own: boolean; tally: Tally }>();
  for (const child of children) rows.set(child.id, { name: child.name, own: false, tally: emptyTally() });
  const totals = emptyTally();
  const count = (orgId: string, more: Partial<Tally>) => {
    add(totals, more);
    const rowId = orgId === scope.id ? scope.id : (rowOf.get(orgId) ?? orgId);
    if (!rows.has(rowId)) rows.set(rowId, { name: rowId === scope.id ? `${scope.name}（本级）` : (names.get(rowId) ?? rowId), own: rowId === scope.id, tally: emptyTally() });
    add(rows.get(rowId)!.tally, more);
  };
  for (const o of input.outcomes) count(o.orgId, tallyOf(o));
  for (const o of input.overdue) count(o.orgId, { overdue: o.count });
  for (const a of input.aid ?? []) count(a.orgId, aidTallyOf(a));
  const ordered = [...rows].sort(([a], [b]) => Number(b === scope.id) - Number(a === scope.id));
  return {
    orgId: scope.id,
    name: scope.name,
    totals: withRates(totals),
    units: ordered.map(([orgId, r]) => ({ orgId, name: r.name, own: r.own, ...withRates(r.tally) })),
    byCategory: shares(
      countBy(input.mix, (m) => m.category, (m) => m.count),
      CASE_CATEGORIES,
      (k) => CATEGORY_INFO[k as keyof typeof CATEGORY_INFO]?.label ?? k,
    ),
    byChannel: shares(
      countBy(input.mix, (m) => m.channel, (m) => m.count),
      CHANNELS,
      (k) => CHANNEL_LABELS[k as keyof typeof CHANNEL_LABELS] ?? k,
    ),
    byGroup: shares(
      // A case of an elderly migrant worker counts under both groups.
      countBy(
        input.mix.flatMap((m) => m.priorityGroups.map((group) => ({ group, count: m.count }))),
        (g) => g.group,
        (g) => g.count,
      ),
      PRIORITY_GROUPS,
      (k) => PRIORITY_GROUP_LABELS[k as keyof typeof PRIORITY_GROUP_LABELS] ?? k,
    ),
    priority: input.mix.filter((m) => m.priorityGroups.length > 0).reduce((sum, m) => sum + m.count, 0),
  };
}

/** "93.5%" for a rate, "—" when there was nothing to count. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** "4.6" for a mean rating. */
export function scoreText(score: number | null): string {
  return score === null ? '—' : score.toFixed(1);
}
