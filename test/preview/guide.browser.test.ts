/**
 * D2 in the web preview: a resident finds what a notarization needs in 服务指南, goes on to 服务地图
 * (pins and the list from devcloud), lets the map put the nearest first, and opens a provider's
 * 公示栏 with 咨询 / 预约 / 导航.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { currentPage, DESKTOP_VIEWPORT, ensureMiniprogramBuilt, openPreview, previewProblems } from '../../devcloud/preview/driver';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { describeInBrowser, launchChromium } from '../support/browser';

jest.setTimeout(60000);

describeInBrowser('服务指南 and 服务地图 in the web preview', (exe) => {
  let cloud: TestCloud;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureMiniprogramBuilt();
    [cloud, browser] = await Promise.all([startTestCloud({ seed: true }), launchChromium(exe)]);
    context = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => errors.push(e.message));
    await openPreview(page, cloud.url, { persona: 'demo-elder' });
  }, 120000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await cloud?.close();
  });
  afterEach(async () => {
    expect(await previewProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens 服务指南 from 首页 and reads what a notarization needs and why', async () => {
    await currentPage(page).getByRole('button', { name: /服务指南/ }).click();
    await currentPage(page).getByText('公证服务').click();
    const entry = currentPage(page);
    await entry.getByText('亲属关系证明').waitFor();
    await entry.getByText(/^为什么要：办继承、赡养、委托时/).waitFor();
    await entry.getByText('可签承诺书代替（告知承诺）').waitFor();
    await entry.getByText(/^依据：本县服务承诺/).waitFor();
  });

  it('goes on to the map: the notary places as pins and as a list', async () => {
    await currentPage(page).getByRole('button', { name: '看看去哪里办' }).click();
    const map = currentPage(page);
    await map.getByText('青禾县公证处').waitFor();
    expect(await map.locator('.px-map-pin').count()).toBeGreaterThan(0);
    await map.getByText('按乡镇列出').waitFor();
  });

  it('puts the nearest first when the resident lets it use her location', async () => {
    const map = currentPage(page);
    await map.getByRole('button', { name: '按离我最近排' }).click();
    await map.getByText('离您最近的在前面').waitFor();
    await map.getByText(/公里$/).first().waitFor();
  });

  it('opens the provider’s 公示栏 from its pin, with its licence and the way there', async () => {
    await currentPage(page).getByRole('button', { name: '青禾县公证处' }).click();
    const place = currentPage(page);
    await place.getByText('公证机构执业证 09990001').waitFor();
    await place.getByRole('button', { name: '导航过去' }).click();
    await page.getByTestId('open-location').getByText(/青禾县人民路8号/).waitFor();
    await page.getByTestId('open-location').getByRole('button', { name: '好' }).click();
  });
});
