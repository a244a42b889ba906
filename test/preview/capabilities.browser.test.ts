/**
 * What the preview's wx shim does beyond calls: photos picked from disk and uploaded to devcloud
 * storage, a handwritten signature drawn with the mouse and uploaded as a PNG, the native pickers,
 * scanning by pasting a code, phone calls, the subscribe prompt recorded by devcloud, and the red
 * banner for an API the shim lacks.
 */
import type { Browser, Page } from 'playwright-core';
import { currentPage, DESKTOP_VIEWPORT, ensureMiniprogramBuilt, openPreview, previewProblems, tap } from '../../devcloud/preview/driver';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { describeInBrowser, launchChromium } from '../support/browser';

jest.setTimeout(60000);

async function until(done: () => boolean, timeoutMs = 8000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !done(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) throw new Error('timed out waiting');
  }
}

const PHOTO = { name: 'receipt.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64') };

describeInBrowser('web preview: devices and dialogs', (exe) => {
  let cloud: TestCloud;
  let browser: Browser;
  const stored: Array<{ path: string; bytes: Buffer }> = [];
  let code = '';

  beforeAll(async () => {
    ensureMiniprogramBuilt();
    [cloud, browser] = await Promise.all([startTestCloud({ seed: true }), launchChromium(exe)]);
    const put = cloud.storage.put.bind(cloud.storage);
    jest.spyOn(cloud.storage, 'put').mockImplementation((path: string, bytes: Buffer) => {
      stored.push({ path, bytes });
      put(path, bytes);
    });
    const created = await cloud.data<{ code: string }>('case', 'submit', { category: 'consultation', summary: '承包地流转合同怎么签', applicant: { name: '李婶', phone: '13900000000' }, priorityGroups: [], attachments: [] }, { openid: 'demo-elder', requestId: 'cap-seed-1' });
    code = created.code;
  }, 60000);
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });

  async function open(persona: string, route?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await openPreview(page, cloud.url, { persona, route });
    return page;
  }

  it('registers a walk-in with a photo, the pickers and a handwritten signature, all uploaded', async () => {
    const page = await open('demo-staff', '/admin/case/register/index');
    const form = currentPage(page);
    await tap(form.getByText('人民调解', { exact: true }));
    await form.getByPlaceholder('来访人要办的事，简要写清楚').fill('土地承包合同纠纷，来窗口咨询');
    await form.getByPlaceholder('来访人姓名').fill('王大叔');
    await form.getByPlaceholder('手机或座机').fill('13700000000');

    // <picker mode="time">: a sheet with a time field. Its row, not the group's title of the same words.
    await tap(form.getByRole('button', { name: /^来访时间/ }));
    await page.getByTestId('picker-input').fill('09:30');
    await page.getByTestId('picker-confirm').click();
    await form.getByText('09:30', { exact: true }).waitFor();

    // t-upload → wx.chooseMedia → a file input the test fills, then a multipart upload to devcloud.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(form.locator('[class*="t-upload__add"]').first())]);
    await chooser.setFiles(PHOTO);
    await until(() => stored.some((s) => s.bytes.equals(PHOTO.buffer)));

    // The signature pad: canvas 2d, touches made from the mouse with x/y on the canvas.
    const canvas = form.locator('wx-canvas canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no signature canvas');
    await page.mouse.move(box.x + 20, box.y + 30);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 15, box.y + 30 + (i % 2) * 25);
    await page.mouse.up();
    await form.getByText('已签名', { exact: true }).waitFor();

    await tap(form.getByRole('button', { name: '登记', exact: true }));
    await page.getByTestId('toast').getByText(/已登记，编号/).waitFor();
    await expect(page.getByTestId('nav-title').innerText()).resolves.toBe('办理详情');
    // The signature went up as a PNG drawn on the canvas (not blank: the strokes are there).
    const png = stored.find((s) => !s.bytes.equals(PHOTO.buffer) && s.bytes.subarray(1, 4).toString() === 'PNG');
    expect(png?.bytes.length).toBeGreaterThan(500);
    expect(await previewProblems(page)).toEqual([]);
  });

  it('finds a case by a pasted code (扫码), and calls the applicant', async () => {
    const page = await open('demo-staff', '/admin/case/workbench/index');
    await tap(currentPage(page).getByRole('button', { name: '扫码查找' }));
    await page.getByTestId('scan-code-input').fill(code.toLowerCase());
    await page.getByTestId('scan-code-confirm').click();
    await currentPage(page).getByText('承包地流转合同怎么签').waitFor();
    await tap(currentPage(page).getByRole('button', { name: '打电话' }).first());
    await page.getByTestId('phone-call').getByText(/139/).waitFor();
    await page.getByTestId('phone-call-cancel').click();
    expect(await previewProblems(page)).toEqual([]);
  });

  it('records the consent the person gives in the subscribe prompt', async () => {
    const page = await open('demo-resident');
    const answer = page.evaluate(() => (window as unknown as { wx: { requestSubscribeMessage(o: object): Promise<unknown> } }).wx.requestSubscribeMessage({ tmplIds: ['caseProgress'] }));
    await page.getByTestId('subscribe').getByText('caseProgress').waitFor();
    await page.getByTestId('subscribe-confirm').click();
    await expect(answer).resolves.toMatchObject({ caseProgress: 'accept', errMsg: 'requestSubscribeMessage:ok' });
    expect(cloud.messenger.consentsOf('demo-resident')).toEqual({ caseProgress: 1 });
  });

  it('says so in a red banner when a page calls an API the preview lacks', async () => {
    const page = await open('demo-resident');
    const thrown = await page.evaluate(() => {
      try {
        (window as unknown as { wx: { chooseAddress(o: object): void } }).wx.chooseAddress({});
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    });
    expect(thrown).toContain('wx.chooseAddress');
    await page.getByTestId('preview-error').getByText('wx.chooseAddress 在预览里没有实现').waitFor();
  });
});
