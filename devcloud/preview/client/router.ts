/**
 * The page stack as WeChat keeps it: navigateTo pushes (at most 10), redirectTo replaces,
 * navigateBack pops, switchTab keeps tab pages alive and closes the rest, reLaunch closes all.
 * Each page is the built page rendered by miniprogram-simulate, with WeChat's lifecycle around it:
 * properties from the query, attached, onLoad(query), show (pageLifetimes and onShow), onReady;
 * hide/onHide when covered; onUnload and detached when closed. Tab pages get their own instance of
 * the custom tab bar, which `this.getTabBar()` answers.
 */
import { ROOT, win, type AppPayload, type ExparserNode, type Instance, type SimComponent } from './env';
import { loud } from './ui';

const MAX_STACK = 10;
const TAB_BAR = 'custom-tab-bar/index';
/** Query keys that simulate would treat as node attributes, not properties. */
const RESERVED = new Set(['id', 'class', 'style', 'slot']);

interface PageEntry {
  route: string;
  query: Record<string, string>;
  comp: SimComponent;
  wrapper: HTMLElement;
  scroller: HTMLElement;
  tabBar: SimComponent | null;
  title: string;
  navBackground: string;
  navFront: string;
  readyFired: boolean;
}

export interface RouterEvents {
  /** After any change of the visible page: the chrome shows the route. */
  changed(route: string, query: Record<string, string>): void;
}

function parseUrl(url: string, from: string): { route: string; query: Record<string, string> } {
  const [rawPath = '', rawQuery = ''] = url.split('?');
  const base = rawPath.startsWith('/') ? rawPath.slice(1) : `${from.split('/').slice(0, -1).join('/')}/${rawPath}`;
  const parts: string[] = [];
  for (const p of base.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQuery)) query[k] = v;
  return { route: parts.join('/'), query };
}

function queryText(query: Record<string, string>): string {
  const qs = new URLSearchParams(query).toString();
  return qs ? `?${qs}` : '';
}

/**
 * A tab page's window ends where the tab bar begins. The custom tab bar draws itself fixed to the
 * bottom, out of flow, so its host takes the height the bar turns out to have.
 */
function reserveHeight(host: HTMLElement): void {
  const bar = host.firstElementChild?.firstElementChild ?? host.firstElementChild;
  if (!bar) return;
  const measure = () => {
    host.style.height = `${bar.getBoundingClientRect().height}px`;
  };
  new ResizeObserver(measure).observe(bar);
  measure();
}

export class Router {
  private stack: PageEntry[] = [];
  /** Tab pages stay alive after their first visit, as in WeChat. */
  private readonly tabs = new Map<string, PageEntry>();
  private readonly loaded = new Map<string, string>();
  private tabBarId: string | null = null;
  private busy: Promise<void> = Promise.resolve();
  private readonly tabRoutes: string[];
  private readonly navBar: HTMLElement;
  private readonly navTitle: HTMLElement;
  private readonly navBack: HTMLButtonElement;
  private readonly navHome: HTMLButtonElement;
  private readonly viewportEl: HTMLElement;

  constructor(
    private readonly app: AppPayload,
    phone: HTMLElement,
    private readonly events: RouterEvents,
  ) {
    this.tabRoutes = (app.app.tabBar?.list ?? []).map((t) => t.pagePath.replace(/^\//, ''));
    this.navBar = document.createElement('header');
    this.navBar.className = 'px-navbar';
    this.navBar.dataset.testid = 'nav-bar';
    this.navBack = document.createElement('button');
    this.navBack.type = 'button';
    this.navBack.className = 'px-nav-back';
    this.navBack.setAttribute('aria-label', '返回');
    this.navBack.dataset.testid = 'nav-back';
    this.navBack.textContent = '‹';
    this.navBack.onclick = () => void this.navigateBack(1).catch(() => undefined);
    this.navHome = document.createElement('button');
    this.navHome.type = 'button';
    this.navHome.className = 'px-nav-back';
    this.navHome.setAttribute('aria-label', '回到首页');
    this.navHome.dataset.testid = 'nav-home';
    this.navHome.textContent = '⌂';
    this.navHome.onclick = () => void this.reLaunch(`/${this.firstPage()}`);
    this.navTitle = document.createElement('h1');
    this.navTitle.className = 'px-nav-title';
    this.navTitle.dataset.testid = 'nav-title';
    this.navBar.append(this.navBack, this.navHome, this.navTitle);
    this.viewportEl = document.createElement('div');
    this.viewportEl.className = 'px-viewport';
    phone.append(this.navBar, this.viewportEl);
  }

  firstPage(): string {
    return this.app.app.pages[0] ?? '';
  }

  isTab(route: string): boolean {
    return this.tabRoutes.includes(route);
  }

  current(): PageEntry | undefined {
    return this.stack[this.stack.length - 1];
  }

  pages(): Instance[] {
    return this.stack.map((e) => e.comp.instance);
  }

  currentRoot(): ExparserNode | null {
    return this.current()?.comp.instance._exparserNode ?? null;
  }

  viewport(): HTMLElement {
    return this.current()?.scroller ?? this.viewportEl;
  }

  viewportOrigin(): { left: number; top: number } {
    const r = this.viewportEl.getBoundingClientRect();
    return { left: r.left, top: r.top };
  }

  /** Navigations run one after another, as WeChat queues them. */
  private queue(work: () => void): Promise<void> {
    const next = this.busy.then(work);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private known(route: string): void {
    if (!this.app.pages.includes(route)) throw new Error(`fail page "${route}" is not found`);
  }

  private load(route: string): string {
    let id = this.loaded.get(route);
    if (!id) {
      // The tag name is the page's class prefix too: one per page keeps their styles apart.
      id = win.simulate.load(`${ROOT}/${route}`, route.replace(/[^a-zA-Z0-9]+/g, '-'), { rootPath: ROOT, compiler: 'official' });
      this.loaded.set(route, id);
    }
    return id;
  }

  private tabBar(): SimComponent | null {
    if (!this.app.app.tabBar?.custom || !this.app.components.includes(TAB_BAR)) return null;
    this.tabBarId ??= win.simulate.load(`${ROOT}/${TAB_BAR}`, 'custom-tab-bar', { rootPath: ROOT, compiler: 'official' });
    return win.simulate.render(this.tabBarId);
  }

  private create(route: string, query: Record<string, string>): PageEntry {
    this.known(route);
    const config = this.app.pageConfig[route] ?? {};
    const window = this.app.app.window ?? {};
    const props = Object.fromEntries(Object.entries(query).filter(([k]) => !RESERVED.has(k) && !k.startsWith('data-')));
    const comp = win.simulate.render(this.load(route), props);
    const wrapper = document.createElement('section');
    wrapper.className = 'px-page';
    wrapper.dataset.route = route;
    // The window is what position: fixed means inside a page (transform makes it the containing block).
    const windowEl = document.createElement('div');
    windowEl.className = 'px-window';
    const scroller = document.createElement('div');
    scroller.className = 'px-scroller';
    windowEl.appendChild(scroller);
    const pageEl = document.createElement('page');
    pageEl.dataset.route = route;
    const background = (config.backgroundColor as string | undefined) ?? window.backgroundColor;
    if (background) scroller.style.background = background;
    scroller.appendChild(pageEl);
    wrapper.appendChild(windowEl);
    const tabBar = this.isTab(route) ? this.tabBar() : null;
    const entry: PageEntry = {
      route,
      query,
      comp,
      wrapper,
      scroller,
      tabBar,
      title: String(config.navigationBarTitleText ?? window.navigationBarTitleText ?? ''),
      navBackground: String(config.navigationBarBackgroundColor ?? window.navigationBarBackgroundColor ?? '#ffffff'),
      navFront: (config.navigationBarTextStyle ?? window.navigationBarTextStyle) === 'white' ? '#ffffff' : '#000000',
      readyFired: false,
    };
    const inst = comp.instance;
    inst.route = route;
    inst.__route__ = route;
    inst.options = { ...query };
    inst.getTabBar = () => entry.tabBar?.instance ?? null;
    inst.getOpenerEventChannel = () => ({ emit() {}, on() {}, once() {}, off() {} });
    this.viewportEl.appendChild(wrapper);
    if (tabBar) {
      const bar = document.createElement('div');
      bar.className = 'px-tabbar';
      wrapper.appendChild(bar);
      tabBar.attach(bar);
      reserveHeight(bar);
    }
    comp.attach(pageEl);
    scroller.addEventListener('scroll', () => this.scrolled(entry));
    this.call(entry, 'onLoad', { ...query });
    return entry;
  }

  private call(entry: PageEntry, method: string, ...args: unknown[]): void {
    const fn = entry.comp.instance[method];
    if (typeof fn !== 'function') return;
    try {
      (fn as (...a: unknown[]) => unknown).apply(entry.comp.instance, args);
    } catch (err) {
      // A page's own error: the console says where, as DevTools does; the stack goes on.
      console.error(`${entry.route} ${method}:`, err);
    }
  }

  private show(entry: PageEntry): void {
    entry.wrapper.hidden = false;
    entry.comp.triggerPageLifeTime('show');
    this.call(entry, 'onShow');
    this.drawNav();
    this.events.changed(entry.route, entry.query);
    if (!entry.readyFired) {
      entry.readyFired = true;
      this.call(entry, 'onReady');
    }
  }

  private hide(entry: PageEntry): void {
    entry.comp.triggerPageLifeTime('hide');
    this.call(entry, 'onHide');
    entry.wrapper.hidden = true;
  }

  private unload(entry: PageEntry): void {
    this.call(entry, 'onUnload');
    try {
      entry.comp.detach();
      entry.tabBar?.detach();
    } catch (err) {
      console.error(`${entry.route} detach:`, err);
    }
    entry.wrapper.remove();
    if (this.tabs.get(entry.route) === entry) this.tabs.delete(entry.route);
  }

  private scrolled(entry: PageEntry): void {
    if (entry !== this.current()) return;
    const s = entry.scroller;
    this.call(entry, 'onPageScroll', { scrollTop: s.scrollTop });
    if (s.scrollHeight - s.scrollTop - s.clientHeight < 50) this.call(entry, 'onReachBottom');
  }

  private drawNav(): void {
    const entry = this.current();
    if (!entry) return;
    this.navTitle.textContent = entry.title;
    this.navBar.style.background = entry.navBackground;
    this.navBar.style.color = entry.navFront;
    this.navBack.hidden = this.stack.length <= 1;
    // WeChat offers a way home when the only page left is not a tab page.
    this.navHome.hidden = !(this.stack.length === 1 && !this.isTab(entry.route) && entry.route !== this.firstPage());
  }

  navigateTo(url: string): Promise<void> {
    return this.queue(() => {
      const from = this.current();
      const { route, query } = parseUrl(url, from?.route ?? '');
      this.known(route);
      if (this.isTab(route)) throw new Error('fail can not navigateTo a tabbar page');
      if (this.stack.length >= MAX_STACK) throw new Error('fail webview count limit exceed');
      if (from) this.hide(from);
      const entry = this.create(route, query);
      this.stack.push(entry);
      this.show(entry);
    });
  }

  redirectTo(url: string): Promise<void> {
    return this.queue(() => {
      const from = this.current();
      const { route, query } = parseUrl(url, from?.route ?? '');
      this.known(route);
      if (this.isTab(route)) throw new Error('fail can not redirectTo a tabbar page');
      if (from) {
        this.stack.pop();
        this.unload(from);
      }
      const entry = this.create(route, query);
      this.stack.push(entry);
      this.show(entry);
    });
  }

  navigateBack(delta = 1): Promise<void> {
    return this.queue(() => {
      if (this.stack.length <= 1) return;
      const n = Math.min(delta, this.stack.length - 1);
      for (let i = 0; i < n; i++) {
        const top = this.stack.pop() as PageEntry;
        if (i === 0) this.hide(top);
        // A tab page is never above another page, so every page popped here is closed.
        this.unload(top);
      }
      this.show(this.current() as PageEntry);
    });
  }

  switchTab(url: string): Promise<void> {
    return this.queue(() => {
      const { route } = parseUrl(url, this.current()?.route ?? '');
      this.known(route);
      if (!this.isTab(route)) throw new Error('fail can not switchTab to a non-tabbar page');
      const from = this.current();
      if (from?.route === route && this.stack.length === 1) return;
      if (from) this.hide(from);
      for (const e of this.stack) if (!this.isTab(e.route)) this.unload(e);
      let entry = this.tabs.get(route);
      if (!entry) {
        entry = this.create(route, {});
        this.tabs.set(route, entry);
      }
      this.stack = [entry];
      this.show(entry);
    });
  }

  reLaunch(url: string): Promise<void> {
    return this.queue(() => {
      const { route, query } = parseUrl(url, this.current()?.route ?? '');
      this.known(route);
      const from = this.current();
      if (from) this.hide(from);
      const all = new Set([...this.stack, ...this.tabs.values()]);
      for (const e of all) this.unload(e);
      this.stack = [];
      this.tabs.clear();
      const entry = this.create(route, this.isTab(route) ? {} : query);
      if (this.isTab(route)) this.tabs.set(route, entry);
      this.stack = [entry];
      this.show(entry);
    });
  }

  setTitle(title: string): void {
    const entry = this.current();
    if (!entry) return;
    entry.title = title;
    this.drawNav();
  }

  setNavColor(front: string, background: string): void {
    const entry = this.current();
    if (!entry) return;
    entry.navFront = front || entry.navFront;
    entry.navBackground = background || entry.navBackground;
    this.drawNav();
  }

  scrollTo(top: number | undefined, selector: string | undefined): void {
    const s = this.viewport();
    if (selector) {
      const node = this.currentRoot()?.shadowRoot?.querySelector(selector);
      if (node) s.scrollTop += node.$$.getBoundingClientRect().top - s.getBoundingClientRect().top;
      else loud(`wx.pageScrollTo: 没有找到 ${selector}`);
      return;
    }
    s.scrollTop = top ?? 0;
  }

  pullDownRefresh(): void {
    const entry = this.current();
    if (entry) this.call(entry, 'onPullDownRefresh');
  }

  describe(): string {
    const entry = this.current();
    return entry ? `/${entry.route}${queryText(entry.query)}` : '';
  }
}

export const ROUTER_CSS = `
.px-navbar { flex: none; position: relative; display: flex; align-items: center; justify-content: center; height: 44px; border-bottom: 1px solid rgba(0,0,0,.06); z-index: 10; }
.px-nav-title { margin: 0; font-size: 17px; font-weight: 600; max-width: 60%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.px-nav-back { position: absolute; left: 4px; top: 0; height: 44px; min-width: 44px; padding: 0 8px; border: 0; background: none; color: inherit; font-size: 28px; line-height: 40px; cursor: pointer; }
.px-viewport { position: relative; flex: 1; min-height: 0; }
.px-page { position: absolute; inset: 0; display: flex; flex-direction: column; }
.px-page[hidden] { display: none; }
.px-window { position: relative; flex: 1; min-height: 0; transform: translateZ(0); }
.px-scroller { position: absolute; inset: 0; overflow-y: auto; overflow-x: hidden; }
.px-tabbar { flex: none; position: relative; transform: translateZ(0); }
page { display: block; min-height: 100%; font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Helvetica Neue", sans-serif; font-size: 16px; }
`;
