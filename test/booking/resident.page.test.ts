import { formatShanghai } from '../../core';
import { renderPage, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 预约 and 我的预约 against the shared devcloud on its own clock (other page files run at the same
 * time, so this one never moves it): 幸福村 opens every day of the week with no minimum notice; no
 * other page test books there. A resident picks the service, the place, the day and the time,
 * confirms, sees the check-in code, finds it in 我的预约 and cancels it.
 */

const UNIT = 'xl-xingfu';
const UNIT_NAME = '幸福村公共法律服务工作室';
const today = formatShanghai(new Date(), 'YYYY-MM-DD');
const me = `resident-page-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

beforeAll(async () => {
  await callAs('seed-staff-xl', 'booking', 'saveSchedule', {
    orgId: UNIT,
    sessions: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '08:00', to: '12:00' })),
    slotMinutes: 30,
    capacity: 2,
    services: ['consultation', 'mediation'],
    horizonDays: 14,
    leadMinutes: 0,
    active: true,
  });
}, 30000);

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona(me);
});

const text = (page: RenderedPage) => (page.dom?.textContent ?? '').replace(/\s+/g, ' ');
const byText = (page: RenderedPage, selector: string, label: string) => {
  const el = page.querySelectorAll(selector).find((c) => (c.dom?.textContent ?? '').replace(/\s+/g, '').startsWith(label));
  if (!el) throw new Error(`no ${selector} ${label} in: ${text(page)}`);
  return el;
};
/** A tap on one of the page's own views (TDesign stubs take `tap`). */
const press = (el: ReturnType<RenderedPage['querySelectorAll']>[number] | undefined) => {
  if (!el) throw new Error('nothing to press');
  el.dispatchEvent('tap');
};
const input = (page: RenderedPage, field: string, value: string) =>
  (page.instance as unknown as { onField(e: object): void }).onField({ currentTarget: { dataset: { field } }, detail: { value } });

describe('预约 (a resident books a time)', () => {
  it('goes service → place → day → time → who, and answers with the check-in code', async () => {
    const page = renderPage('pages/booking/new/index');
    // Opening from 首页 makes no call: the services are known to the app.
    expect(shown.functionCalls).toEqual([]);
    expect(page.querySelectorAll('.choice').map((c) => c.dom?.textContent?.trim())).toContain('法律咨询');
    expect(text(page)).not.toContain('法治宣传');

    press(byText(page, '.choice', '法律咨询'));
    await waitFor(page, (d) => d.step === 'place' && d.loading === false);
    expect(shown.functionCalls).toEqual(['booking.places']);
    press(byText(page, '.place', UNIT_NAME));
    await waitFor(page, (d) => d.step === 'day' && d.loading === false);
    const days = page.data.days as Array<{ day: string }>;
    const day = days.find((d) => d.day > today)?.day;
    expect(day).toBeDefined();
    (page.instance as unknown as { onDay(e: object): void }).onDay({ currentTarget: { dataset: { day } } });
    await waitFor(page, (d) => d.step === 'time');
    expect(text(page)).toContain('还剩 2 个');
    press(byText(page, '.choice', '09:00-09:30'));
    await waitFor(page, (d) => d.step === 'confirm');
    input(page, 'name', '赵大妈');
    input(page, 'phone', '13911112222');
    press(byText(page, '.choice', '老年人'));

    (page.instance as unknown as { onConfirm(): Promise<void> }).onConfirm();
    await waitFor(page, (d) => d.step === 'done');
    const done = page.data.done as { code: string; where: string };
    expect(done.code).toMatch(/^\d{6}$/);
    expect(done.where).toBe(UNIT_NAME);
    expect(text(page)).toContain('预约成功');
    expect(shown.functionCalls).toEqual(['booking.places', 'booking.listSlots', 'booking.book']);
  });

  it('opens from a unit’s 公示栏 at that unit’s services, with one call', async () => {
    const page = renderPage('pages/booking/new/index', {}, { orgId: UNIT });
    await waitFor(page, (d) => d.loading === false && d.step === 'service');
    expect(shown.functionCalls).toEqual(['booking.listSlots']);
    expect(page.querySelectorAll('.choice').map((c) => c.dom?.textContent?.trim())).toEqual(['法律咨询', '人民调解']);
    press(byText(page, '.choice', '人民调解'));
    await waitFor(page, (d) => d.step === 'day');
    expect(shown.functionCalls).toEqual(['booking.listSlots']);
  });
});

describe('我的预约', () => {
  it('shows the booking with its code, and cancels it after asking', async () => {
    const page = renderPage('pages/booking/mine/index');
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['booking.myBookings']);
    const cards = page.data.upcoming as Array<{ id: string; code: string; where: string; canCancel: boolean; canReschedule: boolean }>;
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ where: UNIT_NAME, canCancel: true, canReschedule: true });
    expect(text(page)).toContain(cards[0]!.code);

    const saved = wxMock.showModal;
    wxMock.showModal = (opts: { title?: string; success?: (res: { confirm: boolean }) => void }) => {
      shown.modals.push({ title: opts.title });
      opts.success?.({ confirm: true });
    };
    try {
      tap(page.querySelector('.cancel'));
      await waitFor(page, (d) => (d.upcoming as unknown[]).length === 0 && d.busy === false);
    } finally {
      wxMock.showModal = saved;
    }
    expect(shown.modals[0]?.title).toBe('取消这个预约？');
    expect((page.data.past as Array<{ status: string }>)[0]?.status).toBe('已取消');
    expect(text(page)).toContain('现在没有要去的预约');
  });
});

describe('a booking made by a 代办, claimed in 我的预约', () => {
  it('finds it by the code and the applicant’s phone', async () => {
    const day = (await callAs<{ days: Array<{ day: string }> }>('demo-resident', 'booking', 'listSlots', { orgId: UNIT })).days.find((d) => d.day > today)!.day;
    const made = await callAs<{ code: string }>(`cadre-${me}`, 'booking', 'book', {
      orgId: UNIT,
      day,
      time: '10:00',
      service: 'mediation',
      applicant: { name: '孙奶奶', phone: '13922223333' },
      proxy: { name: '村主任老周', phone: '13922224444', relation: '村干部' },
    });
    setPersona(`sun-${me}`);
    const page = renderPage('pages/booking/mine/index');
    await waitFor(page, (d) => d.loading === false);
    input(page, 'claimCode', made.code);
    input(page, 'claimPhone', '13922223333');
    await (page.instance as unknown as { onClaim(): Promise<void> }).onClaim();
    expect(shown.functionCalls).toEqual(['booking.myBookings', 'booking.claim']);
    expect((page.data.upcoming as Array<{ who: string }>)[0]?.who).toBe('孙奶奶（村干部村主任老周代办）');
  });
});

describe('上门服务', () => {
  it('asks a unit when none is known, and sends a qualifying request as a case', async () => {
    const nowhere = renderPage('pages/booking/home-visit/index');
    expect(shown.functionCalls).toEqual([]);
    expect(text(nowhere)).toContain('请先在服务网点里找到您所在的村');

    // 河口村 (柳河乡): 杏林镇's figures belong to the 统计 page test, and a home visit opens a case.
    const page = renderPage('pages/booking/home-visit/index', {}, { orgId: 'lh-hekou' });
    for (const [field, value] of [
      ['name', '钱大爷'],
      ['phone', '13911113333'],
      ['age', '78'],
      ['address', '河口村二组5号'],
      ['preferredTimes', '上午'],
      ['summary', '想立遗嘱'],
    ]) input(page, field as string, value as string);
    await (page.instance as unknown as { onSubmit(): Promise<void> }).onSubmit();
    expect(shown.functionCalls).toEqual(['booking.requestHomeVisit']);
    expect((page.data.done as { code: string }).code).toMatch(/^[A-Z]{2}\d{12}$/);
    expect(text(page)).toContain('工作人员会打电话约上门时间');
  });
});
