import fs from 'node:fs';
import path from 'node:path';
import { renderPage, simulate, waitFor, type RenderedPage } from '../support/page';
import { clearStorage, resetShown, setPersona } from '../support/page-setup';

/*
 * The privacy-consent sheet (components/privacy-consent) as WeChat drives it: wx.requirePrivacyAuthorize
 * calls the onNeedPrivacyAuthorization listener while the person has not agreed, and goes on (success)
 * or stops (fail) with the answer given through resolve. The stand-in below plays the platform.
 */

type Answer = { event: string; buttonId?: string };
type Listener = (resolve: (a: Answer) => void, info: { referrer: string }) => void;
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const PRIVACY_APIS = ['onNeedPrivacyAuthorization', 'requirePrivacyAuthorize', 'getPrivacySetting', 'openPrivacyContract'];

let agreed = false;
let answers: string[] = [];
let opened = 0;

function playPlatform(): void {
  let listener: Listener | null = null;
  wxMock.onNeedPrivacyAuthorization = (l: Listener) => void (listener = l);
  wxMock.getPrivacySetting = (o: { success(r: object): void }) => o.success({ needAuthorization: !agreed, privacyContractName: '《乡法通用户隐私保护指引》', errMsg: 'getPrivacySetting:ok' });
  wxMock.openPrivacyContract = () => void (opened += 1);
  wxMock.requirePrivacyAuthorize = (o: { success(r: object): void; fail(r: object): void }) => {
    if (agreed) return o.success({ errMsg: 'requirePrivacyAuthorize:ok' });
    listener?.((a) => {
      answers.push(a.event);
      if (a.event === 'agree') {
        agreed = true;
        o.success({ errMsg: 'requirePrivacyAuthorize:ok' });
      } else if (a.event === 'disagree') {
        o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
      }
    }, { referrer: 'requirePrivacyAuthorize' });
  };
}

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-resident');
  agreed = false;
  answers = [];
  opened = 0;
});
afterEach(() => {
  for (const api of PRIVACY_APIS) delete wxMock[api];
});

const sheet = () => renderPage('components/privacy-consent/index', {}, { purpose: '填写联系电话、上传材料照片' });
const text = (c: RenderedPage) => c.dom?.textContent ?? '';

describe('privacy-consent', () => {
  it('asks before anything is collected and goes on when the person agrees through the platform’s button', async () => {
    playPlatform();
    const c = sheet();
    await waitFor(c, (d) => d.open === true);
    expect(answers).toEqual(['exposureAuthorization']);
    expect(text(c)).toContain('填写联系电话、上传材料照片');
    expect(text(c)).toContain('《乡法通用户隐私保护指引》');
    expect(c.querySelector('#privacy-agree')).toBeTruthy();
    c.querySelector('#privacy-guide')?.dispatchEvent('tap');
    await simulate.sleep(10);
    expect(opened).toBe(1);
    c.querySelector('#privacy-agree')?.dispatchEvent('agreeprivacyauthorization');
    await waitFor(c, (d) => d.open === false);
    expect(answers).toEqual(['exposureAuthorization', 'agree']);
    expect(agreed).toBe(true);
    expect(c.data.declined).toBe(false);
    expect(c.querySelector('.declined')).toBeFalsy();
  });

  it('says what will not work after 不同意, and asks again on 查看并同意', async () => {
    playPlatform();
    const c = sheet();
    await waitFor(c, (d) => d.open === true);
    c.querySelector('#privacy-disagree')?.dispatchEvent('tap');
    await waitFor(c, (d) => d.declined === true);
    expect(answers).toEqual(['exposureAuthorization', 'disagree']);
    expect(c.data.open).toBe(false);
    expect(text(c)).toContain('您还没有同意《乡法通用户隐私保护指引》');
    c.querySelector('#privacy-retry')?.dispatchEvent('tap');
    await waitFor(c, (d) => d.open === true);
    c.querySelector('#privacy-agree')?.dispatchEvent('agreeprivacyauthorization');
    await waitFor(c, (d) => d.open === false && d.declined === false);
    expect(agreed).toBe(true);
  });

  it('shows nothing to a person who agreed before', async () => {
    agreed = true;
    playPlatform();
    const c = sheet();
    await simulate.sleep(20);
    expect(c.data).toMatchObject({ open: false, declined: false });
    expect(answers).toEqual([]);
    expect(c.querySelector('.mask')).toBeFalsy();
  });

  it('shows nothing where the base library has no privacy interface (below 2.32.3 WeChat does not intercept)', async () => {
    const c = sheet();
    await simulate.sleep(20);
    expect(c.data).toMatchObject({ open: false, declined: false });
  });

  it.each(['pages/case/apply/index', 'admin/case/register/index'])('comes first on %s, before the form asks for a phone or photos', (page) => {
    const root = path.resolve(__dirname, '..', '..', 'miniprogram', page);
    const json = JSON.parse(fs.readFileSync(`${root}.json`, 'utf8')) as { usingComponents: Record<string, string> };
    expect(json.usingComponents['privacy-consent']).toBe('../../../components/privacy-consent/index');
    const wxml = fs.readFileSync(`${root}.wxml`, 'utf8');
    expect(wxml.indexOf('<privacy-consent')).toBeGreaterThan(0);
    for (const collector of ['<t-input', '<t-upload']) {
      const at = wxml.indexOf(collector);
      if (at >= 0) expect(wxml.indexOf('<privacy-consent')).toBeLessThan(at);
    }
  });
});
