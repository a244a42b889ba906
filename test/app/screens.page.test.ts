import fs from 'node:fs';
import path from 'node:path';
import { renderPage, simulate } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';
import { application } from '../support/legal-aid';

/*
 * How many cloud function calls each screen makes to open: every call is a billed invocation and
 * a round trip on a village's weak network. The counts go to bench/tmp/ for `npm run bench`; the
 * test holds each screen to its budget and every app.json page to having one.
 */

const APP = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'miniprogram', 'app.json'), 'utf8')) as {
  pages: string[];
  subpackages: Array<{ root: string; pages: string[] }>;
};
const ALL_PAGES = [...APP.pages, ...APP.subpackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];

interface Screen {
  persona: string;
  properties?: () => Record<string, unknown>;
}

let caseId = '';
let aidCaseId = '';
const SCREENS: Record<string, Screen> = {
  'pages/home/index': { persona: 'demo-resident' },
  'pages/case/list/index': { persona: 'demo-resident' },
  'pages/mine/index': { persona: 'demo-resident' },
  'pages/manage/index': { persona: 'demo-staff' },
  'pages/case/apply/index': { persona: 'demo-resident' },
  'pages/case/detail/index': { persona: 'demo-resident', properties: () => ({ caseId }) },
  'pages/org/list/index': { persona: 'demo-resident' },
  'pages/org/detail/index': { persona: 'demo-resident', properties: () => ({ orgId: 'qs-dongpo' }) },
  'pages/booking/new/index': { persona: 'demo-resident' },
  'pages/booking/mine/index': { persona: 'demo-resident' },
  'pages/booking/home-visit/index': { persona: 'demo-resident', properties: () => ({ orgId: 'qs-dongpo' }) },
  'pages/notify/inbox/index': { persona: 'demo-resident' },
  'pages/notify/settings/index': { persona: 'demo-resident' },
  'pages/legal-aid/check/index': { persona: 'demo-resident' },
  'pages/legal-aid/apply/index': { persona: 'demo-resident' },
  'pages/legal-aid/detail/index': { persona: 'demo-resident', properties: () => ({ caseId: aidCaseId }) },
  'admin/legal-aid/queue/index': { persona: 'demo-staff' },
  'admin/legal-aid/settings/index': { persona: 'demo-admin' },
  'pages/privacy/index': { persona: 'demo-resident' },
  'pages/evaluation/survey/index': { persona: 'demo-resident' },
  'pages/group/list/index': { persona: 'demo-resident' },
  'pages/group/index/index': { persona: 'demo-advisor', properties: () => ({ groupId: 'qs-dongpo' }) },
  'admin/group/workspace/index': { persona: 'demo-advisor' },
  'admin/case/workbench/index': { persona: 'demo-staff' },
  'admin/case/register/index': { persona: 'demo-staff' },
  'admin/case/ledger/index': { persona: 'demo-staff' },
  'admin/stats/index': { persona: 'demo-staff' },
  'admin/booking/appointments/index': { persona: 'demo-staff' },
  'admin/booking/schedule/index': { persona: 'demo-staff' },
  'admin/identity/audit/index': { persona: 'demo-supervisor' },
  'admin/identity/invites/index': { persona: 'demo-admin' },
  'admin/identity/members/index': { persona: 'demo-supervisor' },
  'admin/org/units/index': { persona: 'demo-admin' },
  'admin/org/edit/index': { persona: 'demo-admin', properties: () => ({ unitId: 'qs-dongpo' }) },
  'admin/calendar/index': { persona: 'demo-admin' },
  'pages/guide/list/index': { persona: 'demo-resident' },
  'pages/guide/entry/index': { persona: 'demo-resident', properties: () => ({ service: 'notary' }) },
  'pages/guide/map/index': { persona: 'demo-resident' },
  'pages/guide/place/index': { persona: 'demo-resident', properties: () => ({ providerId: 'qh-notary' }) },
  'admin/guide/edit/index': { persona: 'demo-staff' },
  'admin/guide/providers/index': { persona: 'demo-staff' },
  'admin/evaluation/visits/index': { persona: 'demo-supervisor' },
  'admin/notify/alerts/index': { persona: 'demo-supervisor' },
};

/** Settled: nothing travelling and nothing new sent for a while (a page may chain a second call). */
async function settle(): Promise<void> {
  let quietSince = Date.now();
  let seen = shown.functionCalls.length;
  const until = Date.now() + 8000;
  while (Date.now() < until) {
    await simulate.sleep(20);
    if (shown.inFlight > 0 || shown.functionCalls.length !== seen) {
      seen = shown.functionCalls.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince > 200) {
      return;
    }
  }
  throw new Error('the page never stopped calling');
}

const counts: Record<string, string[]> = {};

beforeAll(async () => {
  caseId = (await callAs<{ id: string }>('demo-resident', 'case', 'submit', { category: 'consultation', summary: '数一数打开页面调用几次', applicant: { name: '测试', phone: '13800000000' } })).id;
  const aid = application({
    answers: { local: true, noTestGround: 'abuseVictim', ageBand: 'adult', groups: [], inHospital: false },
    applicantName: '测试',
    phone: '13800000000',
    matter: 'support',
    opponent: '某人',
    facts: '数一数打开页面调用几次',
    route: 'noTest',
    orgId: null,
  });
  aidCaseId = (await callAs<{ caseId: string }>('demo-resident', 'legalAid', 'submit', aid)).caseId;
});

afterAll(() => {
  const dir = path.resolve(__dirname, '..', '..', 'bench', 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'screen-calls.json'), JSON.stringify(counts, null, 2));
});

it('has a screen budget for every page in app.json', () => {
  expect(Object.keys(SCREENS).sort()).toEqual([...ALL_PAGES].sort());
});

// Each page leaves as WeChat would take it away: a page that polls (the village group) stops, so its
// next poll is not counted against the page opened after it.
let opened: ReturnType<typeof renderPage> | null = null;
afterEach(() => {
  (opened as unknown as { detach(): void } | null)?.detach();
  opened = null;
});

describe.each(Object.entries(SCREENS))('%s', (page, screen) => {
  it('opens with at most one function call', async () => {
    resetShown();
    clearStorage();
    setPersona(screen.persona);
    const comp = renderPage(page, {}, screen.properties?.() ?? {});
    opened = comp;
    // WeChat shows a page right after attaching it; whatever show() loads counts too.
    // (simulate has triggerPageLifeTime; its typings do not list it.)
    (comp as unknown as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime('show');
    await settle();
    counts[page] = [...shown.functionCalls];
    // Opened for real: a page whose one call failed, or that never called, is no success.
    expect(comp.data.failed ?? false).toBe(false);
    expect(comp.data.loading ?? false).toBe(false);
    expect(shown.toasts).toEqual([]);
    expect(shown.functionCalls.length).toBeLessThanOrEqual(1);
  });
});
