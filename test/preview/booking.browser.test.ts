/**
 * 预约 in the web preview (Chromium), as people tap it: a resident books a time at 东坡村 from 首页,
 * sees it in 我的预约 and cancels it; books again; on the day the center's staff check them in by
 * the code, and the case that opens is in the 服务台账. devcloud's clock and the browser's are
 * fixed: Monday 2 March 2026 for booking, Tuesday morning for the visit.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { currentPage, DESKTOP_VIEWPORT, ensureMiniprogramBuilt, openPreview, previewProblems, switchPersona } from '../../devcloud/preview/driver';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { describeInBrowser, launchChromium } from '../support/browser';

jest.setTimeout(90000);

const MONDAY = new Date('2026-03-02T09:30:00+08:00');
const TUESDAY = new Date('2026-03-03T09:40:00+08:00');
const UNIT = '东坡村公共法律服务工作室';

describeInBrowser('预约 in the web preview', (exe) => {
  let cloud: TestCloud;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const setTime = async (at: Date) => {
    await fetch(`${cloud.url}/devcloud/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: at.toISOString() }) });
    await context.clock.setFixedTime(at);
  };
  const here = () => currentPage(page);

  beforeAll(async () => {
    ensureMiniprogramBuilt();
    [cloud, browser] = await Promise.all([startTestCloud({ seed: true }), launchChromium(exe)]);
    context = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => errors.push(e.message));
    await setTime(MONDAY);
    // 东坡村: the advisor is in on Tuesday mornings, two people a half hour.
    await cloud.api('seed-staff-qs').booking.saveSchedule({
      orgId: 'qs-dongpo',
      sessions: [{ weekday: 2, from: '09:00', to: '11:00' }],
      slotMinutes: 30,
      capacity: 2,
      services: ['consultation', 'mediation'],
      horizonDays: 14,
      leadMinutes: 0,
      active: true,
    });
  }, 90000);
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });
  afterEach(async () => {
    expect(await previewProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  /** From 首页 to 预约成功 at 东坡村 on Tuesday at `time`; answers the check-in code shown. */
  async function bookFromHome(time: string): Promise<string> {
    await here().getByRole('button', { name: '预约，约个时间去办事' }).click();
    await here().getByRole('radio', { name: '法律咨询' }).click();
    await here().getByRole('button', { name: UNIT }).click();
    await here().getByRole('radio', { name: /3月3日 周二/ }).click();
    await here().getByRole('radio', { name: new RegExp(`^${time}`) }).click();
    await here().getByPlaceholder('来办事的人').fill('赵大妈');
    await here().getByPlaceholder('能联系到的电话').fill('13911112222');
    await here().getByRole('button', { name: '确认预约' }).click();
    // From the same tap: may WeChat remind them? 允许 is recorded by devcloud and by notify.
    await page.getByTestId('subscribe').getByText('bookingReminder').waitFor();
    await page.getByTestId('subscribe-confirm').click();
    await here().getByText('预约成功').waitFor();
    return (await here().getByText(/^\d{6}$/).first().innerText()).trim();
  }

  it('books from 首页, finds it in 我的预约 and cancels it', async () => {
    await openPreview(page, cloud.url, { persona: 'demo-resident' });
    await here().getByText('身份：群众').waitFor();
    const code = await bookFromHome('09:00');
    expect(code).toMatch(/^\d{6}$/);
    expect(cloud.messenger.consentsOf('demo-resident').bookingReminder).toBe(1);
    await here().getByRole('button', { name: '查看我的预约' }).click();
    await here().getByText(code).waitFor();
    await expect(here().getByText(UNIT).first().isVisible()).resolves.toBe(true);
    await here().getByRole('button', { name: '取消预约' }).click();
    await page.getByTestId('modal').getByRole('button', { name: '取消预约' }).click();
    await here().getByText('现在没有要去的预约').waitFor();
    await here().getByText('已取消').waitFor();
    expect(cloud.db.find('bookings', { openid: 'demo-resident', status: 'cancelled' })).toHaveLength(1);
  });

  it('is checked in by the center’s staff on the day, and the case is in the 服务台账', async () => {
    await openPreview(page, cloud.url, { persona: 'demo-resident' });
    await page.getByTestId('nav-home').click().catch(() => undefined);
    await here().getByText('身份：群众').waitFor();
    const code = await bookFromHome('09:30');

    await setTime(TUESDAY);
    await switchPersona(page, 'demo-staff');
    // 管理 → 工作台 → 预约名单, as staff open it.
    await here().getByRole('tab', { name: '我的' }).click();
    await here().getByRole('tab', { name: '管理' }).click();
    await here().getByRole('button', { name: /工作台/ }).click();
    await here().getByRole('button', { name: '预约名单' }).click();
    await here().getByRole('radio', { name: UNIT }).click();
    // Coming at 09:30; the 09:00 she cancelled is listed apart.
    await here().getByText('赵大妈').first().waitFor();
    await here().getByPlaceholder('输入签到码').fill(code);
    await here().getByRole('button', { name: '签到' }).first().click();
    await here().getByText('已签到，查看工单').waitFor();
    const [booking] = cloud.db.find('bookings', { status: 'attended' }) as Array<{ caseId: string }>;
    expect(booking?.caseId).toBeTruthy();
    const [opened] = cloud.db.find('cases', { _id: booking!.caseId }) as Array<{ code: string; orgId: string }>;
    expect(opened?.orgId).toBe('qs-dongpo');

    await page.getByTestId('nav-back').click();
    await here().getByRole('button', { name: '服务台账' }).click();
    await here().getByRole('button', { name: '查询台账' }).click();
    await here().getByText(opened!.code).first().waitFor();
    await here().getByText(/赵大妈/).first().waitFor();
  });
});
