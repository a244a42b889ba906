/**
 * 长辈模式 through the one shared mechanism (behaviors/themed.ts): the switch on 首页 and 我的 keeps
 * the choice on the phone and every open page takes it when it shows; without a choice, WeChat's large font
 * setting turns it on.
 */
import { renderPage, simulate, tap, waitFor } from '../support/page';
import { clearStorage, resetShown, setPersona, shown, storageValue } from '../support/page-setup';

beforeEach(() => resetShown());

const wxAny = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

/** Shown again, as WeChat does when the page above closes (simulate's typings omit it). */
function show(page: ReturnType<typeof renderPage>): void {
  (page as unknown as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime('show');
}

function rootClass(page: ReturnType<typeof renderPage>): boolean {
  return (page.dom?.innerHTML ?? '').includes('xft-elder');
}

afterEach(() => {
  delete wxAny.getAppBaseInfo;
  clearStorage();
});

describe('长辈模式', () => {
  it('is off by default and on when WeChat’s font size is large, unless the resident turned it off', () => {
    setPersona('demo-resident');
    const normal = renderPage('pages/mine/index');
    expect(normal.data.xftTheme).toBe('');
    expect(rootClass(normal)).toBe(false);

    wxAny.getAppBaseInfo = () => ({ fontSizeSetting: 24 });
    const large = renderPage('pages/mine/index');
    expect(large.data.xftTheme).toBe('xft-elder');
    expect(rootClass(large)).toBe(true);

    wxAny.getAppBaseInfo = () => ({ fontSizeSetting: 17 });
    expect(renderPage('pages/mine/index').data.xftTheme).toBe('');
  });

  it('switched on from 首页 is kept and the pages already open take it when shown; switched off from 我的', async () => {
    setPersona('demo-resident');
    const mine = renderPage('pages/mine/index');
    const home = renderPage('pages/home/index');
    await waitFor(home, (d) => d.loading === false);
    expect(home.dom?.textContent).toContain('长辈模式：字更大');

    tap(home.querySelector('#elder') ?? undefined);
    await simulate.sleep(10);
    expect(storageValue('xft.elder')).toBe('on');
    expect(home.data.xftTheme).toBe('xft-elder');
    // 我的 was already open: it redraws when it shows again.
    show(mine);
    expect(mine.data.xftTheme).toBe('xft-elder');
    expect(home.dom?.textContent).toContain('长辈模式已开启');
    // A page opened later starts in it.
    expect(renderPage('pages/case/list/index').data.xftTheme).toBe('xft-elder');

    // The resident's own choice wins over WeChat's large font.
    wxAny.getAppBaseInfo = () => ({ fontSizeSetting: 24 });
    tap(mine.querySelector('#elder') ?? undefined);
    await simulate.sleep(10);
    expect(storageValue('xft.elder')).toBe('off');
    expect(mine.data.xftTheme).toBe('');
    show(home);
    expect(home.data.xftTheme).toBe('');
  });
});

describe('首页 as a door', () => {
  it('offers every resident door as a tile, and 12348 in one tap', async () => {
    setPersona('demo-resident');
    const page = renderPage('pages/home/index');
    await waitFor(page, (d) => d.loading === false);
    for (const id of ['apply', 'booking', 'legal-aid', 'group', 'progress', 'guide', 'my-bookings', 'directory', 'hotline']) {
      expect(page.querySelector(`#${id}`)).toBeTruthy();
    }
    tap(page.querySelector('#hotline') ?? undefined);
    await simulate.sleep(10);
    expect(shown.calls).toEqual(['12348']);
    tap(page.querySelector('#progress') ?? undefined);
    await simulate.sleep(10);
    expect(shown.navigations).toEqual(['/pages/case/list/index']);
  });
});
