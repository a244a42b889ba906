/**
 * Driving the preview from playwright, shared by the browser tests and `npm run screenshots`:
 * open it as a persona, wait until the app is up, and reach the phone's pages.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { PHONE_HEIGHT, PHONE_WIDTH } from './shell';

const ROOT = path.resolve(__dirname, '..', '..');
export const PHONE_VIEWPORT = { width: PHONE_WIDTH, height: PHONE_HEIGHT };
/** Wide enough for the chrome (persona switcher) beside the phone. */
export const DESKTOP_VIEWPORT = { width: 720, height: PHONE_HEIGHT + 40 };

/** The preview runs the built mini-program; `npm test` builds it first, a lone test run may not have. */
export function ensureMiniprogramBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'dist', 'miniprogram', 'app.json'))) return;
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building the mini-program failed:\n${run.stderr || run.stdout}`);
}

export interface OpenOptions {
  persona?: string;
  /** A page with its query, e.g. `/pages/case/detail/index?caseId=…`; default the app's first page. */
  route?: string;
  /** 长辈模式 on or off for this tab; default: on when XFT_ELDER=1 (npm test runs the journeys so). */
  elder?: boolean;
}

/** Storage keys as the preview's wx shim keeps them in localStorage. */
export const STORAGE_PREFIX = 'xft-preview:';

export async function openPreview(page: Page, baseUrl: string, opts: OpenOptions = {}): Promise<void> {
  if (opts.persona) {
    await page.addInitScript(
      ([key, value]) => {
        // Only before the first load: a test that switches persona later must not be undone on reload.
        if (sessionStorage.getItem('xft-preview-seeded') === null) {
          localStorage.setItem(key as string, JSON.stringify({ v: value }));
          sessionStorage.setItem('xft-preview-seeded', '1');
        }
      },
      [`${STORAGE_PREFIX}devcloud.persona`, opts.persona],
    );
  }
  // XFT_ELDER=1 runs the journeys in 长辈模式 (the app's `xft.elder` choice, as 我的's switch keeps it).
  const elder = opts.elder ?? process.env.XFT_ELDER === '1';
  if (elder || opts.elder === false) {
    await page.addInitScript(
      ([key, on]) => localStorage.setItem(key as string, JSON.stringify({ v: on ? 'on' : 'off' })),
      [`${STORAGE_PREFIX}xft.elder`, elder] as const,
    );
  }
  // When anything in the phone last scrolled: tap() waits for scrolling to end.
  await page.addInitScript(() => document.addEventListener('scroll', () => ((window as unknown as { lastScroll: number }).lastScroll = Date.now()), true));
  await page.goto(`${baseUrl}/preview/${opts.route ? `#${opts.route}` : ''}`);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 15000 });
}

/**
 * A tap as a thumb makes it. A tap that starts within 150 ms of a scroll is no tap (j-component, as
 * WeChat), and in 长辈模式 the larger type pushes buttons below the fold (typing in a box scrolls too),
 * so playwright's scroll-then-click is dropped: scroll to the target, wait until nothing has scrolled
 * for 200 ms, then tap. Needs a page opened with openPreview (it records the last scroll).
 */
export async function tap(target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await target.page().waitForFunction(() => Date.now() - ((window as unknown as { lastScroll?: number }).lastScroll ?? 0) > 200);
  await target.click();
}

/** The phone, where every page, dialog and toast is drawn. */
export function phone(page: Page): Locator {
  return page.locator('#phone');
}

/** The page on top of the stack (others stay in the DOM, hidden, as WeChat keeps them alive). */
export function currentPage(page: Page): Locator {
  return page.locator('#phone .px-page:not([hidden])');
}

/** What the preview could not do: the red banner's lines (empty when all went well). */
export async function previewProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __preview?: { problems(): string[] } }).__preview?.problems() ?? []);
}

export async function switchPersona(page: Page, openid: string): Promise<void> {
  await page.locator('#persona').selectOption(openid);
  await page.locator('body[data-route]').waitFor();
}
