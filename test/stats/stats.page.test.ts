import { addDays, formatShanghai } from '../../core';
import { periodText, presetOf, presetPeriod, todayIn } from '../../miniprogram/admin/stats/periods';
import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * The page tests share one devcloud with the other page tests, which add cases at the center and
 * at 青石镇 and 柳河乡. This file's cases sit under 杏林镇 (its station and villages), which no
 * other page test touches, so 杏林镇's figures are exact; the county's only grow (one 不予受理 at
 * the center's own desk gives it a 本级 row whatever runs first).
 */

type Handlers = Record<'onFrom' | 'onTo', (e: { detail: { value: string } }) => void>;
const handlers = (page: RenderedPage) => page.instance as unknown as Handlers;

interface Figure {
  key: string;
  label: string;
  value: string;
  unit: string;
  alert: boolean;
}
interface UnitLine {
  orgId: string;
  name: string;
  own: boolean;
  received: string;
  resolvedRate: string;
  overdue: string;
  satisfiedRate: string;
}

const XL = '杏林镇公共法律服务工作站';
const COUNTY = '青禾县公共法律服务中心';

const today = formatShanghai(new Date(), 'YYYY-MM-DD');
const monthStart = `${today.slice(0, 8)}01`;
const lastMonthEnd = addDays(monthStart, -1);
/** Mid-last-month: a one-working-day consultation received then is long overdue on any day of this month. */
const lastMonthMid = `${lastMonthEnd.slice(0, 8)}15`;

/** What a person reads as the period, written out here rather than through the page's helper. */
function spoken(from: string, to: string): string {
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  if (from === to) return `${from.slice(0, 4)}年${md(from)}`;
  return `${from.slice(0, 4)}年${md(from)}至${from.slice(0, 4) === to.slice(0, 4) ? '' : `${to.slice(0, 4)}年`}${md(to)}`;
}

let n = 0;
const applicant = (name: string) => ({ name, phone: '13800002222' });
const submit = (openid: string, body: object) => callAs<{ id: string }>(openid, 'case', 'submit', { applicant: applicant('杏林村民'), ...body });
const act = (openid: string, caseId: string, command: object) => callAs(openid, 'case', 'act', { caseId, command });
const register = (body: object) =>
  callAs<{ id: string; code: string }>('seed-staff-xl', 'case', 'register', {
    channel: 'hotline12348',
    category: 'consultation',
    orgId: 'xl-station',
    applicant: applicant('来电群众'),
    ...body,
  });


beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-staff');
});

const figures = (page: RenderedPage) => Object.fromEntries((page.data.figures as Figure[]).map((f) => [f.label, `${f.value}${f.unit}`]));
const text = (page: RenderedPage) => page.dom?.textContent ?? '';
const rows = (page: RenderedPage) => page.data.rows as UnitLine[];
const loaded = (page: RenderedPage, name?: string) =>
  waitFor(page, (d) => d.loading === false && (name === undefined || d.name === name || d.failed === true));
const preset = (page: RenderedPage, label: string) => {
  const el = page.querySelectorAll('.preset').find((p) => p.dom?.textContent?.trim() === label);
  if (!el) throw new Error(`no preset ${label}`);
  el.dispatchEvent('tap');
};
const unitRow = (page: RenderedPage, name: string) => page.querySelectorAll('.unit').find((u) => u.dom?.textContent?.includes(name));

describe('统计 (the statistics board page)', () => {
  beforeAll(async () => {
    const who = (tag: string) => `stats-page-${tag}-${Date.now().toString(36)}-${n++}`;
    // This month, at the 杏林镇 station: a mediation resolved and rated 非常满意 (an elderly applicant) …
    const elder = who('elder');
    const a = await submit(elder, { category: 'mediation', summary: '统计页：宅基地边界', orgId: 'xl-station', priorityGroups: ['elderly'] });
    await act('seed-staff-xl', a.id, { type: 'accept' });
    await act('seed-staff-xl', a.id, { type: 'resolve', result: '调解成功' });
    await act(elder, a.id, { type: 'evaluate', satisfaction: 5 });
    // … a consultation withdrawn …
    const withdrawer = who('withdraw');
    const c = await submit(withdrawer, { category: 'consultation', summary: '统计页：问问就好', orgId: 'xl-station' });
    await act(withdrawer, c.id, { type: 'withdraw' });
    // … and, at 白杨村 below it, a migrant worker's mediation resolved but rated 不满意 (需回访).
    const worker = who('worker');
    const d = await submit(worker, { category: 'mediation', summary: '统计页：讨薪', orgId: 'xl-baiyang', priorityGroups: ['migrantWorker'] });
    await act('seed-staff-xl', d.id, { type: 'accept' });
    await act('seed-staff-xl', d.id, { type: 'resolve', result: '调解成功' });
    await act(worker, d.id, { type: 'evaluate', satisfaction: 2 });
    // … and at 金沙社区, a 12348 caller with no WeChat, answered by the station's staff: the center
    // records the caller's 非常满意 on a callback (worker-entered, outside 满意率).
    const call = await register({ summary: '统计页：电话问继承', orgId: 'xl-jinsha' });
    await act('seed-staff-xl', call.id, { type: 'accept' });
    await act('seed-staff-xl', call.id, { type: 'resolve', result: '已电话解答' });
    await act('demo-staff', call.id, { type: 'evaluate', satisfaction: 5 });
    // … and the caller's follow-on request for a lawyer, registered with that 咨询's code (指引服务转化率),
    // still open (due in 3 working days).
    await register({ category: 'lawyer', summary: '统计页：电话后请律师', followOf: call.code });
    // Last month: a hotline consultation nobody answered, overdue ever since.
    await register({ summary: '统计页：上月的电话', visitedAt: `${lastMonthMid}T10:00:00+08:00` });
    // At the center's own desk: a request referred elsewhere (不予受理), so the center has a 本级 row.
    const rejected = await callAs<{ id: string }>('demo-staff', 'case', 'register', {
      channel: 'agency',
      category: 'consultation',
      orgId: 'qh-center',
      summary: '统计页：已经起诉的纠纷',
      applicant: applicant('转来群众'),
    });
    await act('demo-staff', rejected.id, { type: 'reject', reason: '已起诉到法院', referTo: '县人民法院' });
  }, 30000);

  it('opens on this month for the staff member’s center, with one call, the key figures and a row per station', async () => {
    const page = renderPage('admin/stats/index');
    await loaded(page);
    expect(shown.functionCalls).toEqual(['stats.board']);
    expect(page.data).toMatchObject({ from: monthStart, to: today, failed: false, canGoUp: false });
    expect(text(page)).toContain(COUNTY);
    expect(text(page)).toContain(spoken(monthStart, today));
    expect(page.querySelector('.preset--on')?.dom?.textContent?.trim()).toBe('本月');

    expect((page.data.figures as Figure[]).map((f) => f.label)).toEqual(['受理', '办结率', '按期办结率', '超期在办', '满意率', '平均评分']);
    expect(Number((page.data.figures as Figure[])[0]?.value)).toBeGreaterThanOrEqual(4);
    for (const label of ['不予受理', '撤回', '在办', '评价率', '需回访', '重点群体', '按服务', '按渠道', '按重点群体']) expect(text(page)).toContain(label);

    // The center's own cases first, labelled and not a link; then each station, holding its villages.
    expect(rows(page)[0]).toMatchObject({ own: true, name: `${COUNTY}（本级）` });
    expect(rows(page).filter((r) => !r.own && r.orgId.endsWith('-station')).map((r) => r.name)).toEqual(['柳河乡公共法律服务工作站', '青石镇公共法律服务工作站', XL]);
    expect(rows(page).find((r) => r.orgId === 'xl-station')).toMatchObject({ received: '5', resolvedRate: '75.0%', overdue: '0', satisfiedRate: '50.0%' });
    expect(unitRow(page, `${COUNTY}（本级）`)?.dom?.className).toContain('unit--own');
    expect(unitRow(page, XL)?.dom?.textContent).toMatch(/5\s*75\.0%\s*0\s*50\.0%/);
  });

  it('drills into a station, then a village, and back up, with a breadcrumb of where it is', async () => {
    const page = renderPage('admin/stats/index', { real: ['mini-chart'] });
    await loaded(page);
    unitRow(page, XL)?.dispatchEvent('tap');
    await loaded(page, XL);
    expect(page.data.crumbs).toBe(`${COUNTY} › ${XL}`);
    expect(text(page)).toContain(spoken(monthStart, today));
    // 满意率, 评价率 and the mean are the residents' own two ratings: the rating staff recorded for
    // the 12348 caller is on a line of its own and lifts none of them.
    expect(figures(page)).toEqual({ 受理: '5件', 办结率: '75.0%', 按期办结率: '100.0%', 超期在办: '0件', 满意率: '50.0%', 平均评分: '3.5分' });
    expect(page.querySelector('.figure--alert')).toBeFalsy();
    const details = page.querySelector('.details')?.dom?.textContent ?? '';
    for (const d of ['不予受理 0件', '撤回 1件', '在办 1件', '评价率 66.7%', '需回访 1件', '重点群体 2件']) expect(details).toContain(d);
    expect(page.querySelector('.worker-ratings')?.dom?.textContent?.trim()).toBe('工作人员代录评价 1件，满意 1件（不计入评价率和满意率）');
    // Only what happened: services, channels and groups with cases.
    const breakdowns = page.querySelectorAll('.breakdown').map((b) => (b.dom?.textContent ?? '').replace(/\s+/g, ''));
    expect(breakdowns).toEqual(['按服务法律咨询2件人民调解2件律师服务1件', '按渠道小程序3件12348热线2件', '按重点群体老年人1件农民工1件']);
    // 服务情况: of the two 咨询 the 12348 call led on to a lawyer; three cases 办结 the day they came.
    const service = (key: string) => page.querySelector(`.service--${key}`)?.dom?.textContent?.replace(/\s+/g, '') ?? '';
    expect(service('conversion')).toBe('指引服务转化率50.0%（咨询2件，其中1件转为正式服务）');
    expect(service('handling')).toContain('中位数不到1天（办结3件）');
    // The chart's bars with their counts as text, and what a screen reader hears.
    const chart = page.querySelector('.service--handling .service__chart');
    expect(chart?.dom?.textContent?.replace(/\s+/g, '')).toBe('3当天01-2天03-6天07-14天015-29天030天以上');
    expect((chart as unknown as { instance: { data: { summary: string } } }).instance.data.summary).toBe('办结用时分布：当天3，1-2天0，3-6天0，7-14天0，15-29天0，30天以上0');
    for (const key of ['legalAid', 'bookings', 'questions']) expect(service(key)).toMatch(/\d/);

    // The station's own cases, then its four villages; 白杨村 holds the migrant worker's case.
    expect(rows(page).map((r) => [r.name, r.received])).toEqual([
      [`${XL}（本级）`, '3'],
      ['白杨村公共法律服务工作室', '1'],
      ['金沙社区公共法律服务工作室', '1'],
      ['桥头村公共法律服务工作室', '0'],
      ['幸福村公共法律服务工作室', '0'],
    ]);
    // Tapping the station's own row goes nowhere.
    unitRow(page, `${XL}（本级）`)?.dispatchEvent('tap');
    await simulate.sleep(50);
    expect(shown.functionCalls).toHaveLength(2);

    unitRow(page, '白杨村')?.dispatchEvent('tap');
    await loaded(page, '白杨村公共法律服务工作室');
    expect(figures(page)).toMatchObject({ 受理: '1件', 满意率: '0.0%', 平均评分: '2.0分' });
    // No rating recorded by staff here: no line for it.
    expect(page.querySelector('.worker-ratings')).toBeFalsy();
    // A village has no level below: its own row is all there is, and nothing to tap.
    expect(rows(page).map((r) => [r.name, r.own])).toEqual([['白杨村公共法律服务工作室（本级）', true]]);
    expect(page.querySelector('.unit--link')).toBeFalsy();
    expect(text(page)).not.toContain('点单位看下一级');
    expect(page.data.crumbs).toBe(`${COUNTY} › ${XL} › 白杨村公共法律服务工作室`);

    tap(page.querySelector('#up') ?? undefined);
    await loaded(page, XL);
    expect(figures(page)).toMatchObject({ 受理: '5件' });
    tap(page.querySelector('#up') ?? undefined);
    await loaded(page, COUNTY);
    expect(page.querySelector('#up')).toBeFalsy();
    expect(shown.functionCalls).toEqual(Array(5).fill('stats.board'));
    expect(shown.toasts).toEqual([]);
  });

  it('switches to last month at a tap: the period shown and the figures follow, 超期 in red', async () => {
    setPersona('seed-staff-xl');
    const page = renderPage('admin/stats/index');
    await loaded(page, XL);
    expect(figures(page)).toMatchObject({ 受理: '5件', 超期在办: '0件' });

    preset(page, '上月');
    await waitFor(page, (d) => d.loading === false && d.from === `${lastMonthEnd.slice(0, 8)}01`);
    expect(page.data.to).toBe(lastMonthEnd);
    expect(text(page)).toContain(spoken(`${lastMonthEnd.slice(0, 8)}01`, lastMonthEnd));
    expect(page.querySelector('.preset--on')?.dom?.textContent?.trim()).toBe('上月');
    expect(figures(page)).toEqual({ 受理: '1件', 办结率: '0.0%', 按期办结率: '—', 超期在办: '1件', 满意率: '—', 平均评分: '—' });
    expect(page.querySelector('.worker-ratings')).toBeFalsy();
    const alert = page.querySelectorAll('.figure--alert');
    expect(alert.map((f) => f.dom?.textContent?.replace(/\s+/g, ''))).toEqual(['1件超期在办']);
    expect(rows(page).find((r) => r.own)).toMatchObject({ overdue: '1' });
    expect(page.querySelectorAll('.unit__cell--alert')).toHaveLength(1);
    expect(page.querySelectorAll('.breakdown').at(-1)?.dom?.textContent).toContain('暂无');

    preset(page, '本月');
    await waitFor(page, (d) => d.loading === false && d.from === monthStart);
    expect(figures(page)).toMatchObject({ 受理: '5件', 超期在办: '0件' });
    expect(page.querySelector('.figure--alert')).toBeFalsy();
    expect(shown.functionCalls).toHaveLength(3);
  });

  it('takes a range picked by hand, from the middle of last month to today', async () => {
    setPersona('seed-staff-xl');
    const page = renderPage('admin/stats/index');
    await loaded(page, XL);
    handlers(page).onFrom({ detail: { value: lastMonthMid } });
    await waitFor(page, (d) => d.loading === false && d.from === lastMonthMid);
    expect(page.querySelector('.preset--on')).toBeFalsy();
    expect(text(page)).toContain(spoken(lastMonthMid, today));
    expect(figures(page)).toMatchObject({ 受理: '6件', 超期在办: '1件', 办结率: '60.0%' });
  });

  it('explains a period longer than a year in plain words', async () => {
    setPersona('seed-staff-xl');
    const page = renderPage('admin/stats/index');
    await loaded(page, XL);
    handlers(page).onFrom({ detail: { value: addDays(today, -400) } });
    await waitFor(page, (d) => d.loading === false && d.failed === true);
    expect(shown.modals[0]?.content).toBe('一次最多统计一年，请缩短时间段');
    expect(text(page)).toContain('一次最多统计一年，请缩短时间段');
    preset(page, '今年');
    await waitFor(page, (d) => d.loading === false && d.failed === false);
    expect(Number((page.data.figures as Figure[])[0]?.value)).toBeGreaterThanOrEqual(4);
  });

  it('shows 满意率 by what was rated and 调解与回访 with the board, and 知晓率 only when asked for', async () => {
    // Three residents of 杏林镇 answer this quarter's questionnaire.
    const answers = [
      ['xl-baiyang', true, false, 'advisor'],
      ['xl-jinsha', false, false, 'family'],
      ['xl-station', false, true, 'hotline'],
    ] as const;
    for (const [orgId, knowsAdvisor, knowsService, firstChoice] of answers) {
      await callAs(`stats-page-survey-${Date.now().toString(36)}-${n++}`, 'evaluation', 'answerAwareness', { orgId, knowsAdvisor, knowsService, firstChoice });
    }
    setPersona('seed-staff-xl');
    const page = renderPage('admin/stats/index');
    await loaded(page, XL);
    const line = (key: string) => page.querySelector(`.service--${key}`)?.dom?.textContent?.replace(/\s+/g, '') ?? '';
    // The residents' own two ratings of the three cases 办结 (the 12348 caller's, recorded by staff, apart); no legal aid here.
    expect(line('ratedCases')).toBe('办事案件（群众自评）满意率50.0%（评价2件，可评价3件，满意1件）');
    expect(line('ratedLegalAid')).toBe('法律援助（评律师办案）满意率—（评价0件，可评价0件，满意0件）');
    for (const key of ['ratedBookings', 'ratedQuestions', 'mediation', 'returnVisits', 'rectified']) expect(line(key)).toMatch(/率/);
    expect(page.querySelector('.service--awareness')).toBeFalsy();
    expect(shown.functionCalls).toEqual(['stats.board']);

    tap(page.querySelector('#awareness-open') ?? undefined);
    await waitFor(page, (d) => (d.awareness as { lines: unknown[] }).lines.length > 0 || (d.awareness as { failed: boolean }).failed);
    expect(shown.functionCalls).toEqual(['stats.board', 'evaluation.awareness']);
    expect(page.querySelector('.awareness__period')?.dom?.textContent).toMatch(/^\d{4}年第[1-4]季度，3人答卷$/);
    expect(line('awareness')).toBe('知晓率66.7%（知道本村法律顾问或公共法律服务的2人）');
    expect(line('advisorAwareness')).toBe('法律顾问知晓率33.3%（知道本村法律顾问的1人）');
    expect(line('firstChoice')).toBe('首选率66.7%（遇到法律问题首先找公共法律服务的2人）');
    expect(page.querySelector('#awareness-open')).toBeFalsy();

    // Opened, it follows the unit: 白杨村's one answer.
    unitRow(page, '白杨村')?.dispatchEvent('tap');
    await waitFor(page, (d) => (d.awareness as { periodText: string }).periodText.endsWith('1人答卷'));
    expect(shown.functionCalls).toEqual(['stats.board', 'evaluation.awareness', 'stats.board', 'evaluation.awareness']);
    expect(line('firstChoice')).toBe('首选率100.0%（遇到法律问题首先找公共法律服务的1人）');
    expect(shown.toasts).toEqual([]);
  });

  it('tells an advisor, in Chinese, that the board is not theirs', async () => {
    setPersona('demo-advisor');
    const page = renderPage('admin/stats/index');
    await waitFor(page, (d) => d.loading === false && d.failed === true);
    expect(shown.toasts.map((t) => t.title)).toEqual(['您没有权限办理这项操作']);
    expect(text(page)).toContain('您没有权限办理这项操作');
    expect(page.querySelector('#retry')).toBeFalsy();
    expect(page.querySelector('.figure')).toBeFalsy();
  });
});

describe('统计 periods (Beijing days)', () => {
  it('reads today in Beijing whatever the machine’s zone', () => {
    expect(todayIn(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(todayIn(new Date('2026-03-31T15:59:00Z'))).toBe('2026-03-31');
  });

  it('makes 本月, 上月, 本季度 and 今年 from today', () => {
    const all = (day: string) => ({
      month: presetPeriod('month', day),
      lastMonth: presetPeriod('lastMonth', day),
      quarter: presetPeriod('quarter', day),
      year: presetPeriod('year', day),
    });
    expect(all('2026-05-20')).toEqual({
      month: { from: '2026-05-01', to: '2026-05-20' },
      lastMonth: { from: '2026-04-01', to: '2026-04-30' },
      quarter: { from: '2026-04-01', to: '2026-05-20' },
      year: { from: '2026-01-01', to: '2026-05-20' },
    });
    // January: last month is last year's December.
    expect(all('2026-01-10')).toMatchObject({ lastMonth: { from: '2025-12-01', to: '2025-12-31' }, quarter: { from: '2026-01-01', to: '2026-01-10' } });
    // A leap February, and the last day of a quarter.
    expect(presetPeriod('lastMonth', '2024-03-05')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('lastMonth', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('quarter', '2026-09-30')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetPeriod('quarter', '2026-10-01')).toEqual({ from: '2026-10-01', to: '2026-10-01' });
    expect(presetPeriod('quarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('knows which preset a period is, and a hand-picked one is none', () => {
    expect(presetOf({ from: '2026-04-01', to: '2026-06-15' }, '2026-06-15')).toBe('quarter');
    expect(presetOf({ from: '2026-05-01', to: '2026-05-31' }, '2026-06-15')).toBe('lastMonth');
    expect(presetOf({ from: '2026-05-02', to: '2026-06-15' }, '2026-06-15')).toBe('');
    // On 1 January all four are the same day.
    expect(presetOf({ from: '2026-01-01', to: '2026-01-01' }, '2026-01-01')).toBe('month');
  });

  it('writes a period the way people say it', () => {
    expect(periodText({ from: '2026-03-01', to: '2026-03-20' })).toBe('2026年3月1日至3月20日');
    expect(periodText({ from: '2025-12-01', to: '2026-01-05' })).toBe('2025年12月1日至2026年1月5日');
    expect(periodText({ from: '2026-03-01', to: '2026-03-01' })).toBe('2026年3月1日');
  });
});

it('the periods helper agrees with what the page opens on', () => {
  expect(presetPeriod('month', todayIn())).toEqual({ from: monthStart, to: today });
});
