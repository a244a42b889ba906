// 知晓率 and 首选率 (seed 000 §14): a short anonymous questionnaire, one per resident per quarter.
// The answer is stored under a keyed hash of the period and the person (no openid), with the unit
// they live in; the figures are counts by unit, folded here.
import { refuse } from '../api/errors';
import { shanghaiDay } from '../clock/shanghai';
import { inNetwork, type Tier } from '../org/tiers';

/** Where people go first with a legal problem. The first three are the public legal service. */
export const FIRST_CHOICES = ['advisor', 'station', 'hotline', 'lawyer', 'village', 'court', 'family', 'unsure'] as const;
export type FirstChoice = (typeof FIRST_CHOICES)[number];
export const FIRST_CHOICE_LABELS: Record<FirstChoice, string> = {
  advisor: '村里的法律顾问',
  station: '公共法律服务中心、站、室',
  hotline: '12348法律服务热线',
  lawyer: '律师事务所',
  village: '村委会、调解委员会',
  court: '法院、派出所',
  family: '亲戚朋友',
  unsure: '不知道找谁',
};
/** 首选: the public legal service (the village advisor, a 中心/站/室, 12348). */
export const PUBLIC_CHOICES: readonly FirstChoice[] = ['advisor', 'station', 'hotline'];

/** The questions as the page asks them; the answers' keys are the input's. */
export const AWARENESS_QUESTIONS = [
  { key: 'knowsAdvisor', text: '您知道本村有法律顾问吗？', options: [{ value: 'yes', label: '知道' }, { value: 'no', label: '不知道' }] },
  { key: 'knowsService', text: '您知道有事可以到公共法律服务中心（站、室）或打12348求助吗？', options: [{ value: 'yes', label: '知道' }, { value: 'no', label: '不知道' }] },
  { key: 'firstChoice', text: '遇到法律问题，您首先会找谁？', options: FIRST_CHOICES.map((c) => ({ value: c, label: FIRST_CHOICE_LABELS[c] })) },
] as const;

/**
 * The villages a resident chooses among, as they say them: 东坡村（青山镇）. Open village rooms only
 * (an answer counts for the unit the person lives in), each named with its township.
 */
export function surveyVillages(orgs: ReadonlyArray<{ _id: string; name: string; tier: string; parentId: string | null; active: boolean }>): Array<{ id: string; name: string }> {
  const short = (name: string) => name.replace(/公共法律服务(中心|工作站|工作室|站|室)$/, '');
  const byId = new Map(orgs.map((o) => [o._id, o]));
  return orgs
    .filter((o) => o.active && o.tier === 'room')
    .map((o) => {
      const town = o.parentId ? byId.get(o.parentId) : undefined;
      return { id: o._id, name: town ? `${short(o.name)}（${short(town.name)}）` : short(o.name) };
    });
}

/** The period one answer counts for: the quarter in Beijing time, `2026Q4`. */
export function awarenessPeriod(at: Date): string {
  const day = shanghaiDay(at);
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}
export const isPeriod = (v: string) => /^\d{4}Q[1-4]$/.test(v);

export interface AwarenessAnswer {
  knowsAdvisor: boolean;
  knowsService: boolean;
  firstChoice: FirstChoice;
}

/** The `awareness_answers` document: _id is the keyed hash of period and person, so one per period. */
export interface AwarenessDoc extends AwarenessAnswer {
  _id: string;
  period: string;
  /** The unit the resident lives in (a village room or above) and its ancestors. */
  orgId: string;
  orgPath: string[];
}

export const AWARENESS_REFUSALS = {
  already_answered: { code: 'CONFLICT', when: 'the caller already answered this period’s questionnaire' },
  unit_not_found: { code: 'NOT_FOUND', when: 'the unit named does not exist' },
} as const;

export function awarenessDoc(key: string, period: string, unit: { id: string; path: readonly string[] }, answer: AwarenessAnswer, already: boolean): AwarenessDoc {
  if (already) throw refuse('CONFLICT', 'already_answered', '这一季度的问卷您已经答过了，谢谢');
  return { _id: key, period, orgId: unit.id, orgPath: [...new Set([...unit.path, unit.id])], ...answer };
}

/** One aggregate row: how many answered so for a unit. */
export interface AwarenessCount {
  orgId: string;
  knowsAdvisor: boolean;
  knowsService: boolean;
  firstChoice: string;
  count: number;
}

export interface AwarenessFigures {
  respondents: number;
  knowsAdvisor: number;
  knowsService: number;
  /** Knew at least one of the two. */
  aware: number;
  /** Go to the public legal service first. */
  firstPublic: number;
  /** 知晓率, 法律顾问知晓率, 首选率: null with nobody answering. */
  awarenessRate: number | null;
  advisorAwarenessRate: number | null;
  firstChoiceRate: number | null;
  byChoice: Array<{ choice: FirstChoice; label: string; count: number }>;
}

function fold(rows: readonly AwarenessCount[]): AwarenessFigures {
  const sum = (pick: (r: AwarenessCount) => boolean) => rows.filter(pick).reduce((s, r) => s + r.count, 0);
  const respondents = sum(() => true);
  const rate = (n: number) => (respondents > 0 ? n / respondents : null);
  const knowsAdvisor = sum((r) => r.knowsAdvisor);
  const knowsService = sum((r) => r.knowsService);
  const aware = sum((r) => r.knowsAdvisor || r.knowsService);
  const firstPublic = sum((r) => (PUBLIC_CHOICES as readonly string[]).includes(r.firstChoice));
  return {
    respondents,
    knowsAdvisor,
    knowsService,
    aware,
    firstPublic,
    awarenessRate: rate(aware),
    advisorAwarenessRate: rate(knowsAdvisor),
    firstChoiceRate: rate(firstPublic),
    byChoice: FIRST_CHOICES.map((choice) => ({ choice, label: FIRST_CHOICE_LABELS[choice], count: sum((r) => r.firstChoice === choice) })),
  };
}

/**
 * The unit's figures and, under it, each unit's own (its answers and those of the units below
 * it), for the units that are the scope's children: a township reads its villages, the county its
 * townships.
 */
export function foldAwareness(
  scope: { id: string },
  units: ReadonlyArray<{ id: string; name: string; parentId: string | null; path: readonly string[]; tier?: Tier }>,
  rows: readonly AwarenessCount[],
): AwarenessFigures & { units: Array<AwarenessFigures & { orgId: string; name: string }> } {
  const pathOf = new Map(units.map((u) => [u.id, [...u.path, u.id]]));
  const children = units.filter((u) => u.parentId === scope.id && inNetwork(u));
  return {
    ...fold(rows),
    units: children.map((c) => ({ orgId: c.id, name: c.name, ...fold(rows.filter((r) => (pathOf.get(r.orgId) ?? [r.orgId]).includes(c.id))) })),
  };
}
