import {
  daysText,
  hoursText,
  percentText,
  scoreText,
  type AwarenessFigures,
  type Bar,
  type Board,
  type Quality,
  type RatedLine,
  type SatisfactionByKind,
  type Services,
  type Share,
  type TallyWithRates,
  type UnitRow,
} from '@core';

/**
 * What the 统计 page draws of a board: text ready to show, nothing computed in the template. The
 * rates come from the function; this only formats them (core's percentText/scoreText) and picks
 * what is shown.
 */

/** A key figure as a big number card. */
export interface Figure {
  key: string;
  label: string;
  value: string;
  /** '件', '分' … after the number; empty when there is no number ('—'). */
  unit: string;
  /** Drawn in red: 超期在办 above zero. */
  alert: boolean;
}

/** A smaller figure on the line under the cards. */
export interface Detail {
  key: string;
  label: string;
  value: string;
}

/** One unit in the table: its own cases (本级) or a unit below with everything under it. */
export interface UnitLine {
  orgId: string;
  name: string;
  own: boolean;
  received: string;
  resolvedRate: string;
  overdue: string;
  overdueAlert: boolean;
  satisfiedRate: string;
}

export interface Breakdown {
  key: string;
  title: string;
  /** Only the entries with cases. */
  shares: Array<{ key: string; label: string; count: string }>;
  empty: boolean;
}

/** One service's figures: a line of plain text, and a few bars when the service has a distribution to show. */
export interface ServiceLine {
  key: string;
  title: string;
  text: string;
  /** For mini-chart; empty when there is nothing to draw. */
  bars: Bar[];
  chartTitle: string;
}

/** A figure with what it is made of, on one line: 调解成功率 66.7%（…）. */
export interface TextLine {
  key: string;
  title: string;
  text: string;
}

export interface BoardView {
  name: string;
  /** 调解成功率, 回访完成率, 差评整改率. */
  quality: TextLine[];
  /** 满意率 by what was rated: cases, legal aid (the lawyer's work), bookings, group questions. */
  ratings: TextLine[];
  /** 指引服务转化率, 办结用时, 法律援助, 预约, 群里提问. */
  services: ServiceLine[];
  figures: Figure[];
  details: Detail[];
  rows: UnitLine[];
  /** The table's heading: it says rows open the level below only when some do. */
  rowsTitle: string;
  breakdowns: Breakdown[];
  /**
   * The ratings workers recorded for visitors with no WeChat, on a line of their own since 满意率
   * leaves them out; empty when there are none.
   */
  workerRatings: string;
}

/** What the page needs of the function's answer. */
export type BoardAnswer = Pick<Board, 'name' | 'totals' | 'units' | 'byCategory' | 'byChannel' | 'byGroup' | 'priority'> & {
  services: Services;
  quality: Quality;
  satisfaction: SatisfactionByKind;
};

const count = (n: number) => ({ value: String(n), unit: '件' });
const rate = (r: number | null) => ({ value: percentText(r), unit: '' });

function figures(t: TallyWithRates): Figure[] {
  const score = scoreText(t.averageScore);
  return [
    { key: 'received', label: '受理', ...count(t.received), alert: false },
    { key: 'resolvedRate', label: '办结率', ...rate(t.resolvedRate), alert: false },
    { key: 'onTimeRate', label: '按期办结率', ...rate(t.onTimeRate), alert: false },
    { key: 'overdue', label: '超期在办', ...count(t.overdue), alert: t.overdue > 0 },
    { key: 'satisfiedRate', label: '满意率', ...rate(t.satisfiedRate), alert: false },
    { key: 'averageScore', label: '平均评分', value: score, unit: t.averageScore === null ? '' : '分', alert: false },
  ];
}

function details(t: TallyWithRates, priority: number): Detail[] {
  return [
    { key: 'rejected', label: '不予受理', value: `${t.rejected}件` },
    { key: 'withdrawn', label: '撤回', value: `${t.withdrawn}件` },
    { key: 'open', label: '在办', value: `${t.open}件` },
    { key: 'evaluatedRate', label: '评价率', value: percentText(t.evaluatedRate) },
    { key: 'dissatisfied', label: '需回访', value: `${t.dissatisfied}件` },
    { key: 'priority', label: '重点群体', value: `${priority}件` },
  ];
}

function workerRatings(t: TallyWithRates): string {
  return t.evaluatedByWorker > 0 ? `工作人员代录评价 ${t.evaluatedByWorker}件，满意 ${t.satisfiedByWorker}件（不计入评价率和满意率）` : '';
}

function unitLine(u: UnitRow): UnitLine {
  return {
    orgId: u.orgId,
    name: u.name,
    own: u.own,
    received: String(u.received),
    resolvedRate: percentText(u.resolvedRate),
    overdue: String(u.overdue),
    overdueAlert: u.overdue > 0,
    satisfiedRate: percentText(u.satisfiedRate),
  };
}

function breakdown(key: string, title: string, all: Share[]): Breakdown {
  const shares = all.filter((s) => s.count > 0).map((s) => ({ key: s.key, label: s.label, count: `${s.count}件` }));
  return { key, title, shares, empty: shares.length === 0 };
}

/** A median in days as a person says it: under one whole day is "不到1天", not "0.5天". */
const medianDays = (days: number | null) => (days !== null && days < 1 ? '不到1天' : daysText(days));
const some = (bars: Bar[]) => (bars.some((b) => b.count > 0) ? bars : []);

function services(s: Services): ServiceLine[] {
  const line = (key: string, title: string, text: string, bars: Bar[] = [], chartTitle = '') => ({ key, title, text, bars: some(bars), chartTitle });
  return [
    line('conversion', '指引服务转化率', `${percentText(s.conversionRate)}（咨询 ${s.guidance}件，其中 ${s.guidanceConverted}件转为正式服务）`),
    line('handling', '办结用时', `中位数 ${medianDays(s.medianHandlingDays)}（办结 ${s.handled}件）`, s.handlingBars, '办结用时分布'),
    line(
      'legalAid',
      '法律援助',
      `申请 ${s.aidApplications}件，给予 ${s.aidGranted}件，不予 ${s.aidRefused}件，决定用时中位数 ${medianDays(s.aidMedianDecisionDays)}；事后核查：待核查 ${s.verificationPending}件，属实 ${s.verificationConfirmed}件，不实 ${s.verificationFalse}件`,
    ),
    line(
      'bookings',
      '预约',
      `预约 ${s.booked}次，到场 ${s.attended}次，爽约 ${s.missed}次，爽约率 ${percentText(s.noShowRate)}；取消 ${s.bookingsCancelled}次，待到场 ${s.bookingsUpcoming}次`,
      [
        { label: '到场', count: s.attended },
        { label: '爽约', count: s.missed },
        { label: '取消', count: s.bookingsCancelled },
        { label: '待到场', count: s.bookingsUpcoming },
      ],
      '预约结果',
    ),
    line('questions', '群里提问', `提问 ${s.questionsAsked}个，已解答 ${s.questionsAnswered}个，首次解答用时中位数 ${hoursText(s.medianAnswerHours)}`, s.answerBars, '首次解答用时分布'),
  ];
}

function quality(q: Quality): TextLine[] {
  return [
    { key: 'mediation', title: '调解成功率', text: `${percentText(q.mediationSuccessRate)}（登记调解结果 ${q.mediationRecorded}件，成功 ${q.mediationSucceeded}件）` },
    {
      key: 'returnVisits',
      title: '回访完成率',
      text: `${percentText(q.returnVisitsDoneRate)}（回访任务 ${q.returnVisits}件，已完成 ${q.returnVisitsDone}件，其中抽样回访 ${q.sampled}件）`,
    },
    { key: 'rectified', title: '差评整改率', text: `${percentText(q.rectifiedRate)}（已回访差评 ${q.dissatisfiedVisited}件，已整改 ${q.rectified}件）` },
  ];
}

function ratings(s: SatisfactionByKind): TextLine[] {
  const rated = (r: RatedLine, unit: string) =>
    `满意率 ${percentText(r.satisfiedRate)}（评价 ${r.rated}${unit}${r.rateable === null ? '' : `，可评价 ${r.rateable}${unit}`}，满意 ${r.satisfied}${unit}）`;
  return [
    { key: 'ratedCases', title: '办事案件（群众自评）', text: rated(s.cases, '件') },
    { key: 'ratedLegalAid', title: '法律援助（评律师办案）', text: rated(s.legalAid, '件') },
    { key: 'ratedBookings', title: '预约服务', text: rated(s.bookings, '次') },
    { key: 'ratedQuestions', title: '群里提问', text: rated(s.questions, '个') },
  ];
}

/** What the 知晓率 section shows of `evaluation.awareness`: the quarter, how many answered, the three rates. */
export interface AwarenessView {
  periodText: string;
  lines: TextLine[];
}

export function awarenessView(a: Omit<AwarenessFigures, 'byChoice'> & { period: string }): AwarenessView {
  return {
    periodText: `${a.period.slice(0, 4)}年第${a.period.slice(5)}季度，${a.respondents}人答卷`,
    lines: [
      { key: 'awareness', title: '知晓率', text: `${percentText(a.awarenessRate)}（知道本村法律顾问或公共法律服务的 ${a.aware}人）` },
      { key: 'advisorAwareness', title: '法律顾问知晓率', text: `${percentText(a.advisorAwarenessRate)}（知道本村法律顾问的 ${a.knowsAdvisor}人）` },
      { key: 'firstChoice', title: '首选率', text: `${percentText(a.firstChoiceRate)}（遇到法律问题首先找公共法律服务的 ${a.firstPublic}人）` },
    ],
  };
}

export function boardView(board: BoardAnswer): BoardView {
  return {
    name: board.name,
    quality: quality(board.quality),
    ratings: ratings(board.satisfaction),
    services: services(board.services),
    figures: figures(board.totals),
    details: details(board.totals, board.priority),
    workerRatings: workerRatings(board.totals),
    rows: board.units.map(unitLine),
    rowsTitle: board.units.some((u) => !u.own) ? '各单位（点单位看下一级）' : '各单位',
    breakdowns: [
      breakdown('category', '按服务', board.byCategory),
      breakdown('channel', '按渠道', board.byChannel),
      breakdown('group', '按重点群体', board.byGroup),
    ],
  };
}
