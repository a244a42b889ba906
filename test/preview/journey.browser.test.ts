/**
 * The web preview (/preview/) in Chromium: the built mini-program's pages on exparser, driven as a
 * person would — by visible text, roles and ids — against this file's own seeded devcloud.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { currentPage, DESKTOP_VIEWPORT, ensureMiniprogramBuilt, openPreview, previewProblems, switchPersona, tap as press } from '../../devcloud/preview/driver';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { describeInBrowser, launchChromium } from '../support/browser';

jest.setTimeout(60000);

describeInBrowser('web preview in Chromium', (exe) => {
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
    // Fail where the journey breaks rather than at jest's timeout.
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

  it('renders 首页 with the demo county’s data within 5 s', async () => {
    const started = Date.now();
    await openPreview(page, cloud.url, { persona: 'demo-resident' });
    await currentPage(page).getByText('身份：群众').waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(page.locator('[data-testid="nav-title"]').innerText()).resolves.toBe('乡法通');
    // The custom tab bar: a resident sees no 管理.
    const tabs = currentPage(page).getByRole('tab');
    await expect(tabs.allInnerTexts()).resolves.toEqual(['首页', '办事进度', '消息', '我的']);
  });

  it('opens 服务网点 and a unit’s 公示栏 from the directory, and comes back', async () => {
    await currentPage(page).getByRole('button', { name: '查找服务网点' }).click();
    await currentPage(page).getByText('青石镇公共法律服务工作站').first().click();
    await currentPage(page).getByText('监督电话').first().waitFor();
    await page.getByTestId('nav-back').click();
    await page.getByTestId('nav-back').click();
    await currentPage(page).getByText('身份：群众').waitFor();
  });

  it('switches persona from the chrome and relaunches on 首页', async () => {
    await switchPersona(page, 'demo-staff');
    await currentPage(page).getByText(/身份：.*工作人员/).waitFor();
  });

  describe('a mediation request from the village to a resolved case', () => {
    let code = '';
    // press (driver's tap): scroll to the target, let scrolling end, then tap, as a thumb would.
    const tap = (name: string | RegExp) => press(currentPage(page).getByRole('button', { name }));
    const choose = (name: string) => press(currentPage(page).getByRole('radio', { name, exact: true }));
    const openCaseFrom = async (persona: string, queue: string) => {
      await switchPersona(page, persona);
      // A worker's 管理 tab shows on the tab pages opened after whoami (the bar reads a remembered flag).
      await currentPage(page).getByRole('tab', { name: '我的' }).click();
      await currentPage(page).getByRole('tab', { name: '管理' }).click();
      await tap(/工作台/);
      // 工作台 ignores a queue tapped while its first list is still loading (as it would on a phone).
      await currentPage(page).getByText('正在加载…').waitFor({ state: 'hidden' });
      await currentPage(page).getByRole('tab', { name: new RegExp(`^${queue}`) }).click();
      await currentPage(page).getByText(code).click();
      await expect(page.getByTestId('nav-title').innerText()).resolves.toBe('办理详情');
    };
    const command = async (label: string, fill: () => Promise<void> = async () => undefined) => {
      await tap(label);
      await fill();
      await tap(`确定${label}`);
      await page.getByTestId('toast').getByText(`已${label}`).waitFor();
    };

    it('a resident submits it with 我要办事 and follows it under 办事进度', async () => {
      await switchPersona(page, 'demo-resident');
      await tap(/我要办事/);
      const form = currentPage(page);
      await form.getByRole('radio', { name: '人民调解' }).click();
      await expect(form.getByRole('radio', { name: '人民调解' }).getAttribute('aria-checked')).resolves.toBe('true');
      await form.getByPlaceholder('例如：邻居占了我家宅基地，协商不成').fill('邻居在我家宅基地上堆柴，协商不成');
      await form.getByPlaceholder('申请人姓名').fill('张大爷');
      await form.getByPlaceholder('能联系到申请人的电话').fill('13800000000');
      await tap('提交');
      const toast = await page.getByTestId('toast').innerText();
      code = /编号(\w+)/.exec(toast)?.[1] ?? '';
      expect(code).toMatch(/^TJ\d{12}$/);
      // Right after submitting, from a tap: may WeChat tell the progress? 允许 is recorded by devcloud.
      await tap('有进展时通知我');
      await page.getByTestId('subscribe').getByText('caseProgress').waitFor();
      await page.getByTestId('subscribe-confirm').click();
      // redirectTo: the form is gone, the case page took its place above 首页.
      await currentPage(page).getByText('邻居在我家宅基地上堆柴，协商不成').waitFor();
      await expect(page.getByTestId('nav-title').innerText()).resolves.toBe('办理详情');
      // Both halves of the consent: WeChat's (devcloud's messenger) and notify's ledger.
      expect(cloud.messenger.consentsOf('demo-resident').caseProgress).toBe(1);
      expect((await cloud.api('demo-resident').notify.settings({})).templates.find((t) => t.name === 'caseProgress')).toMatchObject({ credits: 1, on: true });
      await page.getByTestId('nav-back').click();
      await currentPage(page).getByRole('tab', { name: '办事进度' }).click();
      await currentPage(page).getByText(`编号 ${code}`).click();
      await currentPage(page).getByText('已受理').first().waitFor();
    });

    it('center staff triage it to 青石镇 from 工作台 and transfer it to 东坡村', async () => {
      await openCaseFrom('demo-staff', '待分流');
      // Units come as a tree: the center, its stations, a station's villages when opened.
      await command('分流', () => choose('青石镇公共法律服务工作站'));
      await currentPage(page).getByText('转到青石镇公共法律服务工作站办理').waitFor();
      // The status line says where it went, not the 已受理 it kept.
      await currentPage(page).getByText('已分流到青石镇公共法律服务工作站').waitFor();
      await command('转办', async () => {
        // The case's own station opens with its villages; found by typing works as well.
        await currentPage(page).getByPlaceholder('输入名称查找，如：东坡村').fill('东坡');
        await choose('东坡村公共法律服务工作室');
        // The form's one text box besides the picker's search.
        await currentPage(page).locator('wx-input input:not([placeholder^="输入名称查找"])').fill('东坡村法律顾问驻点，便于调解');
      });
      await currentPage(page).getByText('转给东坡村公共法律服务工作室').waitFor();
      await currentPage(page).getByText('已转办到东坡村公共法律服务工作室，等对方接收').waitFor();
    });

    it('the village advisor accepts the transfer, records the handover and resolves it', async () => {
      await openCaseFrom('demo-advisor', '待接收转办');
      await tap('接收转办');
      await page.getByTestId('toast').getByText('已接收转办').waitFor();
      await command('登记材料', async () => {
        await choose('材料移交');
        await currentPage(page).locator('wx-textarea textarea').fill('宅基地使用证复印件、现场照片×3');
        await currentPage(page).locator('wx-input input').fill('东坡村调委会');
      });
      await command('办结', () => currentPage(page).locator('wx-textarea textarea').fill('双方达成调解协议，柴堆三日内清走'));
      await currentPage(page).getByText('双方达成调解协议，柴堆三日内清走').first().waitFor();
    });

    it('the resident sees every step on the case timeline', async () => {
      await switchPersona(page, 'demo-resident');
      await currentPage(page).getByRole('tab', { name: '办事进度' }).click();
      await currentPage(page).getByText(`编号 ${code}`).click();
      const timeline = currentPage(page);
      for (const step of ['已受理', '已分流', '转交其他单位办理', '接收单位已签收', '材料移交', '已办结']) await timeline.getByText(step, { exact: true }).first().waitFor();
      await timeline.getByRole('button', { name: '评价' }).waitFor();
    });

    it('the resident finds the office’s steps in 消息, counted unread on the tab, and opens the case from there', async () => {
      await page.getByTestId('nav-back').click();
      await currentPage(page).getByRole('tab', { name: /^消息/ }).click();
      await expect(page.getByTestId('nav-title').innerText()).resolves.toBe('消息');
      const inbox = currentPage(page);
      await inbox.getByText(/\d+ 条未读/).waitFor();
      // The tab bar's badge now carries the count the inbox answered.
      await inbox.getByRole('link', { name: /已办结，请评价/ }).first().waitFor();
      await page.locator('#phone').getByRole('tab', { name: /^消息，\d+条未读$/ }).first().waitFor();
      await inbox.getByRole('link', { name: /已办结，请评价/ }).first().click();
      await expect(page.getByTestId('nav-title').innerText()).resolves.toBe('办理详情');
      await currentPage(page).getByText('双方达成调解协议，柴堆三日内清走').first().waitFor();
    });
  });
  it('on a rural link, a resident submits with two photos in one tap while they upload, seeing the percent', async () => {
    await switchPersona(page, 'demo-resident');
    await currentPage(page).getByRole('button', { name: /我要办事/ }).click();
    const form = currentPage(page);
    await form.getByRole('radio', { name: '法律咨询' }).click();
    await form.getByPlaceholder('例如：邻居占了我家宅基地，协商不成').fill('借条上的钱要不回来');
    await form.getByPlaceholder('申请人姓名').fill('孙大山');
    await form.getByPlaceholder('能联系到申请人的电话').fill('13512340000');
    // Two small photos of noise (PNG does not shrink them): about 60 KB each, a second or so apiece at 400 kbps.
    const photos = await page.evaluate(() =>
      [1, 2].map(() => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 120;
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
        const img = ctx.createImageData(120, 120);
        for (let i = 0; i < img.data.length; i += 1) img.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
        ctx.putImageData(img, 0, 0);
        return canvas.toDataURL('image/png').split(',')[1] as string;
      }),
    );
    // Every toast the phone shows, so a refused tap ("照片还在上传") cannot pass unseen.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seenToasts: string[] }).seenToasts = []);
      new MutationObserver(() => document.querySelectorAll('[data-testid="toast"]').forEach((t) => seen.push(t.textContent ?? ''))).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const rural = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
    await cdp.send('Network.emulateNetworkConditions', rural);
    try {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.locator('[class*="t-upload__add"]').first().click()]);
      await chooser.setFiles(photos.map((b64, i) => ({ name: `photo${i + 1}.png`, mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') })));
      // The percent on a tile, then 提交 tapped while the photos still travel: taken, counting up, not refused.
      await form.locator('[class*="t-upload__progress-text"]').getByText(/^\d+%$/).first().waitFor();
      await form.getByRole('button', { name: '提交' }).click();
      await form.getByRole('button', { name: /正在上传 \d+%/ }).waitFor();
      await page.getByTestId('toast').getByText(/已受理，编号/).waitFor({ timeout: 30000 });
    } finally {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.detach();
    }
    const toasts = await page.evaluate(() => (window as unknown as { seenToasts: string[] }).seenToasts);
    expect(toasts.filter((t) => /上传/.test(t))).toEqual([]);
    const code = /编号(\w+)/.exec(await page.getByTestId('toast').innerText())?.[1] ?? '';
    const resident = cloud.api('demo-resident');
    const mine = (await resident.case.mine({})).cases.find((c) => c.code === code);
    const detail = await resident.case.get({ caseId: mine?.id ?? '' });
    expect(detail.timeline[0]?.files.map((f) => f.name)).toEqual(['照片1', '照片2']);
    await form.getByRole('button', { name: '不用了，查看办理进度' }).click();
  });
});
