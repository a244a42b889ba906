/**
 * npm run screenshots: a PNG of every page in app.json (main package and subpackages) for each
 * persona it is meant for, written to docs/screenshots/<persona>/<page>.png, so a change of design
 * shows in review. Builds for local mode, starts an in-memory devcloud with the demo county and
 * one real case (so the case page and 工作台 have something to show), and photographs the web
 * preview in Debian's Chromium at the phone's size. Time is fixed (devcloud's clock and the
 * browser's), so an unchanged page gives the same picture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allPages, type AppJson } from '../devcloud/preview/bundle';
import { openPreview, PHONE_VIEWPORT, previewProblems } from '../devcloud/preview/driver';
import { startDevcloud } from '../devcloud/server';
import { findChromium, launchChromium } from '../test/support/browser';
import { buildAll, MP_DIST, optionsFromArgv, ROOT } from './build';
import { seedDemoGroups } from './seed/groups';
import { httpCaller, seedDemoCounty } from './seed/seed';

export const SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');
/** A weekday morning in Beijing: codes, deadlines and timelines read the same on every run. */
const FIXED_TIME = new Date('2026-03-02T09:30:00+08:00');

export const ELDER_SUFFIX = '-elder';

/** Who each page is photographed for: residents never open 管理 or the admin subpackage. */
export const SCREENSHOT_PERSONAS: Array<{ openid: string; pages: (page: string) => boolean }> = [
  { openid: 'demo-resident', pages: (p) => !p.startsWith('admin/') && p !== 'pages/manage/index' },
  // The same resident pages in 长辈模式 (a `-elder` persona is its openid with elder mode on).
  { openid: `demo-resident${ELDER_SUFFIX}`, pages: (p) => !p.startsWith('admin/') && p !== 'pages/manage/index' },
  { openid: 'demo-staff', pages: () => true },
  { openid: 'demo-advisor', pages: (p) => p.startsWith('admin/') || p === 'pages/case/detail/index' || p === 'pages/home/index' },
  // The pages only a lead sees filled in: staff are shown the refusal.
  { openid: 'demo-supervisor', pages: (p) => p === 'admin/identity/audit/index' || p === 'admin/notify/alerts/index' || p === 'admin/evaluation/visits/index' },
];

export function screenshotFile(openid: string, page: string): string {
  return path.join(SCREENSHOT_DIR, openid, `${page.replace(/\//g, '-')}.png`);
}

async function call<T>(url: string, fn: string, action: string, payload: unknown, openid: string): Promise<T> {
  const res = await fetch(`${url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-devcloud-openid': openid },
    body: JSON.stringify({ action, payload, requestId: `shot-${action}-${Date.now().toString(36)}` }),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { code: string } };
  if (!body.ok) throw new Error(`${fn}.${action} as ${openid}: ${body.error?.code}`);
  return body.data;
}

async function main(): Promise<void> {
  const exe = findChromium();
  if (!exe) throw new Error('no Chromium: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)');
  const started = Date.now();
  await buildAll(optionsFromArgv(process.argv.slice(2)));
  const cloud = await startDevcloud({});
  const browser = await launchChromium(exe);
  try {
    cloud.clock.set(FIXED_TIME);
    await seedDemoCounty(httpCaller(cloud.url));
    await seedDemoGroups(httpCaller(cloud.url));
    // One case, triaged to a township and passed on to a village: on the resident's pages, in the
    // center's queues, and waiting for the village advisor to accept it.
    const created = await call<{ id: string }>(
      cloud.url,
      'case',
      'submit',
      { category: 'mediation', summary: '邻居在我家宅基地上堆柴，协商不成', applicant: { name: '张大爷', phone: '13800000000' }, priorityGroups: ['elderly'], attachments: [] },
      'demo-resident',
    );
    await call(cloud.url, 'case', 'act', { caseId: created.id, command: { type: 'triage', orgId: 'qs-station', note: '属青石镇' } }, 'demo-staff');
    await call(cloud.url, 'case', 'act', { caseId: created.id, command: { type: 'transfer', toOrgId: 'qs-dongpo', reason: '东坡村法律顾问驻点，便于调解' } }, 'demo-staff');
    // One legal-aid application, a domestic-violence victim's straight to the center (no economic test).
    const aid = await call<{ caseId: string }>(
      cloud.url,
      'legalAid',
      'submit',
      {
        answers: { local: true, noTestGround: 'abuseVictim', ageBand: 'adult', groups: ['women'], inHospital: false },
        applicantKind: 'self',
        applicantName: '孙丽',
        phone: '13800000000',
        representativeName: null,
        representativeRelation: null,
        helper: null,
        matter: 'support',
        opponent: '丈夫',
        facts: '长期被丈夫打骂，要求离婚并给付抚养费',
        urgent: false,
        route: 'noTest',
        household: null,
        promise: null,
        preferredLawyer: null,
        orgId: null,
        attachments: [],
      },
      'demo-resident',
    );
    const query: Record<string, string> = {
      'pages/case/detail/index': `caseId=${created.id}`,
      'pages/group/index/index': 'groupId=qs-dongpo',
      'pages/org/detail/index': 'orgId=qs-station',
      'pages/legal-aid/detail/index': `caseId=${aid.caseId}`,
      'pages/guide/entry/index': 'service=notary',
      'pages/guide/place/index': 'providerId=qh-notary',
    };

    const app = JSON.parse(fs.readFileSync(path.join(MP_DIST, 'app.json'), 'utf8')) as AppJson;
    // SCREENSHOT_ONLY=<page>[,<page>]: just those pages, the others' pictures left as they are.
    const only = (process.env.SCREENSHOT_ONLY ?? '').split(',').filter(Boolean);
    if (only.length === 0 && !process.env.SCREENSHOT_PERSONA) fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
    let count = 0;
    let bytes = 0;
    // SCREENSHOT_PERSONA=<openid>[,<openid>]: just those personas' pictures.
    const personas = (process.env.SCREENSHOT_PERSONA ?? '').split(',').filter(Boolean);
    for (const persona of SCREENSHOT_PERSONAS.filter((p) => personas.length === 0 || personas.includes(p.openid))) {
      const elder = persona.openid.endsWith(ELDER_SUFFIX);
      const openid = elder ? persona.openid.slice(0, -ELDER_SUFFIX.length) : persona.openid;
      const context = await browser.newContext({ viewport: PHONE_VIEWPORT, deviceScaleFactor: 1 });
      await context.clock.setFixedTime(FIXED_TIME);
      for (const page of allPages(app).filter((p) => persona.pages(p) && (only.length === 0 || only.includes(p)))) {
        const tab = await context.newPage();
        const q = query[page];
        await openPreview(tab, cloud.url, { persona: openid, route: `/${page}${q ? `?${q}` : ''}`, elder });
        // Every call the page made has come back and drawn.
        await tab.waitForLoadState('networkidle');
        await tab.locator('#phone').getByText('正在加载…').waitFor({ state: 'hidden' });
        await tab.waitForTimeout(150);
        const problems = await previewProblems(tab);
        if (problems.length > 0) throw new Error(`${page} as ${persona.openid}: ${problems.join('; ')}`);
        const file = screenshotFile(persona.openid, page);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await tab.screenshot({ path: file });
        bytes += fs.statSync(file).size;
        count += 1;
        await tab.close();
      }
      await context.close();
    }
    console.log(`${count} screenshots (${Math.round(bytes / 1024)} KB) in ${path.relative(ROOT, SCREENSHOT_DIR)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await browser.close();
    await cloud.close();
  }
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
