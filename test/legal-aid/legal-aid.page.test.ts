import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown, storageValue } from '../support/page-setup';
import { application } from '../support/legal-aid';

// The pages share one seeded devcloud: these settings name who holds the aid post (陈静, demo-staff).
const SETTINGS = {
  coveredMatters: ['stateCompensation', 'socialInsurance', 'pension', 'support', 'labour', 'capacity', 'injury', 'environment'],
  matterLimitLiftedFor: ['elderly', 'disabled'],
  standard: { monthlyIncomePerHead: 1200, householdAssets: 50000, source: '测试标准' },
  verificationShare: 0.2,
  countyName: '青禾县',
  aidPosts: ['demo-staff'],
  bureauPosts: ['demo-admin'],
  bureauOrgId: 'qh-bureau',
};

type Any = Record<string, (...args: unknown[]) => unknown>;
const h = (page: RenderedPage) => page.instance as unknown as Any;
const option = (page: RenderedPage, value: string) => h(page).onOption?.({ currentTarget: { dataset: { value } } });
const field = (page: RenderedPage, name: string, value: string) => h(page).onField?.({ detail: { value }, currentTarget: { dataset: { field: name } } });
const choose = (page: RenderedPage, name: string, value: string) => h(page).onChoose?.({ currentTarget: { dataset: { field: name, value } } });

beforeAll(async () => {
  await callAs('demo-admin', 'legalAid', 'saveSettings', SETTINGS);
});
beforeEach(() => {
  resetShown();
  clearStorage();
});

it('首页 opens the self-check', async () => {
  setPersona('page-home');
  const home = renderPage('pages/home/index');
  await waitFor(home, (d) => d.loading === false);
  tap(home.querySelector('#legal-aid') ?? undefined);
  await simulate.sleep(10);
  expect(shown.navigations).toEqual(['/pages/legal-aid/check/index']);
});

describe('自助预检 (self-check)', () => {
  it('asks one question a screen; a domestic-violence victim is never asked about income, and the answers carry into the application', async () => {
    setPersona('page-dv');
    const page = renderPage('pages/legal-aid/check/index');
    await waitFor(page, (d) => d.loading === false);
    const asked: string[] = [];
    const answers: Record<string, string> = { local: 'yes', matter: 'support', noTestGround: 'abuseVictim', ageBand: 'adult', inHospital: 'no' };
    while (page.data.question) {
      const id = (page.data.question as { id: string }).id;
      asked.push(id);
      expect(page.querySelectorAll('.option').length).toBeGreaterThan(1);
      if (id === 'groups') {
        option(page, 'women');
        tap(page.querySelector('#next') ?? undefined);
      } else option(page, answers[id] ?? 'none');
      await simulate.sleep(0);
    }
    expect(asked).toEqual(['local', 'matter', 'noTestGround', 'ageBand', 'groups', 'inHospital']);
    expect(page.data.result).toMatchObject({ outcome: 'likely', route: '不审查经济状况', canApply: true });
    tap(page.querySelector('#apply') ?? undefined);
    await simulate.sleep(10);
    expect(storageValue('legalAid.answers')).toMatchObject({ noTestGround: 'abuseVictim', groups: ['women'] });
    expect(shown.navigations).toEqual(['/pages/legal-aid/apply/index']);
  });

  it('points elsewhere when the matter is not for this county (Art 38)', async () => {
    const page = renderPage('pages/legal-aid/check/index');
    await waitFor(page, (d) => d.loading === false);
    option(page, 'no');
    expect(page.data.result).toMatchObject({ outcome: 'elsewhere', canApply: false });
    expect((page.data.result as { referral: string }).referral).toContain('12348');
  });
});

describe('申请 (application)', () => {
  it('saves every step on the server; interrupted at step 3, another phone opens at step 3', async () => {
    setPersona('page-resume');
    wxStorage({ local: true, matter: 'labour', noTestGround: 'none', ageBand: 'adult', groups: ['migrantWorker'], inHospital: false, exemption: 'migrantWorker' });
    const first = renderPage('pages/legal-aid/apply/index');
    await waitFor(first, (d) => d.loading === false);
    field(first, 'applicantName', '马小军');
    field(first, 'phone', '13700002222');
    h(first).onNext?.();
    await waitFor(first, (d) => d.step === 1);
    field(first, 'opponent', '某劳务公司');
    h(first).onNext?.();
    await waitFor(first, (d) => d.step === 2);
    expect(first.data.showHousehold).toBe(false); // exempt (Art 42): no household form
    clearStorage(); // the other phone has nothing of the first
    setPersona('page-resume');
    const second = renderPage('pages/legal-aid/apply/index');
    await waitFor(second, (d) => d.loading === false);
    expect(second.data.step).toBe(2);
    expect(second.data.form).toMatchObject({ applicantName: '马小军', opponent: '某劳务公司', phone: '' });
  });

  it('submits a migrant worker’s application and opens it; the household form never shows for Art 42', async () => {
    setPersona('page-migrant');
    wxStorage({ local: true, matter: 'labour', noTestGround: 'none', ageBand: 'adult', groups: ['migrantWorker'], inHospital: false, exemption: 'migrantWorker' });
    const page = renderPage('pages/legal-aid/apply/index');
    await waitFor(page, (d) => d.loading === false);
    field(page, 'applicantName', '韩大勇');
    field(page, 'phone', '13700003333');
    choose(page, 'matter', 'labour');
    field(page, 'opponent', '青禾建筑公司');
    field(page, 'facts', '三个月工钱没结');
    // He lives in 东坡村: 初审 is then the 青石镇 station's (seed 002 §三(五)2).
    const dongpo = (page.data.places as Array<{ id: string }>).findIndex((p) => p.id === 'qs-dongpo');
    expect(dongpo).toBeGreaterThan(0);
    // The picker is the tree: each township station, its villages under it (a worker at the window picks the station).
    const ids = (page.data.places as Array<{ id: string }>).map((p) => p.id);
    expect(ids.slice(0, 2)).toEqual(['', 'qs-station']);
    expect(ids.indexOf('qs-station')).toBeLessThan(dongpo);
    expect(ids.indexOf('lh-station')).toBeGreaterThan(dongpo);
    h(page).onPlace?.({ detail: { value: dongpo } });
    for (let step = 1; step <= 4; step++) {
      h(page).onNext?.();
      await waitFor(page, (d) => d.step === step);
      expect(page.querySelector('.member')).toBeFalsy();
    }
    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, () => shown.navigations.length > 0);
    expect(shown.navigations[0]).toMatch(/^\/pages\/legal-aid\/detail\/index\?caseId=/);
    const caseId = decodeURIComponent(shown.navigations[0]?.split('caseId=')[1] ?? '');
    expect(await callAs('page-migrant', 'legalAid', 'get', { caseId })).toMatchObject({ status: 'atStation' });
    expect(storageValue('legalAid.answers')).toBeUndefined();
    // The server draft went with the submission: the next application starts at step 1.
    expect((await callAs<{ draft: unknown }>('page-migrant', 'legalAid', 'draft', {})).draft).toBeNull();
  });

  it('shows the household form, the 告知书 and 承诺书 and the signature pad on the promise route', async () => {
    setPersona('page-promise');
    wxStorage({ local: true, matter: 'support', noTestGround: 'none', ageBand: 'adult', groups: [], inHospital: false, exemption: 'none', underStandard: true });
    const page = renderPage('pages/legal-aid/apply/index');
    await waitFor(page, (d) => d.loading === false);
    h(page).onNext?.();
    await waitFor(page, (d) => d.step === 1);
    h(page).onNext?.();
    await waitFor(page, (d) => d.step === 2);
    expect(page.data).toMatchObject({ route: 'promise', showHousehold: true, showPromise: true });
    expect((page.data.notice as { title: string }).title).toBe('法律援助申请告知书');
    expect(page.querySelector('.member')).toBeTruthy();
    expect(page.querySelector('#signature')).toBeTruthy();
  });
});

describe('审查 (review) and the application page', () => {
  it('the aid post sees the queue with clocks, green channel first, and grants from the application page; the applicant sees it', async () => {
    const created = await callAs<{ caseId: string }>('page-elder', 'legalAid', 'submit', {
      answers: { local: true, noTestGround: 'none', ageBand: 'elder70', groups: [], inHospital: false, exemption: 'noFixedIncome' },
      applicantKind: 'self',
      applicantName: '包奶奶',
      phone: '13700004444',
      representativeName: null,
      representativeRelation: null,
      helper: null,
      matter: 'support',
      opponent: '包某',
      facts: '儿子不给赡养费',
      urgent: false,
      route: 'exempt',
      household: null,
      promise: null,
      preferredLawyer: null,
      orgId: null,
      attachments: [],
    });
    setPersona('demo-staff');
    const queue = renderPage('admin/legal-aid/queue/index');
    await waitFor(queue, (d) => d.loading === false);
    const card = (queue.data.items as Array<{ caseId: string; green: boolean; clocks: Array<{ name: string }> }>).find((i) => i.caseId === created.caseId);
    expect(card).toMatchObject({ green: true, clocks: [{ name: 'decision' }] });

    // 按期统计: each named clock counted by itself.
    h(queue).onTab?.({ currentTarget: { dataset: { value: 'stats' } } });
    await waitFor(queue, (d) => (d.tallies as unknown[]).length > 0);
    expect((queue.data.tallies as Array<{ name: string }>).map((t) => t.name)).toEqual(['decision', 'promise', 'dispatch', 'materials', 'objection']);

    const detail = renderPage('pages/legal-aid/detail/index', {}, { caseId: created.caseId });
    await waitFor(detail, (d) => d.loading === false);
    expect((detail.data.buttons as Array<{ type: string }>).map((b) => b.type)).toEqual(['requestMaterials', 'grant', 'refuse']);
    h(detail).onStep?.({ currentTarget: { dataset: { type: 'grant' } } });
    tap(detail.querySelector('#send') ?? undefined);
    await waitFor(detail, (d) => (d.aid as { status: string }).status === 'granted');

    // 指派: the lawyer comes from the 法律援助机构 itself or a 律所 offering legal aid, never a village or a station.
    h(detail).onStep?.({ currentTarget: { dataset: { type: 'dispatch' } } });
    await waitFor(detail, (d) => (d.unitLabels as unknown[]).length > 0);
    const labels = detail.data.unitLabels as string[];
    expect(labels[0]).toBe('青禾县公共法律服务中心（本机构）');
    expect(labels).toContain('青禾正源律师事务所（律师事务所）');
    expect(labels.filter((l) => /村|社区|工作站|工作室/.test(l))).toEqual([]);
    expect(detail.querySelector('#unit')).toBeTruthy();
    h(detail).onUnit?.({ detail: { value: labels.indexOf('青禾正源律师事务所（律师事务所）') } });
    h(detail).onLawyer?.({ detail: { value: '郭正律师' } });
    tap(detail.querySelector('#send') ?? undefined);
    await waitFor(detail, (d) => (d.aid as { status: string }).status === 'dispatched');
    expect(detail.data.aid).toMatchObject({ lawyer: '郭正律师', lawyerUnit: '青禾正源律师事务所' });

    setPersona('page-elder');
    const mine = renderPage('pages/legal-aid/detail/index', {}, { caseId: created.caseId });
    await waitFor(mine, (d) => d.loading === false);
    expect(mine.data.aid).toMatchObject({ statusLabel: '已指派律师', homeVisit: true, lawyerUnit: '青禾正源律师事务所' });
    // The applicant decides nothing; they may only ask for another lawyer (Art 55).
    expect((mine.data.buttons as Array<{ type: string }>).map((b) => b.type)).toEqual(['requestLawyerChange']);
  });

  it('a village advisor is shown no decision on an application in their village', async () => {
    const created = await callAs<{ caseId: string }>('page-villager', 'legalAid', 'submit', application({ applicantName: '顾二', phone: '13700005555', opponent: '某厂', facts: '工资拖欠' }));
    setPersona('demo-advisor');
    const page = renderPage('pages/legal-aid/detail/index', {}, { caseId: created.caseId });
    await waitFor(page, (d) => d.loading === false);
    expect(page.data.aid).toMatchObject({ status: 'atStation' });
    expect(page.data.buttons).toEqual([]);
  });

  it('after closing, the 受援人 rates the lawyer’s work on the application page, and the post finds it under 待回访', async () => {
    const abused = application({
      answers: { local: true, noTestGround: 'abuseVictim', ageBand: 'adult', groups: ['women'], inHospital: false },
      applicantName: '冯小兰',
      phone: '13700006666',
      matter: 'support',
      opponent: '丈夫',
      facts: '被打后要求离婚和抚养费',
      route: 'noTest',
      orgId: null,
    });
    const created = await callAs<{ caseId: string }>('page-rater', 'legalAid', 'submit', abused);
    const step = (command: Record<string, unknown>) => callAs('demo-staff', 'legalAid', 'act', { caseId: created.caseId, command });
    await step({ type: 'grant' });
    await step({ type: 'dispatch', lawyer: { name: '郭正律师', openid: null, unit: '青禾正源律师事务所' } });
    await step({ type: 'close', report: '调解离婚，抚养费每月八百元' });

    setPersona('page-rater');
    const mine = renderPage('pages/legal-aid/detail/index', {}, { caseId: created.caseId });
    await waitFor(mine, (d) => d.loading === false);
    expect((mine.data.buttons as Array<{ type: string }>).map((b) => b.type)).toEqual(['rate']);
    h(mine).onStep?.({ currentTarget: { dataset: { type: 'rate' } } });
    expect((mine.data.open as { choices: Array<{ label: string }> }).choices.map((c) => c.label)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    h(mine).onChoice?.({ currentTarget: { dataset: { value: '4' } } });
    tap(mine.querySelector('#send') ?? undefined);
    await waitFor(mine, (d) => d.ratingLabel === '满意');
    expect(mine.data.buttons).toEqual([]);

    setPersona('demo-staff');
    const queue = renderPage('admin/legal-aid/queue/index');
    await waitFor(queue, (d) => d.loading === false);
    h(queue).onTab?.({ currentTarget: { dataset: { value: 'returnVisits' } } });
    await waitFor(queue, (d) => d.loading === false && d.which === 'returnVisits');
    expect((queue.data.items as Array<{ caseId: string }>).map((i) => i.caseId)).toContain(created.caseId);
  });
});

/** What the self-check leaves on the phone for the application. */
function wxStorage(answers: Record<string, unknown>): void {
  wx.setStorageSync('legalAid.answers', answers);
}

describe('法律援助设置 (settings)', () => {
  it('an administrator picks who holds the legal-aid post and the standard, and saves them', async () => {
    setPersona('demo-admin');
    const page = renderPage('admin/legal-aid/settings/index');
    await waitFor(page, (d) => d.loading === false);
    const supervisor = (page.data.aid as Array<{ value: string; label: string; on: boolean }>).find((c) => c.value === 'demo-supervisor');
    expect(supervisor).toMatchObject({ on: false });
    h(page).onToggle?.({ currentTarget: { dataset: { key: 'aidPosts', value: 'demo-supervisor' } } });
    h(page).onField?.({ detail: { value: '1500' }, currentTarget: { dataset: { field: 'income' } } });
    // The 司法局's unit, among the units taking complaints: the seeded 司法局 is chosen; tapping the center moves it there.
    const units = page.querySelectorAll('.chip--unit');
    expect(units.map((u) => [u.dom?.textContent?.trim(), u.dom?.className.includes('chip--on')])).toEqual([
      ['青禾县公共法律服务中心', false],
      ['青禾县司法局', true],
    ]);
    units[0]?.dispatchEvent('tap');
    await simulate.sleep(10);
    expect(page.querySelectorAll('.chip--unit').map((u) => u.dom?.className.includes('chip--on'))).toEqual([true, false]);
    tap(page.querySelector('#save') ?? undefined);
    await waitFor(page, () => shown.toasts.length > 0);
    const saved = await callAs<{ settings: { aidPosts: string[]; standard: { monthlyIncomePerHead: number }; bureauOrgId: string | null } }>('demo-admin', 'legalAid', 'settings', {});
    expect(saved.settings.aidPosts).toEqual(expect.arrayContaining(['demo-staff', 'demo-supervisor']));
    expect(saved.settings.standard.monthlyIncomePerHead).toBe(1500);
    expect(saved.settings.bureauOrgId).toBe('qh-center');
    await callAs('demo-admin', 'legalAid', 'saveSettings', SETTINGS);
  });

  it('tells staff plainly that the settings are the administrator’s', async () => {
    setPersona('demo-staff');
    const page = renderPage('admin/legal-aid/settings/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.data).toMatchObject({ failed: true, failText: '法律援助设置由管理员修改' });
  });
});
