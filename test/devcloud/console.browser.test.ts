import type { Browser, Page } from 'playwright-core';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { describeInBrowser, launchChromium } from '../support/browser';

describeInBrowser('devcloud console in Chromium', (exe) => {
  let cloud: TestCloud;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    cloud = await startTestCloud();
    await cloud.data('identity', 'whoami', {}, { openid: 'demo-admin' });
    await cloud.call('identity', 'whoami', {}); // an unauthenticated call shows as a failure
    browser = await launchChromium(exe);
    page = await browser.newPage();
  }, 30000);
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });

  it('lists the declared collections and opens one', async () => {
    await page.goto(`${cloud.url}/`);
    await page.getByRole('button', { name: /^idempotency/ }).click();
    await page.getByText('这个集合还没有文档').waitFor();
    await page.getByRole('button', { name: /^members/ }).waitFor();
  });

  it('shows function calls with their outcome and cold/warm start', async () => {
    await page.getByRole('tab', { name: '函数调用' }).click();
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('whoami');
    expect(text).toContain('UNAUTHENTICATED');
    expect(text).toMatch(/冷启动 \d+ ms/);
    expect(text).toContain('demo-admin');
  });

  it('shows recorded subscribe messages with WeChat’s verdict', async () => {
    await fetch(`${cloud.url}/devcloud/openapi/subscribeMessage.send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: 'demo-elder', templateId: 'surveyInvite', data: {} }),
    });
    await page.getByRole('tab', { name: '订阅消息' }).click();
    await page.getByText('47003', { exact: false }).waitFor({ timeout: 5000 });
    expect(await page.locator('main').innerText()).toContain('demo-elder');
  });
});
