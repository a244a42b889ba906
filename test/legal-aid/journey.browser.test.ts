/**
 * The legal-aid journey in the web preview (Chromium): a migrant worker checks and applies from 首页,
 * the center's legal-aid post grants and dispatches from 法律援助审查, the worker sees it.
 */
import type { Browser, Page } from 'playwright-core';
import { currentPage, DESKTOP_VIEWPORT, ensureMiniprogramBuilt, openPreview, previewProblems, switchPersona } from '../../devcloud/preview/driver';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { describeInBrowser, launchChromium } from '../support/browser';

jest.setTimeout(60000);

describeInBrowser('legal aid in the web preview', (exe) => {
  let cloud: TestCloud;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const tap = (name: string | RegExp) => currentPage(page).getByRole('button', { name, exact: typeof name === 'string' }).click();
  /** Opens a page by its address as a person pasting a link would: a fresh load, whatever was open. */
  const open = async (route: string) => {
    await page.goto(`${cloud.url}/preview/#${route}`);
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
  };
  const choose = (name: string) => currentPage(page).getByRole('radio', { name, exact: true }).click();

  beforeAll(async () => {
    ensureMiniprogramBuilt();
    [cloud, browser] = await Promise.all([startTestCloud({ seed: true }), launchChromium(exe)]);
    page = await (await browser.newContext({ viewport: DESKTOP_VIEWPORT })).newPage();
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

  it('a migrant worker checks, one question a screen, and applies in five saved steps', async () => {
    await openPreview(page, cloud.url, { persona: 'demo-migrant' });
    await tap('法律援助，先看看能不能申请');
    await choose('是');
    await choose('请求确认劳动关系或者支付劳动报酬（讨薪）');
    await choose('都不是');
    await choose('18到59岁');
    await currentPage(page).getByRole('checkbox', { name: '农民工' }).click();
    await tap('下一步');
    await choose('不是');
    await choose('进城务工，讨要工资或工伤赔偿');
    await currentPage(page).getByText('您很可能可以得到法律援助').waitFor();
    await currentPage(page).getByText(/工资条/).waitFor();
    await tap('开始申请');

    const form = () => currentPage(page);
    await form().getByText('第 1 步 / 共 5 步').waitFor();
    await form().getByPlaceholder('需要法律援助的人').fill('刘建军');
    await form().getByPlaceholder('能联系到申请人的电话').fill('13700001111');
    await tap('下一步');
    await form().getByText('第 2 步 / 共 5 步').waitFor();
    await form().getByPlaceholder('对方是谁（个人或单位）').fill('青禾建筑公司');
    await form().locator('wx-textarea textarea').fill('在工地干了三个月，工钱一直没结');
    await tap('下一步');
    await form().getByText('您的情况免予核查经济困难，下一步拍照上传证明就行。').waitFor();
    expect(await form().getByText('家庭成员和经济困难申报表').count()).toBe(0);
    await tap('下一步');
    await tap('下一步');
    await tap('提交申请');
    await currentPage(page).getByText('法律援助中心审查').waitFor();
    await expect(page.getByTestId('nav-title').innerText()).resolves.toBe('法律援助申请');
    await currentPage(page).getByText('审查决定（7日）', { exact: false }).waitFor();
  });

  it('the legal-aid post finds it in 法律援助审查, grants it and dispatches a lawyer', async () => {
    await switchPersona(page, 'demo-staff');
    await open('/admin/legal-aid/queue/index');
    await currentPage(page).getByText(/刘建军/).click();
    await tap('给予法律援助');
    await tap('确定');
    await currentPage(page).getByText('决定给予援助').first().waitFor();
    await tap('指派律师');
    // Where the lawyer comes from: the agency itself first, then the 律所 offering legal aid.
    await currentPage(page).getByText('青禾县公共法律服务中心（本机构）').waitFor();
    await currentPage(page).getByPlaceholder('律师姓名').fill('林晓岚律师');
    await tap('确定');
    await currentPage(page).getByText(/承办律师：林晓岚律师/).first().waitFor();
  });

  it('the worker sees the decision and the lawyer on the application page', async () => {
    await switchPersona(page, 'demo-migrant');
    const [aid] = cloud.db.find('legal_aid', { applicantName: '刘建军' }) as Array<{ _id: string }>;
    await open(`/pages/legal-aid/detail/index?caseId=${aid?._id ?? ''}`);
    // Dispatched from the agency itself (the picker's first unit), named with the lawyer.
    await currentPage(page).getByText('已指派律师林晓岚律师（青禾县公共法律服务中心）承办').waitFor();
    await currentPage(page).getByText('决定给予法律援助').first().waitFor();
  });
});
