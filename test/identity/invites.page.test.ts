import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/* 邀请码 for the bootstrap admin: invite an advisor to a village, hand on the code, withdraw it. */

type Handler = (e: unknown) => void;
const handlers = (page: RenderedPage) => page.instance as unknown as Record<'onRole' | 'onUnit' | 'onNote' | 'onCopy', Handler>;
/** Picks a unit in the unit tree by tapping its row, found by searching its name. */
const pickUnit = async (page: RenderedPage, name: string) => {
  const picker = page.querySelector('#unit');
  (picker?.instance as unknown as { onQuery(e: { detail: { value: string } }): void }).onQuery({ detail: { value: name } });
  await simulate.sleep(10);
  expect((picker?.querySelectorAll('.unit__name') ?? []).map((n) => n.dom?.textContent)).toEqual([name]);
  picker?.querySelector('.unit')?.dispatchEvent('tap');
  await simulate.sleep(10);
};
/** The page asks before it withdraws a code; here the person says yes. */
const confirmModals = () => {
  const wxShim = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const original = wxShim.showModal;
  wxShim.showModal = (o: { title?: string; success?: (r: { confirm: boolean }) => void }) => {
    shown.modals.push({ title: o.title, content: '' });
    o.success?.({ confirm: true });
  };
  return () => void (wxShim.showModal = original);
};

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-admin');
});

describe('邀请码', () => {
  it('opens with one call: the pending codes and the units to invite to, as a tree from the center down', async () => {
    const page = renderPage('admin/identity/invites/index', { real: ['unit-picker'] });
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['identity.listInvites']);
    const names = (page.querySelector('#unit')?.querySelectorAll('.unit__name') ?? []).map((n) => n.dom?.textContent);
    expect(names[0]).toBe('青禾县公共法律服务中心');
    expect(names).toContain('青石镇公共法律服务工作站');
  });

  it('creates an advisor invite for a village, shows the code to copy, and lists it as pending', async () => {
    const page = renderPage('admin/identity/invites/index', { real: ['unit-picker'] });
    await waitFor(page, (d) => d.loading === false);
    await pickUnit(page, '东坡村公共法律服务工作室');
    expect(page.data.orgId).toBe('qs-dongpo');
    handlers(page).onNote({ detail: { value: '新来的王律师' } });
    tap(page.querySelector('#create') ?? undefined);
    await waitFor(page, (d) => d.created !== null);
    const code = (page.data.created as { code: string }).code;
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(page.dom?.textContent).toContain('东坡村公共法律服务工作室的法律顾问');
    expect(page.querySelector('#copy')).toBeTruthy();
    handlers(page).onCopy({});
    expect(shown.clipboard).toEqual([code]);
    const pending = await callAs<{ invites: Array<{ code: string; role: string; orgIds: string[]; note: string }> }>('demo-admin', 'identity', 'listInvites', {});
    expect(pending.invites.find((i) => i.code === code)).toMatchObject({ role: 'advisor', orgIds: ['qs-dongpo'], note: '新来的王律师' });
    expect(shown.functionCalls).toEqual(['identity.listInvites', 'identity.createInvite']);
  });

  it('withdraws a pending code after asking', async () => {
    const { code } = await callAs<{ code: string }>('demo-admin', 'identity', 'createInvite', { role: 'staff', orgIds: ['xl-station'] });
    const page = renderPage('admin/identity/invites/index');
    await waitFor(page, (d) => d.loading === false);
    const restore = confirmModals();
    try {
      const revoke = page.querySelectorAll('.invite__revoke').find((el) => el.dom?.getAttribute('data-code') === code);
      revoke?.dispatchEvent('tap');
      await waitFor(page, (d) => !(d.invites as Array<{ code: string }>).some((i) => i.code === code));
    } finally {
      restore();
    }
    expect(shown.modals[0]?.title).toBe('作废这个邀请码？');
    expect(shown.toasts).toContainEqual({ title: '已作废' });
    const all = await callAs<{ invites: Array<{ code: string; state: string }> }>('demo-admin', 'identity', 'listInvites', { includeDone: true });
    expect(all.invites.find((i) => i.code === code)?.state).toBe('revoked');
  });

  it('tells staff plainly that invites are for supervisors and admins', async () => {
    setPersona('demo-staff');
    const page = renderPage('admin/identity/invites/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.data).toMatchObject({ failed: true, failText: '邀请码只有负责人和管理员可以发放', canRetry: false });
  });
});
