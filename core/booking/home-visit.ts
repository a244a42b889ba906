import type { PriorityGroup } from '../case/categories';
import { shanghaiDay, type DayKey } from '../clock/shanghai';
import { HOME_VISIT_AGE } from '../legal-aid/rules';
import { ageOn } from '../privacy/consent';
import { bookingRefusal } from './refusal';

/**
 * 上门服务 (seed 004): a home visit for those who cannot come in — aged 70 or more, disabled, injured
 * migrant workers, in-patients. Age comes from a birth date or, where none is given, the age the
 * resident states; the request keeps whichever it was judged on.
 */
export const HOME_VISIT_GROUPS = ['disabled', 'injuredMigrant', 'inpatient'] as const;
export type HomeVisitGroup = (typeof HOME_VISIT_GROUPS)[number];

export const HOME_VISIT_GROUP_LABELS: Record<HomeVisitGroup, string> = {
  disabled: '残疾人',
  injuredMigrant: '因工受伤的农民工',
  inpatient: '正在住院',
};


export interface HomeVisitAsk {
  birthDate?: DayKey | undefined;
  statedAge?: number | undefined;
  groups: readonly HomeVisitGroup[];
}

/**
 * Whether a request qualifies, and on what: the age used (from the birth date when given) and the
 * 重点群体 the case is marked with, so the visit goes through the 绿色通道. Throws the refusal otherwise.
 */
export function homeVisitBasis(ask: HomeVisitAsk, now: Date): { age: number | null; ageFrom: 'birthDate' | 'stated' | null; priorityGroups: PriorityGroup[] } {
  const age = ask.birthDate ? ageOn(ask.birthDate, shanghaiDay(now)) : (ask.statedAge ?? null);
  const ageFrom = ask.birthDate ? 'birthDate' : ask.statedAge !== undefined ? 'stated' : null;
  const elderly = age !== null && age >= HOME_VISIT_AGE;
  if (!elderly && ask.groups.length === 0) {
    throw bookingRefusal('not_home_visit_eligible', `上门服务面向${HOME_VISIT_AGE}岁以上老人、残疾人、因工受伤的农民工和住院的人；其他情况请预约到场或打电话`, { age });
  }
  const priorityGroups: PriorityGroup[] = [
    ...(elderly ? (['elderly'] as const) : []),
    ...(ask.groups.includes('disabled') ? (['disabled'] as const) : []),
    ...(ask.groups.includes('injuredMigrant') ? (['migrantWorker'] as const) : []),
  ];
  return { age, ageFrom, priorityGroups };
}

/** The case summary staff read: what for, where, when suits, and what the visit was granted on. */
export function homeVisitSummary(input: { summary: string; address: string; preferredTimes: string; groups: readonly HomeVisitGroup[] }, basis: { age: number | null; ageFrom: string | null }): string {
  const why = [
    ...(basis.age !== null ? [`${basis.age}岁（${basis.ageFrom === 'birthDate' ? '按出生日期' : '本人所述'}）`] : []),
    ...input.groups.map((g) => HOME_VISIT_GROUP_LABELS[g]),
  ].join('、');
  return `上门服务：${input.summary}｜地址：${input.address}｜方便的时间：${input.preferredTimes}｜${why}`;
}
