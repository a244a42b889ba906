// 自助预检 (the Vorabcheck): one question a screen, asked before anything is stored or anyone logs
// in. The questions are data; which one comes next depends only on the answers so far and the
// county's settings, so a page, a test and the application all read the same rules.
import type { PriorityGroup } from '../case/categories';
import {
  EXEMPTIONS,
  EXEMPTION_INFO,
  EXEMPTION_MATTERS,
  MATTERS,
  MATTER_LABELS,
  NO_TEST_GROUNDS,
  NO_TEST_LABELS,
  homeVisitOffered,
  type Exemption,
  type LegalAidSettings,
  type Matter,
  type NoTestGround,
  type Route,
} from './rules';

export const AGE_BANDS = ['under18', 'adult', 'elder60', 'elder70'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The self-check's answers; what is unanswered is absent. They carry into the application. */
export interface SelfCheckAnswers {
  local?: boolean;
  matter?: Matter;
  noTestGround?: NoTestGround | 'none';
  ageBand?: AgeBand;
  groups?: PriorityGroup[];
  inHospital?: boolean;
  exemption?: Exemption | 'none';
  underStandard?: boolean;
}

export type QuestionId = keyof SelfCheckAnswers;

export interface Question {
  id: QuestionId;
  title: string;
  help: string;
  kind: 'yesNo' | 'choice' | 'multi';
  options: Array<{ value: string; label: string }>;
}

const yesNo = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '不是' },
];

/** Whether the answers so far hold an Art 32 ground: then income is never asked (Art 32). */
function noTest(a: SelfCheckAnswers): boolean {
  return a.noTestGround !== undefined && a.noTestGround !== 'none';
}

/** The Art 42 exemption the answers prove, if its matter fits (migrant workers: pay or work injury). */
export function exemptionOf(a: SelfCheckAnswers): Exemption | null {
  if (!a.exemption || a.exemption === 'none') return null;
  const only = EXEMPTION_MATTERS[a.exemption];
  if (only && (!a.matter || !only.includes(a.matter))) return null;
  return a.exemption;
}

interface QuestionDef {
  build(settings: LegalAidSettings): Question;
  applies(a: SelfCheckAnswers): boolean;
}

const always = () => true;

/** The questions in the order they are asked; `applies` leaves out what the answers made moot. */
const QUESTIONS: readonly QuestionDef[] = [
  {
    applies: always,
    build: (s) => ({
      id: 'local',
      title: `您的事是在${s.countyName}发生的，或者要由${s.countyName}的法院、仲裁委等处理吗？`,
      help: '法律援助向办案机关或者事情发生地的法律援助机构申请。',
      kind: 'yesNo',
      options: yesNo,
    }),
  },
  {
    applies: (a) => a.local === true,
    build: () => ({ id: 'matter', title: '您遇到的是哪一类事？', help: '选最接近的一项。', kind: 'choice', options: MATTERS.map((m) => ({ value: m, label: MATTER_LABELS[m] })) }),
  },
  {
    applies: (a) => a.matter !== undefined,
    build: () => ({
      id: 'noTestGround',
      title: '下面有没有说的是您？',
      help: '是这几种情况的，不用说明家里收入。',
      kind: 'choice',
      options: [...NO_TEST_GROUNDS.map((g) => ({ value: g, label: NO_TEST_LABELS[g] })), { value: 'none', label: '都不是' }],
    }),
  },
  {
    applies: (a) => a.noTestGround !== undefined,
    build: () => ({
      id: 'ageBand',
      title: '申请人多大年纪？',
      help: '年满七十岁的，可以请工作人员上门。',
      kind: 'choice',
      options: [
        { value: 'under18', label: '不满18岁' },
        { value: 'adult', label: '18到59岁' },
        { value: 'elder60', label: '60到69岁' },
        { value: 'elder70', label: '70岁以上' },
      ],
    }),
  },
  {
    applies: (a) => a.ageBand !== undefined,
    build: () => ({
      id: 'groups',
      title: '申请人是下面哪些人？可以多选，都不是就直接下一步。',
      help: '这些人走绿色通道，优先办理。',
      kind: 'multi',
      options: [
        { value: 'disabled', label: '残疾人' },
        { value: 'migrantWorker', label: '农民工' },
        { value: 'women', label: '妇女' },
        { value: 'soldier', label: '军人军属' },
        { value: 'veteran', label: '退役军人' },
      ],
    }),
  },
  {
    applies: (a) => a.groups !== undefined,
    build: () => ({ id: 'inHospital', title: '申请人现在正在住院吗？', help: '住院不方便来的，可以请工作人员上门。', kind: 'yesNo', options: yesNo }),
  },
  {
    applies: (a) => a.inHospital !== undefined && !noTest(a),
    build: () => ({
      id: 'exemption',
      title: '下面有没有说的是您？有证明的，不用核查经济困难。',
      help: '选了以后，请准备好后面写的证明。',
      kind: 'choice',
      options: [...EXEMPTIONS.map((e) => ({ value: e, label: EXEMPTION_INFO[e].label })), { value: 'none', label: '都不是' }],
    }),
  },
  {
    applies: (a) => a.exemption !== undefined && !noTest(a) && exemptionOf(a) === null,
    build: (s) => ({
      id: 'underStandard',
      title: `您家里每人每月收入在${s.standard.monthlyIncomePerHead}元以下吗？`,
      help: '把家里一起生活的人的收入加起来，除以人数。',
      kind: 'yesNo',
      options: yesNo,
    }),
  },
];

const FINAL: Partial<Record<QuestionId, (a: SelfCheckAnswers) => boolean>> = {
  local: (a) => a.local === false,
};

/** The next question to ask, or null when the answers are enough for a result. */
export function nextQuestion(answers: SelfCheckAnswers, settings: LegalAidSettings): Question | null {
  for (const def of QUESTIONS) {
    const q = def.build(settings);
    if (FINAL[q.id]?.(answers)) return null;
    if (def.applies(answers) && answers[q.id] === undefined) return q;
  }
  return null;
}

/** Every question this set of answers has led through, in order (for the page's 上一步). */
export function askedQuestions(answers: SelfCheckAnswers, settings: LegalAidSettings): QuestionId[] {
  return QUESTIONS.filter((d) => d.applies(answers)).map((d) => d.build(settings).id).filter((id) => answers[id] !== undefined);
}

export type SelfCheckOutcome = 'likely' | 'unlikely' | 'notCovered' | 'elsewhere' | 'unfinished';

export interface SelfCheckResult {
  outcome: SelfCheckOutcome;
  /** How hardship will be shown; null when the outcome is not `likely`. */
  route: Route | null;
  exemption: Exemption | null;
  greenChannel: boolean;
  homeVisit: boolean;
  /** Plain words on where to go (Art 38) when it is not here. */
  referral: string | null;
  /** What to bring (or photograph). */
  bring: string[];
  /** The 重点群体 the answers name, for the case's 绿色通道. */
  priorityGroups: PriorityGroup[];
}

export function priorityGroupsOf(a: SelfCheckAnswers): PriorityGroup[] {
  const groups = new Set<PriorityGroup>(a.groups ?? []);
  if (a.ageBand === 'elder60' || a.ageBand === 'elder70') groups.add('elderly');
  if (a.ageBand === 'under18') groups.add('minor');
  return [...groups];
}

/** Whether the matter is covered: the county's list, an Art 32 ground, or a group seed 004 lifts the limit for. */
export function matterCovered(a: SelfCheckAnswers, groups: readonly PriorityGroup[], settings: LegalAidSettings): boolean {
  if (!a.matter) return false;
  if (settings.coveredMatters.includes(a.matter)) return true;
  // Art 32 grounds are matters of their own; seed 004 lifts the matter limit for some groups.
  return noTest(a) || groups.some((g) => settings.matterLimitLiftedFor.includes(g));
}

function routeOf(a: SelfCheckAnswers): Route | null {
  if (noTest(a)) return 'noTest';
  if (exemptionOf(a)) return 'exempt';
  if (a.underStandard === true) return 'promise';
  return null;
}

function bringList(route: Route | null, exemption: Exemption | null): string[] {
  const items = ['身份证或户口本（代别人申请的，再带上能说明关系的材料）', '和这件事有关的材料：合同、欠条、判决书、照片、聊天记录等，有哪样带哪样'];
  if (route === 'exempt' && exemption) items.push(EXEMPTION_INFO[exemption].proof);
  if (route === 'promise') items.push('不用开经济困难证明：在手机上如实填写家庭情况并签字承诺即可');
  return items;
}

/** What the self-check tells the person: likely eligible or not, how, what to bring, where. */
export function evaluateSelfCheck(answers: SelfCheckAnswers, settings: LegalAidSettings): SelfCheckResult {
  const priorityGroups = priorityGroupsOf(answers);
  const base = { exemption: null, referral: null, bring: [], priorityGroups, greenChannel: priorityGroups.length > 0 };
  const homeVisit = homeVisitOffered({
    age: answers.ageBand === 'elder70' ? 70 : null,
    disabled: priorityGroups.includes('disabled'),
    injuredMigrantWorker: priorityGroups.includes('migrantWorker') && answers.matter === 'injury',
    inHospital: answers.inHospital === true,
  });
  if (answers.local === false) {
    const referral = '请向处理这件事的法院、仲裁委等所在地，或者事情发生地的法律援助中心申请；不清楚的可以拨打12348问。';
    return { ...base, outcome: 'elsewhere', route: null, homeVisit: false, referral };
  }
  if (nextQuestion(answers, settings) !== null) return { ...base, outcome: 'unfinished', route: null, homeVisit };
  if (!matterCovered(answers, priorityGroups, settings)) return { ...base, outcome: 'notCovered', route: null, homeVisit };
  const route = routeOf(answers);
  const exemption = route === 'exempt' ? exemptionOf(answers) : null;
  if (!route) return { ...base, outcome: 'unlikely', route: null, homeVisit, bring: bringList('documents', null) };
  return { ...base, outcome: 'likely', route, exemption, homeVisit, bring: bringList(route, exemption) };
}
