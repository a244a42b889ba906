import { renderPage, waitFor } from '../support/page';
import { clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 消息发送问题 (admin/notify/alerts): what WeChat refused for our data or setup, for leads to fix.
 * The alert is stored as the delivery job stores one (cloudfunctions/notify/deliver.ts) on a 47003.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS package without ESM typings
const tcb = require('@cloudbase/node-sdk') as { init(o: object): { database(): { collection(n: string): { add(doc: object): Promise<unknown> } } } };

beforeAll(async () => {
  const db = tcb.init({ env: 'devcloud', serviceUrl: `${process.env.DEVCLOUD_URL}/admin`, secretId: 'devcloud', secretKey: 'devcloud' }).database();
  await db.collection('notify_alerts').add({
    at: new Date('2026-11-30T02:05:00Z'),
    errcode: 47003,
    errmsg: 'argument invalid! data.thing2.value: too long',
    template: 'caseProgress',
    event: 'case.resolved',
    outboxId: 'alerts-page-test',
  });
});

beforeEach(() => {
  resetShown();
  clearStorage();
});

describe('消息发送问题', () => {
  it('opens with one call and shows a 47003 in plain words, with when and which message', async () => {
    setPersona('demo-supervisor');
    const page = renderPage('admin/notify/alerts/index');
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['notify.alerts']);
    const row = (page.data.alerts as Array<{ code: string; when: string; meaning: string; event: string }>).find((a) => a.when === '2026-11-30 10:05');
    expect(row).toMatchObject({ code: '47003', event: 'case.resolved' });
    const text = page.dom?.textContent ?? '';
    expect(text).toContain('错误码 47003');
    expect(text).toContain('消息内容不符合模板格式');
  });

  it('tells staff it is for leads, with nothing to retry', async () => {
    setPersona('demo-staff');
    const page = renderPage('admin/notify/alerts/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.data).toMatchObject({ failed: true, canRetry: false, failText: '消息发送问题只有负责人和管理员可以查看' });
    expect(page.querySelector('#retry')).toBeFalsy();
  });

  it('is opened from 管理 by a lead', async () => {
    setPersona('demo-supervisor');
    const manage = renderPage('pages/manage/index');
    // 管理 offers what the person's roles open (core STAFF_DOORS), once whoami has answered.
    await waitFor(manage, (d) => d.loading === false);
    const entry = manage.querySelector('#lead-alerts');
    expect(entry?.dom?.textContent).toContain('消息发送问题');
    entry?.dispatchEvent('tap');
    await waitFor(manage, () => shown.navigations.length > 0);
    expect(shown.navigations).toEqual(['/admin/notify/alerts/index']);
  });
});
