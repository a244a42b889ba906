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
});
