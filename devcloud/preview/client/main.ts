/**
 * The preview's runtime: loads the prepared mini-program into miniprogram-simulate's file map,
 * puts WeChat's globals in place (wx, App, getApp, getCurrentPages), registers working built-in
 * components, launches the app and opens its first page (or the one named in the address's #hash).
 */
import { BUILTIN_CSS, registerBuiltins } from './builtins';
import { rpx, win, type AppPayload } from './env';
import { installRequire, requireModule } from './modules';
import { ROUTER_CSS, Router } from './router';
import { installTouch } from './touch';
import * as ui from './ui';
import { clipboard, createWx, onStorage, persona, PERSONA_KEY, setStorage } from './wx';

interface AppDefinition {
  onLaunch?: (o: object) => void;
  onShow?: (o: object) => void;
  globalData?: Record<string, unknown>;
  [key: string]: unknown;
}

async function loadApp(): Promise<AppPayload> {
  const res = await fetch('/preview/app.js', { cache: 'no-cache' });
  const text = await res.text();
  if (!res.ok) throw new Error(`预览准备小程序失败：${text}`);
  (0, eval)(text);
  const payload = win.__PREVIEW_APP__;
  if (!payload) throw new Error('预览准备小程序失败：/preview/app.js 没有内容');
  return payload;
}

/** wcc's template functions go into the file map under each component's .wxml, as simulate expects. */
function fileMap(payload: AppPayload): Record<string, unknown> {
  const gwx = payload.templates();
  const map: Record<string, unknown> = { ...payload.files };
  for (const c of payload.components) {
    const template = gwx(`${c}.wxml`);
    if (typeof template === 'function') map[`root/${c}.wxml`] = template;
    else ui.loud(`${c}.wxml 没有编译结果`);
  }
  return map;
}

function style(css: string): void {
  const el = document.createElement('style');
  el.textContent = css;
  document.head.appendChild(el);
}

function hashUrl(): string | null {
  const hash = decodeURIComponent(location.hash.slice(1));
  return hash.startsWith('/') ? hash : null;
}

function installChrome(router: Router): void {
  const select = document.getElementById('persona') as HTMLSelectElement | null;
  const routeEl = document.getElementById('route');
  const relaunch = document.getElementById('relaunch');
  if (select) {
    select.value = persona();
    // Another person on the same phone: their identity, and the app started afresh on 首页.
    select.addEventListener('change', () => {
      setStorage(PERSONA_KEY, select.value);
      void router.reLaunch(`/${router.firstPage()}`);
    });
    onStorage((k) => {
      if (k === PERSONA_KEY) select.value = persona();
    });
  }
  relaunch?.addEventListener('click', () => void router.reLaunch(`/${router.firstPage()}`));
  void routeEl;
}

type Lifetime = (this: Record<string, unknown>, ...args: unknown[]) => void;

/**
 * j-component's own `this.createSelectorQuery()` knows no `node` field (TDesign's QR code draws on a
 * canvas node it asks for that way); every component's gets the preview's, which does.
 */
function wrapComponent(wx: Record<string, unknown>): void {
  const original = win.Component as (def: Record<string, unknown>) => unknown;
  win.Component = (def: Record<string, unknown>) => {
    const lifetimes = { ...((def.lifetimes as Record<string, Lifetime> | undefined) ?? {}) };
    const created = lifetimes.created ?? (def.created as Lifetime | undefined);
    lifetimes.created = function (this: Record<string, unknown>, ...args: unknown[]) {
      this.createSelectorQuery = () => (wx.createSelectorQuery as () => { in(c: unknown): unknown })().in(this);
      created?.apply(this, args);
    };
    return original({ ...def, lifetimes });
  };
}

/**
 * The app's first call (whoami) must see the demo county: while devcloud is still seeding it
 * (/healthz 503), a staff persona would be answered as a plain resident. Wait, saying so.
 */
async function untilReady(phone: HTMLElement): Promise<void> {
  let note: HTMLElement | null = null;
  for (;;) {
    const ready = await fetch('/healthz').then((r) => r.ok, () => false);
    if (ready) break;
    if (!note) {
      note = document.createElement('p');
      note.textContent = '正在准备演示数据，请稍候…';
      note.setAttribute('role', 'status');
      phone.appendChild(note);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  note?.remove();
}

async function boot(): Promise<void> {
  const phone = document.getElementById('phone') as HTMLElement;
  ui.mountUi(phone);
  style(BUILTIN_CSS + ROUTER_CSS);
  win.__previewRpx = (n: number) => rpx(n);
  await untilReady(phone);

  const payload = await loadApp();
  win.__FILE_MAP__ = fileMap(payload);
  installRequire();
  registerBuiltins();

  const routeEl = document.getElementById('route');
  const router = new Router(payload, phone, {
    changed(route, query) {
      const url = router.describe();
      if (routeEl) routeEl.textContent = url;
      history.replaceState(null, '', `#${url}`);
      document.body.dataset.route = route;
      void query;
    },
  });
  const wx = createWx(router);
  let app: AppDefinition | null = null;
  Object.assign(win, {
    wx,
    App: (def: AppDefinition) => {
      app = def;
    },
    getApp: () => app ?? { globalData: {} },
    getCurrentPages: () => router.pages(),
    Page: () => ui.loud('Page() 构造的页面预览暂不支持：本项目的页面都用 Component()'),
    // No plugin runs in a browser: throw as WeChat does for a plugin this AppID has not added, which
    // the app must already survive (voice input then hides its button), rather than flag the page.
    requirePlugin: (name: string) => {
      throw new Error(`plugin ${name} is not available in the web preview`);
    },
    __preview: { router, problems: ui.problems, clipboard, fingerprint: payload.fingerprint },
  });
  window.addEventListener('error', (e) => ui.loud(`页面出错：${e.message}`));
  window.addEventListener('unhandledrejection', (e) => {
    const reason = e.reason as { errMsg?: string; message?: string } | undefined;
    const message = reason?.errMsg ?? reason?.message ?? String(e.reason);
    // A person cancelling a dialog whose promise nobody awaits is what WeChat's console shows too: not a preview gap.
    if (/:fail cancel$/.test(message)) console.warn(`unhandled: ${message}`);
    else ui.loud(`未处理的失败：${message}`);
  });
  installTouch(phone);
  installChrome(router);
  wrapComponent(wx);

  requireModule('root/app');
  const launch = { path: router.firstPage(), query: {}, scene: 1001, referrerInfo: {} };
  (app as AppDefinition | null)?.onLaunch?.call(app, launch);
  (app as AppDefinition | null)?.onShow?.call(app, launch);

  const start = hashUrl();
  try {
    await router.reLaunch(start ?? `/${router.firstPage()}`);
  } catch (err) {
    if (!start) throw err;
    // An address for a page that no longer exists: start where the app starts.
    ui.loud(`打不开 ${start}：${err instanceof Error ? err.message : String(err)}`);
    await router.reLaunch(`/${router.firstPage()}`);
  }
  document.body.dataset.ready = 'true';
}

boot().catch((err: unknown) => {
  console.error(err);
  ui.loud(err instanceof Error ? err.message : String(err));
});
