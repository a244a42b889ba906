/**
 * 我的信息与授权 (pages/privacy/index), rendered from devcloud: what is held about the person (masked),
 * their consents with a way to withdraw, and a deletion request answered kind by kind.
 */
import { CONSENT_TEXTS, currentText } from '../../core';
import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

const text = (page: RenderedPage) => page.dom?.textContent ?? '';

beforeEach(() => {
  resetShown();
  clearStorage();
});

describe('我的信息与授权', () => {
  it('shows my case with the phone masked, my consent, and withdraws it', async () => {
    const me = 'page-privacy-resident';
    await callAs(me, 'case', 'submit', { category: 'mediation', summary: '邻居占用宅基地', applicant: { name: '周桂芳', phone: '13712340099' } });
    await callAs(me, 'privacy', 'consent', { purpose: 'sensitive_optional', version: currentText(CONSENT_TEXTS.sensitive_optional).version });
    setPersona(me);
    const page = renderPage('pages/privacy/index');
    await waitFor(page, (d) => d.loading === false);
    expect(text(page)).toContain('周桂芳');
    expect(text(page)).toContain('137****0099');
    expect(text(page)).not.toContain('13712340099');
    expect(text(page)).toContain('提供重点群体情况（可选）');
    expect(text(page)).toContain('已同意');
    expect(text(page)).toContain('按规定立卷归档，不能删除');
    // Residents are not offered the office's list.
    expect(page.querySelector('#load-pending')).toBeFalsy();

    tap(page.querySelector('.withdraw') ?? undefined);
    await waitFor(page, (d) => (d.consents as Array<{ given: boolean }>)[0]?.given === false);
    expect(shown.toasts.at(-1)?.title).toBe('已撤回');
    expect(text(page)).toContain('已撤回');
    expect(page.querySelector('.withdraw')).toBeFalsy();
    const { consents } = await callAs<{ consents: Array<{ given: boolean }> }>(me, 'privacy', 'myData', {});
    expect(consents).toEqual([expect.objectContaining({ given: false })]);
  });

  it('asks for deletion of what may go and shows the answer for each kind', async () => {
    setPersona('page-privacy-nothing');
    const page = renderPage('pages/privacy/index');
    await waitFor(page, (d) => d.loading === false);
    expect(text(page)).toContain('没有保存您的办事或预约记录');
    tap(page.querySelector('#delete') ?? undefined);
    await simulate.sleep(10);
    expect(shown.toasts.at(-1)?.title).toBe('请先选择要删除的内容');

    page.querySelector('.pick')?.dispatchEvent('tap');
    await simulate.sleep(10);
    expect((page.data.deletable as Array<{ checked: boolean }>)[0]?.checked).toBe(true);
    tap(page.querySelector('#delete') ?? undefined);
    await waitFor(page, (d) => d.request !== null);
    expect(text(page)).toContain('已答复');
    expect(text(page)).toContain('预约记录：没有这类记录');
  });

  it('lets a supervisor open the pending requests, refuses a decline without a reason, and carries one out', async () => {
    const { code } = await callAs<{ code: string }>('demo-admin', 'identity', 'createInvite', { role: 'staff', orgIds: ['qs-dongpo'] });
    await callAs('page-former-staff', 'identity', 'redeemInvite', { code, displayName: '钱前任', phone: '13600000077' });
    await callAs('demo-admin', 'identity', 'deactivateMember', { openid: 'page-former-staff', reason: '调离' });
    const asked = await callAs<{ id: string; status: string }>('page-former-staff', 'privacy', 'requestDeletion', { categories: ['profile'] });
    expect(asked.status).toBe('pending');

    setPersona('demo-supervisor');
    const page = renderPage('pages/privacy/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.data.canProcess).toBe(true);
    tap(page.querySelector('#load-pending') ?? undefined);
    await waitFor(page, (d) => Array.isArray(d.pending));
    const rows = page.data.pending as Array<{ id: string; items: Array<{ text: string }> }>;
    const at = rows.findIndex((r) => r.id === asked.id);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(rows[at]?.items[0]?.text).toContain('工作人员资料');

    tap(page.querySelectorAll('.decline')[at] ?? undefined);
    await simulate.sleep(10);
    expect(shown.toasts.at(-1)?.title).toBe('请先填写不予删除的理由');
    tap(page.querySelectorAll('.carry-out')[at] ?? undefined);
    await waitFor(page, (d) => !(d.pending as Array<{ id: string }>).some((r) => r.id === asked.id));
    expect(shown.toasts.at(-1)?.title).toBe('已删除');
    const theirs = await callAs<{ profile: { displayName: string; phone: string }; deletionRequests: Array<{ status: string }> }>('page-former-staff', 'privacy', 'myData', {});
    expect(theirs.profile).toMatchObject({ displayName: '已删除', phone: '已删除' });
    expect(theirs.deletionRequests[0]?.status).toBe('done');
  });
});
