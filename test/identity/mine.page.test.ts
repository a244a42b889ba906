import { renderPage, tap, waitFor } from '../support/page';
import { callAs, clearStorage, refusalFor, resetShown, setPersona, shown, storageValue } from '../support/page-setup';

type MinePage = { onField(e: { detail: { value: string }; currentTarget: { dataset: { field: string } } }): void };
const type = (page: ReturnType<typeof renderPage>, field: string, value: string) =>
  (page.instance as unknown as MinePage).onField({ detail: { value }, currentTarget: { dataset: { field } } });

beforeEach(() => {
  resetShown();
  clearStorage();
});

describe('我的', () => {
  it('shows an advisor their name and role, and no join form', async () => {
    setPersona('demo-advisor');
    const page = renderPage('pages/mine/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.dom?.textContent).toContain('林晓岚律师');
    expect(page.dom?.textContent).toContain('身份：法律顾问');
    expect(page.querySelector('#redeem')).toBeFalsy();
  });

  it('lets a villager join as staff with an invite code, keeping the typing in a draft until it succeeds', async () => {
    const { code } = await callAs<{ code: string }>('demo-admin', 'identity', 'createInvite', { role: 'staff', orgIds: ['lh-station'] });
    setPersona('page-new-staff');
    const page = renderPage('pages/mine/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.dom?.textContent).toContain('身份：群众');
    // Joining is out of a resident's way: a folded row at the bottom.
    expect(page.querySelector('#redeem')).toBeFalsy();
    tap(page.querySelector('#join') ?? undefined);
    await waitFor(page, (d) => d.joinOpen === true);
    type(page, 'code', code);
    type(page, 'displayName', '赵小英');
    type(page, 'phone', '13600000000');
    expect((storageValue('draft.redeemInvite') as { form: { code: string } }).form.code).toBe(code);

    // Leaving and coming back keeps what was typed.
    const again = renderPage('pages/mine/index');
    await waitFor(again, (d) => d.loading === false);
    expect(again.data.form).toEqual({ code, displayName: '赵小英', phone: '13600000000' });

    tap(again.querySelector('#redeem') ?? undefined);
    await waitFor(again, (d) => d.roleText === '工作人员');
    expect(shown.toasts.at(-1)?.title).toBe('已加入，欢迎您');
    expect(again.dom?.textContent).toContain('赵小英');
    expect(storageValue('draft.redeemInvite')).toBeUndefined();
  });

  it('explains a wrong code in plain words and keeps the draft', async () => {
    setPersona('page-wrong-code');
    const page = renderPage('pages/mine/index');
    await waitFor(page, (d) => d.loading === false);
    tap(page.querySelector('#join') ?? undefined);
    await waitFor(page, (d) => d.joinOpen === true);
    type(page, 'code', 'ABCDEFGH');
    type(page, 'displayName', '钱多多');
    type(page, 'phone', '13600000001');
    tap(page.querySelector('#redeem') ?? undefined);
    await waitFor(page, (d) => d.submitting === false && shown.toasts.length > 0);
    // The page shows the function's own plain words for the refusal it got.
    const refusal = await refusalFor('page-wrong-code-2', 'identity', 'redeemInvite', { code: 'ABCDEFGH', displayName: '钱多多', phone: '13600000001' });
    expect(refusal).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'invite_invalid' } });
    expect(shown.toasts.at(-1)?.title).toBe(refusal.message);
    expect((storageValue('draft.redeemInvite') as { form: { displayName: string } }).form.displayName).toBe('钱多多');
  });

  it('offers no persona switcher in a CloudBase build', async () => {
    setPersona('demo-resident');
    const page = renderPage('pages/mine/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.querySelectorAll('.persona')).toHaveLength(0);
  });

  it('switches the demo persona in a local build', async () => {
    setPersona('demo-resident');
    const g = globalThis as { __API_TARGET__?: string };
    g.__API_TARGET__ = 'local';
    const page = renderPage('pages/mine/index');
    g.__API_TARGET__ = 'cloud';
    await waitFor(page, (d) => d.loading === false);
    const staff = page.querySelectorAll('.persona').find((c) => c.dom?.textContent?.includes('中心工作人员'));
    tap(staff);
    await waitFor(page, (d) => d.roleText === '工作人员');
    expect(storageValue('devcloud.persona')).toBe('demo-staff');
    expect(page.dom?.textContent).toContain('陈静');
  });

  it('keeps the resident’s profile once (phone masked when shown) and offers it on 我要办事, 预约 and 法律援助', async () => {
    setPersona('page-profile');
    const page = renderPage('pages/mine/index');
    await waitFor(page, (d) => d.loading === false);
    const mine = page.instance as unknown as MinePage & { onProfileField: MinePage['onField']; onBirthDate(e: { detail: { value: string } }): void };
    mine.onProfileField({ detail: { value: '孙桂兰' }, currentTarget: { dataset: { field: 'name' } } });
    mine.onProfileField({ detail: { value: '13712345678' }, currentTarget: { dataset: { field: 'phone' } } });
    mine.onBirthDate({ detail: { value: '1948-05-06' } });
    tap(page.querySelector('#village') ?? undefined);
    await waitFor(page, (d) => (d.towns as unknown[]).length > 0);
    tap(page.querySelectorAll('.town').find((c) => c.dom?.textContent?.includes('青石镇')));
    await waitFor(page, (d) => d.town !== null);
    tap(page.querySelectorAll('.village').find((c) => c.dom?.textContent?.includes('东坡村')));
    await waitFor(page, (d) => (d.profile as { villageId: string }).villageId === 'qs-dongpo');
    tap(page.querySelector('#save-profile') ?? undefined);
    await waitFor(page, (d) => d.saved !== null && d.saving === false);
    expect(page.data.saved).toMatchObject({ name: '孙桂兰', phone: '137****5678', village: '东坡村' });
    expect(page.dom?.textContent).toContain('137****5678');
    expect(page.dom?.textContent).not.toContain('13712345678');

    // Every form that asks for them starts with them, through the one helper: on another phone
    // (nothing kept here yet) the first form asks the server once, the next ones read that copy.
    clearStorage();
    setPersona('page-profile');
    const apply = renderPage('pages/case/apply/index');
    await waitFor(apply, (d) => (d.form as { name: string }).name === '孙桂兰');
    expect(apply.data.form).toMatchObject({ phone: '13712345678' });
    const booking = renderPage('pages/booking/new/index');
    await waitFor(booking, (d) => (d.form as { phone: string }).phone === '13712345678');
    const aid = renderPage('pages/legal-aid/apply/index');
    await waitFor(aid, (d) => (d.form as { applicantName: string }).applicantName === '孙桂兰');
    expect(aid.data.form).toMatchObject({ phone: '13712345678', orgId: 'qs-dongpo' });

    // Its owner can delete it again (asked once more); the forms then start empty.
    const wxShim = (globalThis as unknown as { wx: { showModal(o: { success?(r: { confirm: boolean }): void }): void } }).wx;
    const saved = wxShim.showModal;
    wxShim.showModal = (o) => o.success?.({ confirm: true });
    try {
      tap(page.querySelector('#delete-profile') ?? undefined);
      await waitFor(page, (d) => d.saved === null);
    } finally {
      wxShim.showModal = saved;
    }
    expect(await callAs('page-profile', 'identity', 'profile', {})).toMatchObject({ profile: null, formPhone: null });
  });
});
