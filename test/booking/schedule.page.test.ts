import { formatShanghai } from '../../core';
import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 预约时间设置 for 大湾村 (under 柳河乡, whose staff member sets it) against the shared devcloud on
 * its own clock. No other page test touches 大湾村's appointments.
 */

const UNIT = 'lh-dawan';
const UNIT_NAME = '大湾村公共法律服务工作室';

interface SessionRow {
  day: string;
  weekday: number;
  from: string;
  to: string;
}
interface Choice {
  label: string;
  on: boolean;
}
interface Schedule {
  sessions: Array<{ weekday: number; from: string; to: string }>;
  slotMinutes: number;
  capacity: number;
  services: string[];
  horizonDays: number;
  leadMinutes: number;
  active: boolean;
}
type Picked = { currentTarget: { dataset: Record<string, unknown> }; detail: { value: string | number | boolean } };
type Handlers = Record<'onWeekday' | 'onFrom' | 'onTo' | 'onActive', (e: Picked) => void>;

const handlers = (page: RenderedPage) => page.instance as unknown as Handlers;
const pick = (page: RenderedPage, handler: keyof Handlers, index: number, value: string | number | boolean) =>
  handlers(page)[handler]({ currentTarget: { dataset: { index } }, detail: { value } });
const text = (page: RenderedPage) => page.dom?.textContent ?? '';
const sessions = (page: RenderedPage) => (page.data.sessions as SessionRow[]).map((s) => `${s.day} ${s.from}-${s.to}`);
const on = (page: RenderedPage, key: 'slots' | 'horizons' | 'leads') => (page.data[key] as Choice[]).find((c) => c.on)?.label;
const serviceTexts = (page: RenderedPage) => page.querySelectorAll('.service').map((s) => s.dom?.textContent?.trim());
const stored = async () => (await callAs<{ schedule: Schedule | null }>('seed-staff-lh', 'booking', 'getSchedule', { orgId: UNIT })).schedule;

/** A tap reaches the page a moment later, as a finger's does. */
async function tapText(page: RenderedPage, selector: string, label: string): Promise<void> {
  const el = page.querySelectorAll(selector).find((c) => c.dom?.textContent?.trim() === label);
  if (!el) throw new Error(`no ${selector} ${label}`);
  el.dispatchEvent('tap');
  await simulate.sleep(0);
}

async function press(page: RenderedPage, selector: string, index = 0): Promise<void> {
  const el = page.querySelectorAll(selector)[index];
  if (!el) throw new Error(`no ${selector}`);
  el.dispatchEvent('tap');
  await simulate.sleep(0);
}

/** Opens the page and picks 大湾村, as its staff member does. */
async function openUnit(): Promise<RenderedPage> {
  const page = renderPage('admin/booking/schedule/index');
  await waitFor(page, (d) => d.loading === false && d.choosing === true);
  await tapText(page, '.choice', UNIT_NAME);
  await waitFor(page, (d) => d.loading === false && d.ready === true);
  return page;
}

async function save(page: RenderedPage): Promise<void> {
  tap(page.querySelector('#save') ?? undefined);
  await waitFor(page, (d) => d.saving === false && (d.saved !== '' || shown.modals.length + shown.toasts.length > 0));
}

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('seed-staff-lh');
});

describe('预约时间设置 (a unit’s hours for appointments)', () => {
  it('opens with one call on the units to set, the station first', async () => {
    const page = renderPage('admin/booking/schedule/index');
    await waitFor(page, (d) => d.loading === false && d.choosing === true);
    expect(shown.functionCalls).toEqual(['org.list']);
    const units = page.querySelectorAll('.choice').map((c) => c.dom?.textContent?.trim());
    expect(units[0]).toBe('柳河乡公共法律服务工作站');
    expect([...units.slice(1)].sort()).toEqual(['南岭村公共法律服务工作室', '大湾村公共法律服务工作室', '新庄村公共法律服务工作室', '河口村公共法律服务工作室'].sort());
  });

  it('starts a unit without hours from a suggestion, and saves what was changed', async () => {
    const page = await openUnit();
    expect(shown.functionCalls).toEqual(['org.list', 'booking.getSchedule']);
    expect(text(page)).toContain('这个单位还没有设置预约时间');
    expect(page.querySelector('.unit-bar')?.dom?.textContent).toContain(UNIT_NAME);
    expect(sessions(page)).toEqual(['周二 09:00-11:30']);
    expect([on(page, 'slots'), on(page, 'horizons'), on(page, 'leads')]).toEqual(['30分钟', '14天', '1小时']);
    expect(page.data).toMatchObject({ capacity: 1, canLess: false, active: true });
    // The village room's bookable services (法治宣传 is not booked), the usual two ticked.
    expect(serviceTexts(page)).toEqual(['✓ 法律咨询', '✓ 人民调解']);

    // A second session: Thursday afternoon.
    await press(page, '#add-session');
    expect(sessions(page)).toEqual(['周二 09:00-11:30', '周三 09:00-11:30']);
    pick(page, 'onWeekday', 1, 3); // 周四 in the Monday-first list
    pick(page, 'onFrom', 1, '14:00');
    pick(page, 'onTo', 1, '16:00');
    // And a third, removed again.
    await press(page, '#add-session');
    expect(sessions(page)).toEqual(['周二 09:00-11:30', '周四 14:00-16:00', '周五 14:00-16:00']);
    await press(page, '.session__remove', 2);
    await press(page, '#more');
    await tapText(page, '.lead', '不限');
    await tapText(page, '.horizon', '7天');
    expect(page.data).toMatchObject({ capacity: 2, canLess: true });

    await save(page);
    expect(shown.toasts.map((t) => t.title)).toEqual(['已保存']);
    expect(shown.modals).toEqual([]);
    expect(page.data.saved).toBe('已保存');
    expect(page.querySelector('.saved')?.dom?.textContent).toBe('已保存');
    expect(text(page)).not.toContain('还没有设置预约时间');
    expect(await stored()).toMatchObject({
      sessions: [
        { weekday: 2, from: '09:00', to: '11:30' },
        { weekday: 4, from: '14:00', to: '16:00' },
      ],
      slotMinutes: 30,
      capacity: 2,
      services: ['consultation', 'mediation'],
      horizonDays: 7,
      leadMinutes: 0,
      active: true,
    });
    // A change makes the 已保存 line go: it no longer describes the form.
    await press(page, '#less');
    expect(page.data).toMatchObject({ capacity: 1, saved: '' });
  });

  it('opens on the saved hours, and keeps the days people booked when they change', async () => {
    // A resident books the first time there is.
    const slots = await callAs<{ days: Array<{ day: string; slots: Array<{ start: string; open: boolean }> }> }>('demo-resident', 'booking', 'listSlots', { orgId: UNIT });
    const day = slots.days.find((d) => d.slots.some((s) => s.open));
    const time = day?.slots.find((s) => s.open)?.start;
    if (!day || !time) throw new Error('no open time at 大湾村');
    await callAs(`schedule-page-${Date.now().toString(36)}`, 'booking', 'book', {
      orgId: UNIT,
      day: day.day,
      time,
      service: 'consultation',
      applicant: { name: '赵大伯', phone: '13900009999' },
    });

    const page = await openUnit();
    expect(text(page)).not.toContain('还没有设置预约时间');
    expect(sessions(page)).toEqual(['周二 09:00-11:30', '周四 14:00-16:00']);
    expect([on(page, 'slots'), on(page, 'horizons'), on(page, 'leads')]).toEqual(['30分钟', '7天', '不限']);
    expect(page.data).toMatchObject({ capacity: 2, active: true });
    expect(serviceTexts(page)).toEqual(['✓ 法律咨询', '✓ 人民调解']);

    // Half-hour earlier on both days, in 20-minute appointments.
    pick(page, 'onFrom', 0, '08:30');
    pick(page, 'onFrom', 1, '13:30');
    await tapText(page, '.slot', '20分钟');
    await save(page);
    expect(shown.toasts.map((t) => t.title)).toEqual(['已保存']);
    expect(page.querySelector('.saved')?.dom?.textContent).toContain('已有预约的 1 天保持原时间');
    // The booked day still has the time booked; the others moved.
    const after = await callAs<{ days: Array<{ day: string; slots: Array<{ start: string }> }> }>('demo-resident', 'booking', 'listSlots', { orgId: UNIT });
    expect(after.days.find((d) => d.day === day.day)?.slots.map((s) => s.start)).toContain(time);
    const other = after.days.find((d) => d.day !== day.day && d.day > formatShanghai(new Date(), 'YYYY-MM-DD'));
    if (other) expect(other.slots[0]?.start).toMatch(/^(08|13):30$/);
  });

  it('shows in Chinese what the function finds wrong, and saves nothing', async () => {
    const before = await stored();
    const page = await openUnit();
    pick(page, 'onTo', 0, '08:00'); // before its 08:30 start
    for (const service of ['✓ 法律咨询', '✓ 人民调解']) await tapText(page, '.service', service);
    for (let i = 0; i < 20; i++) await press(page, '#more');
    expect(page.data.capacity).toBe(22);
    await save(page);
    expect(shown.modals[0]?.title).toBe('请检查填写内容');
    const lines = (shown.modals[0]?.content ?? '').split('\n');
    expect(lines).toEqual(expect.arrayContaining(['结束时间要晚于开始时间', '每个时段最多接待 20 人', '请至少选择一项可预约的服务']));
    expect(page.data.saved).toBe('');
    expect(await stored()).toEqual(before);
  });

  it('pauses appointments with the switch', async () => {
    const page = await openUnit();
    expect(page.querySelector('.switch-row')?.dom?.textContent).toContain('群众可以在小程序上预约');
    pick(page, 'onActive', 0, false);
    expect(page.querySelector('.switch-row')?.dom?.textContent).toContain('暂停后群众约不了，已有的预约照常');
    await save(page);
    expect(shown.toasts.map((t) => t.title)).toEqual(['已保存']);
    expect((await stored())?.active).toBe(false);
    const slots = await callAs<{ open: boolean }>('demo-resident', 'booking', 'listSlots', { orgId: UNIT });
    expect(slots.open).toBe(false);
    pick(page, 'onActive', 0, true);
    await save(page);
    expect((await stored())?.active).toBe(true);
  });

  it('lets an advisor read a village’s hours; saving them is the station’s', async () => {
    setPersona('seed-advisor-3'); // serves 大湾村
    const page = await openUnit();
    expect(sessions(page)).toEqual(['周二 08:30-11:30', '周四 13:30-16:00']);
    await save(page);
    expect(shown.toasts.map((t) => t.title)).toEqual(['您没有权限办理这项操作']);
    expect(page.data.saved).toBe('');
  });
});
