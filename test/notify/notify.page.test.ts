import http from 'node:http';
import { renderPage, tap, waitFor } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown, storageValue } from '../support/page-setup';

/*
 * 消息 and 通知设置 rendered from devcloud's data, and the consent request right after 我要办事
 * submits. The shared devcloud's clock is never moved here: the timer runs at today's time, when a
 * one-working-day consultation is already due soon, so the unit's staff are told.
 */

type Templates = { templates: Array<{ name: string; credits: number; on: boolean }> };
const asked: string[][] = [];
const g = globalThis as unknown as { wx: Record<string, unknown> };

beforeAll(() => {
  // What WeChat's dialog answers when the person taps 允许 for progress and declines the rating invitation.
  g.wx.requestSubscribeMessage = (opts: { tmplIds: string[]; success?: (r: unknown) => void }) => {
    asked.push(opts.tmplIds);
    const res = { errMsg: 'requestSubscribeMessage:ok', caseProgress: 'accept', surveyInvite: 'reject' };
    opts.success?.(res);
    return Promise.resolve(res);
  };
});
beforeEach(() => {
  resetShown();
  clearStorage();
  asked.length = 0;
});

/** POST /trigger/timer, as the platform's timer would fire it (this environment has no fetch). */
function fireTimer(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${process.env.DEVCLOUD_URL}/trigger/timer`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`timer answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('我要办事 asks for WeChat notices right after submitting', () => {
  it('asks for progress and the rating invitation from the tap, records the answers and opens the case', async () => {
    setPersona('page-notify-applicant');
    const page = renderPage('pages/case/apply/index');
    const h = page.instance as unknown as { onCategory(e: object): void; onField(e: object): void };
    h.onCategory({ currentTarget: { dataset: { value: 'consultation' } } });
    h.onField({ detail: { value: '邻居的树挡了我家的光' }, currentTarget: { dataset: { field: 'summary' } } });
    h.onField({ detail: { value: '周大娘' }, currentTarget: { dataset: { field: 'name' } } });
    h.onField({ detail: { value: '13512345000' }, currentTarget: { dataset: { field: 'phone' } } });
    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, (d) => d.submitted !== null);
    expect(page.querySelector('#notify-me')).toBeTruthy();
    expect(shown.navigations).toEqual([]);

    tap(page.querySelector('#notify-me') ?? undefined);
    await waitFor(page, () => shown.navigations.length > 0);
    expect(asked).toEqual([['caseProgress', 'surveyInvite']]);
    expect(shown.navigations[0]).toMatch(/^\/pages\/case\/detail\/index\?caseId=/);
    const { templates } = await callAs<Templates>('page-notify-applicant', 'notify', 'settings', {});
    expect(templates.find((t) => t.name === 'caseProgress')).toMatchObject({ credits: 1, on: true });
    expect(templates.find((t) => t.name === 'surveyInvite')).toMatchObject({ credits: 0, on: false });
  });
});

describe('消息', () => {
  it('shows the unit staff’s notice of a case due soon, opens its case and counts it read', async () => {
    const { code } = await callAs<{ id: string; code: string }>('page-notify-villager', 'case', 'submit', {
      category: 'consultation',
      summary: '请问土地流转合同怎么签',
      applicant: { name: '钱大伯', phone: '13512345001' },
    });
    await fireTimer();
    setPersona('demo-staff');
    const page = renderPage('pages/notify/inbox/index');
    await waitFor(page, (d) => (d.entries as unknown[]).length > 0);
    const entries = page.data.entries as Array<{ id: string; body: string; read: boolean; page: string; title: string }>;
    const mine = entries.find((e) => e.body.includes(code));
    expect(mine).toMatchObject({ title: '工单即将到期', read: false, page: expect.stringMatching(/^\/pages\/case\/detail\/index\?caseId=/) });
    const unread = page.data.unread as number;
    expect(unread).toBeGreaterThan(0);
    expect(storageValue('notify.unread')).toBe(unread);
    expect(shown.functionCalls).toEqual(['notify.inbox']);

    expect(page.querySelectorAll('.entry--unread').length).toBe(entries.filter((e) => !e.read).length);
    // The entry is a plain view: its tap handler, with the entry's dataset.
    void (page.instance as unknown as { onOpen(e: object): Promise<void> }).onOpen({ currentTarget: { dataset: { id: mine?.id, page: mine?.page } } });
    await waitFor(page, () => shown.navigations.length > 0 && storageValue('notify.unread') === unread - 1);
    expect(shown.navigations[0]).toBe(mine?.page);
  });

  it('shows which notices are on in 通知设置 and renews consent from its button', async () => {
    setPersona('page-notify-settings');
    const page = renderPage('pages/notify/settings/index');
    await waitFor(page, (d) => (d.rows as unknown[]).length > 0);
    expect((page.data.rows as Array<{ name: string; on: boolean }>).map((r) => r.name)).toEqual(['caseProgress', 'bookingReminder', 'surveyInvite']);
    tap(page.querySelector('#renew') ?? undefined);
    await waitFor(page, (d) => (d.rows as Array<{ name: string; on: boolean }>).some((r) => r.on));
    expect(asked).toEqual([['caseProgress', 'bookingReminder', 'surveyInvite']]);
    expect((page.data.rows as Array<{ name: string; state: string }>).find((r) => r.name === 'caseProgress')?.state).toBe('还能通知 1 次');
  });

  it('offers a worker the 待办 notice first', async () => {
    setPersona('page-notify-worker');
    wx.setStorageSync('me.worker', true);
    const page = renderPage('pages/notify/settings/index');
    await waitFor(page, (d) => (d.rows as unknown[]).length > 0);
    expect((page.data.rows as Array<{ name: string }>).map((r) => r.name)).toEqual(['caseProgress', 'bookingReminder', 'surveyInvite', 'workNotice']);
    tap(page.querySelector('#renew') ?? undefined);
    await waitFor(page, () => asked.length > 0);
    expect(asked[0]).toEqual(['workNotice', 'caseProgress', 'bookingReminder']);
  });
});
