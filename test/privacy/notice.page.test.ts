/**
 * The privacy-consent component with `notice`: the notice owed where processing rests on a statutory
 * duty (legal aid: PIPL Art 13 ¶1 (3), Art 17/30) shows above the form, folded to its title, the
 * current version of core's text, which is what privacy.notice serves.
 */
import { renderPage, simulate, waitFor } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona } from '../support/page-setup';

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-resident');
});

describe('the statutory-duty notice', () => {
  it('shows the legal-aid notice as the function serves it, unfolded on a tap', async () => {
    const served = await callAs<{ title: string; version: string; paragraphs: string[] }>('demo-resident', 'privacy', 'notice', { topic: 'legal_aid' });
    const c = renderPage('components/privacy-consent/index', {}, { purpose: '填写身份和家庭经济情况', notice: 'legal_aid' });
    await waitFor(c, (d) => d.noticeTitle !== '');
    expect(c.data.noticeVersion).toBe(served.version);
    expect(c.dom?.textContent).toContain(served.title);
    expect(c.dom?.textContent).not.toContain(served.paragraphs[0]);
    c.querySelector('#privacy-notice')?.dispatchEvent('tap');
    await simulate.sleep(10);
    for (const p of served.paragraphs) expect(c.dom?.textContent).toContain(p);
  });

  it('shows nothing of a notice when none is asked for, or an unknown one', async () => {
    for (const notice of ['', 'nope']) {
      const c = renderPage('components/privacy-consent/index', {}, { notice });
      await simulate.sleep(10);
      expect(c.querySelector('.notice')).toBeFalsy();
    }
  });
});
