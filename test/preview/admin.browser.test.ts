/**
 * K1 in the web preview: the county's admin onboards a new advisor and keeps the county's facts —
 * invite, redemption by the advisor on her own phone, a village's 公示栏 edited, 2027's holidays
 * entered — and the workers' warning about the missing year goes away.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { currentPage, DESKTOP_VIEWPORT, openPreview, previewProblems, switchPersona, tap } from '../../devcloud/preview/driver';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { describeInBrowser, launchChromium } from '../support/browser';

jest.setTimeout(60000);

const ROOT = path.resolve(__dirname, '..', '..');
/** A build from before the admin pages would not have them: build when the newest page is missing. */
function ensureAdminPagesBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'dist', 'miniprogram', 'admin', 'calendar', 'index.js'))) return;
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building the mini-program failed:\n${run.stderr || run.stdout}`);
}

const WARNING = '2027年节假日安排还没有录入';

describeInBrowser('the admin stands a county up in the web preview', (exe) => {
  let cloud: TestCloud;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let code = '';
  const errors: string[] = [];

  async function phoneFor(persona: string): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => errors.push(e.message));
    await openPreview(page, cloud.url, { persona });
    return page;
  }
  const button = (page: Page, name: string | RegExp) => currentPage(page).getByRole('button', { name });
  // Every tap through the driver's tap: it lets a scroll end first (a tap within 150 ms of one is no tap).
  const press = (page: Page, name: string | RegExp) => tap(button(page, name));
  const openManage = async (page: Page, entry: RegExp) => {
    await currentPage(page).getByRole('tab', { name: '我的' }).click();
    await currentPage(page).getByRole('tab', { name: '管理' }).click();
    await press(page, entry);
  };

  beforeAll(async () => {
    ensureAdminPagesBuilt();
    [cloud, browser] = await Promise.all([startTestCloud({ seed: true }), launchChromium(exe)]);
    admin = await phoneFor('demo-admin');
  }, 120000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await cloud?.close();
  });
  afterEach(async () => {
    expect(await previewProblems(admin)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('warns a worker on 首页 that 2027 is missing', async () => {
    await switchPersona(admin, 'demo-staff');
    await currentPage(admin).getByText(WARNING).waitFor();
    await switchPersona(admin, 'demo-admin');
  });

  it('the admin creates an advisor invite for 东坡村 from 管理 → 邀请码', async () => {
    await openManage(admin, /^邀请码/);
    await currentPage(admin).getByText('正在加载…').waitFor({ state: 'hidden' });
    // Units come as a tree with search (components/unit-picker): 东坡村 is found by typing.
    await currentPage(admin).getByPlaceholder('输入名称查找，如：东坡村').fill('东坡');
    const dongpo = currentPage(admin).getByRole('radio', { name: '东坡村公共法律服务工作室', exact: true });
    await tap(dongpo);
    await currentPage(admin).getByText('已选：东坡村公共法律服务工作室').waitFor();
    await currentPage(admin).getByPlaceholder('被邀请人的姓名，方便辨认').fill('新来的王律师');
    await press(admin, '生成邀请码');
    await currentPage(admin).getByText('新邀请码').waitFor();
    code = (await currentPage(admin).getByText(/^[A-Z2-9]{8}$/).first().innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await currentPage(admin).getByText('东坡村公共法律服务工作室的法律顾问').first().waitFor();
    // Shown to copy, and first in the list of codes nobody has used yet.
    await expect(currentPage(admin).getByText(code, { exact: true }).count()).resolves.toBe(2);
  });

  it('the new advisor redeems it on her own phone under 我的', async () => {
    const advisor = await phoneFor('k1-new-advisor');
    await currentPage(advisor).getByRole('tab', { name: '我的' }).click();
    const mine = currentPage(advisor);
    // The invite-code row is folded at the bottom of 我的: open it as she would.
    await tap(mine.getByRole('button', { name: '工作人员、法律顾问加入' }));
    await mine.getByPlaceholder('8位字母或数字').fill(code);
    await mine.getByPlaceholder('您的真实姓名').fill('王律师');
    // 我的's own profile asks for a phone too, above: the invite's is the last box.
    await mine.getByPlaceholder('11位手机号').last().fill('13700005555');
    await tap(currentPage(advisor).getByRole('button', { name: '加入', exact: true }));
    await currentPage(advisor).getByText('身份：法律顾问', { exact: true }).waitFor();
    const { org, advisors } = await cloud.api('anyone').org.get({ id: 'qs-dongpo' });
    expect(org.id).toBe('qs-dongpo');
    expect(advisors.map((a) => a.displayName)).toContain('王律师');
    expect(await previewProblems(advisor)).toEqual([]);
  });

  it('the admin edits 东坡村’s 公示栏 from 管理 → 单位和公示栏', async () => {
    await admin.getByTestId('nav-back').click();
    await press(admin, /^单位和公示栏/);
    await press(admin, '修改东坡村公共法律服务工作室');
    const form = currentPage(admin);
    await form.getByPlaceholder('例如：每周二 9:00-12:00').fill('每周二、周四 9:00-12:00');
    await press(admin, '保存');
    await admin.getByTestId('toast').getByText('已保存').waitFor();
    const { org } = await cloud.api('anyone').org.get({ id: 'qs-dongpo' });
    expect(org.notice.officeHours).toBe('每周二、周四 9:00-12:00');
  });

  it('the admin enters 2027’s holidays with their source, and the workers’ warning disappears', async () => {
    // Saving went back to the list of units; one more step back is 管理.
    await admin.getByTestId('nav-back').click();
    await press(admin, /^节假日安排/);
    const form = currentPage(admin);
    await form.getByText('2027年的节假日安排还没有录入').waitFor();
    await form.getByPlaceholder('通知名称或文号').fill('国务院办公厅关于2027年部分节假日安排的通知（测试用）');
    await form.getByPlaceholder('放假日期，每行一个').fill('2027-01-01\n2027-02-06\n2027-02-07\n2027-02-08');
    await form.getByPlaceholder('调休上班日期，每行一个').fill('2027-02-20');
    // The button sits below the fold: press scrolls to it and lets the scroll end.
    await press(admin, '保存2027年安排');
    await admin.getByTestId('toast').getByText('2027年已保存').waitFor();
    await form.getByText(/2027年：5天，依据 国务院办公厅关于2027年部分节假日安排的通知/).waitFor();
    // A warm function instance rereads the calendar within a minute: let that minute pass on devcloud's clock.
    cloud.clock.set(new Date(Date.now() + 61_000));
    await switchPersona(admin, 'demo-staff');
    await currentPage(admin).getByText(/身份：.*工作人员/).waitFor();
    await expect(currentPage(admin).getByText(WARNING).count()).resolves.toBe(0);
  });
});
