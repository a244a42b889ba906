/**
 * The village advisor group in the web preview: a resident joins 东坡村's group with the code on the
 * village's notice board, asks, and after the advisor answers from her desk (待解答) sees the answer
 * and the question marked answered.
 */
import type { Browser, Page } from 'playwright-core';
import { currentPage, DESKTOP_VIEWPORT, ensureMiniprogramBuilt, openPreview, previewProblems, switchPersona, tap as press } from '../../devcloud/preview/driver';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { describeInBrowser, launchChromium } from '../support/browser';

jest.setTimeout(60000);

describeInBrowser('village advisor group in the web preview', (exe) => {
  let cloud: TestCloud;
  let browser: Browser;
  let page: Page;
  let joinCode = '';
  const errors: string[] = [];
  // press (driver's tap) lets a scroll end first: in 长辈模式 buttons sit below the fold.
  const tap = (name: string | RegExp) => press(currentPage(page).getByRole('button', { name }).first());
  const QUESTION = '邻居把路堵了不让过，我能怎么办？';
  const ANSWER = '先请村调委会调解；堵路影响通行的，可以请求排除妨碍。';

  beforeAll(async () => {
    ensureMiniprogramBuilt();
    [cloud, browser] = await Promise.all([startTestCloud({ seed: true }), launchChromium(exe)]);
    // The code the advisor posts on the village's notice board.
    joinCode = (await cloud.api('demo-advisor').group.open({ groupId: 'qs-dongpo' })).joinCode as string;
    const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => errors.push(e.message));
  }, 60000);
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });
  afterEach(async () => {
    expect(await previewProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a resident joins the village group by its code and asks', async () => {
    await openPreview(page, cloud.url, { persona: 'demo-resident' });
    await currentPage(page).getByText('身份：群众').waitFor();
    await tap(/村法律顾问群/);
    await currentPage(page).getByText('加入本村的法律顾问群').waitFor();
    await currentPage(page).getByPlaceholder('6位，例如 K7M2QX').fill(joinCode);
    await currentPage(page).getByPlaceholder('例如：李大姐').fill('李大姐');
    await tap('加入村群');
    await currentPage(page).getByText('我的身份：村民').waitFor();
    await expect(page.getByTestId('nav-title').innerText()).resolves.toBe('东坡村法律顾问群');
    await currentPage(page).locator('wx-textarea textarea').first().fill(QUESTION);
    await tap('提问，法律顾问会答复');
    await currentPage(page).getByText(QUESTION).waitFor();
    await currentPage(page).getByText('提问·待解答').waitFor();
  });

  it('the advisor answers it from 待解答, across her villages', async () => {
    await switchPersona(page, 'demo-advisor');
    await tap(/村法律顾问群/);
    await tap('待解答的问题，所有村');
    await currentPage(page).getByText(QUESTION).waitFor();
    await tap('解答这个问题');
    await currentPage(page).locator('wx-textarea textarea').first().fill(ANSWER);
    await tap('发送解答');
    await currentPage(page).getByText('所有问题都答复了').waitFor();
  });

  it('the resident sees the answer and the question answered', async () => {
    await switchPersona(page, 'demo-resident');
    await tap(/村法律顾问群/);
    await press(currentPage(page).getByRole('link', { name: /^东坡村法律顾问群，村民/ }));
    await currentPage(page).getByText(ANSWER).waitFor();
    await currentPage(page).getByText('提问·已解答').waitFor();
  });
});
