import { addDays, formatShanghai } from '../../core';
import { renderPage, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown, storageValue } from '../support/page-setup';

/*
 * 预约名单 against the shared devcloud on its own clock (other page files run at the same time, so
 * this one never moves it): 和平社区 (served by demo-advisor, under 青石镇) opens every morning of
 * the week with no minimum notice, and three residents book the first coming day that is open.
 * No other page test books at 和平社区.
 */

const UNIT = 'qs-heping';
const UNIT_NAME = '和平社区公共法律服务工作室';
const ADVISOR_UNITS = ['东坡村公共法律服务工作室', '山下村公共法律服务工作室', UNIT_NAME];

interface Row {
  id: string;
  time: string;
  service: string;
  who: string;
  phone: string;
  note: string;
  status: string;
  reason: string;
  canCancel: boolean;
}
interface Chip {
  key: string;
  day: string;
  on: boolean;
}
interface BookingView {
  id: string;
  statusLabel: string;
  cancelReason: string | null;
}
type Handlers = { onDate(e: { detail: { value: string } }): void };

const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const today = formatShanghai(new Date(), 'YYYY-MM-DD');
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const resident = (tag: string) => `appt-page-${tag}-${stamp}`;
let day = '';
let zhangId = '';

beforeAll(async () => {
  await callAs('seed-staff-qs', 'booking', 'saveSchedule', {
    orgId: UNIT,
    sessions: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '08:00', to: '12:00' })),
    slotMinutes: 30,
    capacity: 3,
    services: ['consultation', 'mediation'],
    horizonDays: 14,
    leadMinutes: 0,
    active: true,
  });
  // The first working day after today (weekends and holidays open nothing).
  const slots = await callAs<{ days: Array<{ day: string; slots: Array<{ open: boolean }> }> }>('demo-resident', 'booking', 'listSlots', { orgId: UNIT });
  day = slots.days.find((d) => d.day > today && d.slots.every((s) => s.open))?.day ?? '';
  if (!day) throw new Error('no open day at 和平社区 in the next two weeks');
  const book = (openid: string, time: string, extra: object) =>
    callAs<BookingView>(openid, 'booking', 'book', { orgId: UNIT, day, time, service: 'consultation', ...extra });
  // Booked out of order: the list is by time.
  zhangId = (await book(resident('zhang'), '10:00', { applicant: { name: '张建国', phone: '13700001111' }, note: '带上借条' })).id;
  await book(resident('li'), '08:30', {
    service: 'mediation',
    applicant: { name: '李奶奶', phone: '13600002222' },
    proxy: { name: '李强', phone: '13600003333', relation: '孙子' },
  });
  await book(resident('wang'), '09:00', { applicant: { name: '王五', phone: '13500004444' } });
}, 30000);

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-advisor');
});

const rows = (page: RenderedPage) => page.data.rows as Row[];
const text = (page: RenderedPage) => page.dom?.textContent ?? '';
const showing = (page: RenderedPage, d: string) => waitFor(page, (data) => data.loading === false && data.shownKey === `${UNIT}|${d}`);

async function choose(page: RenderedPage, name: string): Promise<void> {
  await waitFor(page, (d) => d.loading === false && d.choosing === true);
  const choice = page.querySelectorAll('.choice').find((c) => c.dom?.textContent?.trim() === name);
  if (!choice) throw new Error(`no unit ${name} to choose`);
  choice.dispatchEvent('tap');
}

/** Opens the list at 和平社区 on the booked day, as a person picking the unit and the date does. */
async function openBookedDay(): Promise<RenderedPage> {
  const page = renderPage('admin/booking/appointments/index');
  await choose(page, UNIT_NAME);
  await showing(page, today);
  (page.instance as unknown as Handlers).onDate({ detail: { value: day } });
  await showing(page, day);
  return page;
}

/** The dialog asking why: answers as a person typing `reason` and tapping 确定取消. */
function answerDialog(reason: string): () => void {
  const saved = wxMock.showModal;
  wxMock.showModal = (opts: { title?: string; content?: string; editable?: boolean; success?: (res: { confirm: boolean; cancel: boolean; content?: string }) => void }) => {
    shown.modals.push({ title: opts.title, content: opts.content });
    if (opts.editable) opts.success?.({ confirm: true, cancel: false, content: reason });
  };
  return () => {
    wxMock.showModal = saved;
  };
}

describe('预约名单 (who is coming)', () => {
  it('first asks an advisor which of their villages, with one call, then shows today there', async () => {
    const page = renderPage('admin/booking/appointments/index');
    await waitFor(page, (d) => d.loading === false && d.choosing === true);
    expect(shown.functionCalls).toEqual(['org.list']);
    expect(page.querySelectorAll('.choice').map((c) => c.dom?.textContent?.trim())).toEqual(ADVISOR_UNITS);
    expect(page.data.failed).toBe(false);

    await choose(page, UNIT_NAME);
    await showing(page, today);
    expect(shown.functionCalls).toEqual(['org.list', 'booking.dayBookings']);
    expect(page.querySelector('.unit-bar')?.dom?.textContent).toContain(UNIT_NAME);
    expect((page.data.chips as Chip[]).find((c) => c.on)?.key).toBe('today');
    expect(storageValue('appointments.unit')).toEqual({ id: UNIT, name: UNIT_NAME });
  });

  it('lists the day by time: the service, who (代办 named), masked phone, note and status', async () => {
    const page = await openBookedDay();
    expect(rows(page).map((r) => [r.time, r.service, r.who, r.phone, r.status])).toEqual([
      ['08:30', '人民调解', '李奶奶（孙子李强代办）', '136****2222', '已预约'],
      ['09:00', '法律咨询', '王五', '135****4444', '已预约'],
      ['10:00', '法律咨询', '张建国', '137****1111', '已预约'],
    ]);
    const cards = page.querySelectorAll('.booking').map((b) => (b.dom?.textContent ?? '').replace(/\s+/g, ''));
    expect(cards[0]).toContain('08:30人民调解已预约李奶奶（孙子李强代办）电话136****2222');
    expect(cards[2]).toContain('留言：带上借条');
    expect(text(page)).toContain('3人预约');
    expect(text(page)).toMatch(/\d+月\d+日 周./);
    // Nobody's whole number reaches the office's screen.
    for (const phone of ['13700001111', '13600002222', '13600003333', '13500004444']) expect(text(page)).not.toContain(phone);
    // The advisor may cancel each (the function says so): one button per booking.
    expect(page.querySelectorAll('.booking__cancel')).toHaveLength(3);
    // The day picked by hand is marked: as 明天 when it is tomorrow, else on the date picker.
    const tomorrow = day === addDays(today, 1);
    expect(page.data).toMatchObject({ pickOn: !tomorrow, day });
    expect((page.data.chips as Chip[]).find((c) => c.on)?.key).toBe(tomorrow ? 'tomorrow' : undefined);
  });

  it('opens on the unit looked at last time with one call, and moves between days with the chips', async () => {
    const first = renderPage('admin/booking/appointments/index');
    await choose(first, UNIT_NAME);
    await showing(first, today);

    resetShown();
    const page = renderPage('admin/booking/appointments/index');
    await showing(page, today);
    expect(shown.functionCalls).toEqual(['booking.dayBookings']);
    expect(page.data.choosing).toBe(false);
    expect(page.querySelector('.unit-bar')?.dom?.textContent).toContain(UNIT_NAME);

    page.querySelectorAll('.day').find((d) => d.dom?.textContent?.trim() === '明天')?.dispatchEvent('tap');
    await showing(page, addDays(today, 1));
    expect((page.data.chips as Chip[]).find((c) => c.on)?.key).toBe('tomorrow');
    expect(page.data.pickLabel).toBe('选日期');

    // Beyond the horizon nobody can have booked.
    const far = addDays(today, 40);
    (page.instance as unknown as Handlers).onDate({ detail: { value: far } });
    await showing(page, far);
    expect(text(page)).toContain('这天没有预约');
    expect(page.data.pickLabel).toMatch(/^\d+月\d+日 周.$/);
    expect(page.querySelector('.booking')).toBeFalsy();

    // 换单位 reads the advisor's villages when asked for, the one shown marked.
    resetShown();
    page.querySelector('#switch-unit')?.dispatchEvent('tap');
    await waitFor(page, (d) => d.choosing === true && d.loading === false);
    expect(shown.functionCalls).toEqual(['org.list']);
    expect(page.querySelector('.choice--on')?.dom?.textContent?.trim()).toBe(UNIT_NAME);
  });

  it('lets the station cancel with a reason the resident reads; without one the function’s words show', async () => {
    setPersona('seed-staff-qs');
    const page = renderPage('admin/booking/appointments/index');
    await waitFor(page, (d) => d.loading === false && d.choosing === true);
    // The station first, then its villages.
    const units = page.querySelectorAll('.choice').map((c) => c.dom?.textContent?.trim());
    expect(units[0]).toBe('青石镇公共法律服务工作站');
    // The station's villages (the page tests share one devcloud: 单位和公示栏's test may have added one under 青石镇).
    expect(units.slice(1)).toEqual(expect.arrayContaining([...ADVISOR_UNITS, '柳树村公共法律服务工作室']));
    expect(units.slice(1).every((u) => u?.endsWith('工作室'))).toBe(true);
    await choose(page, UNIT_NAME);
    await showing(page, today);
    (page.instance as unknown as Handlers).onDate({ detail: { value: day } });
    await showing(page, day);
    // 张建国's 取消预约 (one button per booking still coming, in the list's order).
    const zhang = () => page.querySelectorAll('.booking__cancel')[rows(page).findIndex((r) => r.who === '张建国')];

    let restore = answerDialog('   ');
    try {
      tap(zhang());
      await waitFor(page, () => shown.toasts.length > 0);
    } finally {
      restore();
    }
    expect(shown.modals[0]?.title).toBe('取消 10:00 张建国的预约');
    expect(shown.toasts.map((t) => t.title)).toEqual(['请写明取消的原因，预约人会看到']);
    expect(rows(page).map((r) => r.who)).toContain('张建国');

    resetShown();
    restore = answerDialog('法律顾问当天出庭，请改约');
    try {
      tap(zhang());

      await waitFor(page, () => shown.toasts.length > 0);
    } finally {
      restore();
    }
    expect(shown.toasts.map((t) => t.title)).toEqual(['已取消，预约人会看到原因']);
    expect(rows(page).map((r) => r.time)).toEqual(['08:30', '09:00']);
    expect(text(page)).toContain('2人预约');
    expect(page.data.cancelled).toEqual([expect.objectContaining({ time: '10:00', who: '张建国', status: '已取消', reason: '法律顾问当天出庭，请改约', canCancel: false })]);
    const off = page.querySelector('.booking--off');
    expect(off?.dom?.textContent).toContain('取消原因：法律顾问当天出庭，请改约');
    expect(page.querySelectorAll('.booking__cancel')).toHaveLength(2);

    // The resident reads it in their own list.
    const mine = await callAs<{ bookings: BookingView[] }>(resident('zhang'), 'booking', 'myBookings', {});
    expect(mine.bookings.find((b) => b.id === zhangId)).toMatchObject({ statusLabel: '已取消', cancelReason: '法律顾问当天出庭，请改约' });

    // Opened again (on the unit remembered), the day shows the same.
    const again = renderPage('admin/booking/appointments/index');
    await showing(again, today);
    (again.instance as unknown as Handlers).onDate({ detail: { value: day } });
    await showing(again, day);
    expect(rows(again).map((r) => r.time)).toEqual(['08:30', '09:00']);
    expect((again.data.cancelled as Row[]).map((r) => r.who)).toEqual(['张建国']);
  });

  it('forgets a remembered unit the person no longer reaches and asks again', async () => {
    setPersona('seed-staff-lh');
    (wxMock.setStorageSync as (k: string, v: unknown) => void)('appointments.unit', { id: UNIT, name: UNIT_NAME });
    const page = renderPage('admin/booking/appointments/index');
    await waitFor(page, (d) => d.loading === false && d.choosing === true);
    expect(shown.toasts.map((t) => t.title)).toEqual(['只能查看本单位或下属单位的预约']);
    expect(shown.functionCalls).toEqual(['booking.dayBookings', 'org.list']);
    expect(page.data).toMatchObject({ unit: null, failed: false });
    expect(page.querySelectorAll('.choice')[0]?.dom?.textContent?.trim()).toBe('柳河乡公共法律服务工作站');
    expect(storageValue('appointments.unit')).toBeUndefined();
  });
});
