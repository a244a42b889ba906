/**
 * The `wx` the pages call in the preview: what the product uses, done for real in the browser
 * (storage in localStorage, requests and uploads to devcloud, dialogs drawn in the phone). The
 * object is wrapped in a Proxy: an API that is not here fails loudly (a red banner naming it, and
 * console.error) and throws, instead of leaving a page waiting for a callback that never comes.
 */
import { canvasNode } from './builtins';
import type { ExparserNode, Instance } from './env';
import type { Router } from './router';
import * as ui from './ui';

const STORAGE_PREFIX = 'xft-preview:';
export const PERSONA_KEY = 'devcloud.persona';
const DEFAULT_PERSONA = 'demo-resident';
/** 青禾县 is made up; this fixed point in the countryside stands for its center. */
export const DEMO_COUNTY_LOCATION = { latitude: 28.4512, longitude: 112.3315 };
const FRAME = { width: 375, height: 740, navBar: 44, statusBar: 0 };

type Opts = Record<string, unknown> & { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

class WxError extends Error {
  constructor(readonly errMsg: string) {
    super(errMsg);
  }
}

/**
 * WeChat's calling convention: callbacks when given, a Promise otherwise, and `errMsg` of
 * `name:ok` / `name:fail reason` either way.
 */
function promised<O extends Opts>(name: string, run: (o: O) => Promise<Record<string, unknown>>): (o?: O) => Promise<unknown> | undefined {
  return (o = {} as O) => {
    const p = run(o).then(
      (res) => ({ errMsg: `${name}:ok`, ...res }),
      (err: unknown) => {
        const message = err instanceof WxError ? err.errMsg : err instanceof Error ? err.message : String(err);
        throw { errMsg: `${name}:${message.startsWith('fail') ? message : `fail ${message}`}` };
      },
    );
    if (!o.success && !o.fail && !o.complete) return p;
    p.then(
      (res) => {
        o.success?.(res);
        o.complete?.(res);
      },
      (err: unknown) => {
        o.fail?.(err);
        o.complete?.(err);
      },
    );
    return undefined;
  };
}

function key(k: string): string {
  return `${STORAGE_PREFIX}${k}`;
}

export function getStorage(k: string): unknown {
  const raw = localStorage.getItem(key(k));
  if (raw === null) return '';
  try {
    return (JSON.parse(raw) as { v: unknown }).v;
  } catch {
    return '';
  }
}

const storageListeners: Array<(k: string, v: unknown) => void> = [];

export function onStorage(listener: (k: string, v: unknown) => void): void {
  storageListeners.push(listener);
}

export function setStorage(k: string, v: unknown): void {
  if (typeof k !== 'string' || k === '') throw new WxError('fail parameter error: key should be a non-empty string');
  localStorage.setItem(key(k), JSON.stringify({ v }));
  for (const l of storageListeners) l(k, v);
}

function removeStorage(k: string): void {
  localStorage.removeItem(key(k));
  for (const l of storageListeners) l(k, '');
}

function storageKeys(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(STORAGE_PREFIX)) keys.push(k.slice(STORAGE_PREFIX.length));
  }
  return keys;
}

export function persona(): string {
  return (getStorage(PERSONA_KEY) as string) || DEFAULT_PERSONA;
}

/**
 * The build bakes in the devcloud address it was built for (127.0.0.1:8787 by default); the
 * preview is served by a devcloud, maybe on another port, and devcloud answers no cross-origin
 * request. So a loopback address goes to the devcloud serving this page.
 */
export function sameOrigin(url: string): string {
  try {
    const u = new URL(url, location.href);
    if (u.origin !== location.origin && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return `${location.origin}${u.pathname}${u.search}`;
    return u.href;
  } catch {
    return url;
  }
}

function queryString(data: unknown): string {
  if (!data || typeof data !== 'object') return data === undefined || data === null ? '' : String(data);
  return new URLSearchParams(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])).toString();
}

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return out;
}

interface RequestOpts extends Opts {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  dataType?: string;
  responseType?: string;
  timeout?: number;
}

function request(o: RequestOpts): { abort(): void; onHeadersReceived(): void; offHeadersReceived(): void } {
  const controller = new AbortController();
  const run = promised<RequestOpts>('request', async (opts) => {
    const method = (opts.method ?? 'GET').toUpperCase();
    const header: Record<string, string> = { ...(opts.header ?? {}) };
    let url = sameOrigin(opts.url);
    let body: BodyInit | undefined;
    if (method === 'GET' || method === 'HEAD') {
      const qs = queryString(opts.data);
      if (qs) url += (url.includes('?') ? '&' : '?') + qs;
    } else if (opts.data !== undefined) {
      const type = Object.entries(header).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
      if (!Object.keys(header).some((k) => k.toLowerCase() === 'content-type')) header['content-type'] = type;
      body = typeof opts.data === 'string' || opts.data instanceof ArrayBuffer ? (opts.data as BodyInit) : /x-www-form-urlencoded/.test(type) ? queryString(opts.data) : JSON.stringify(opts.data);
    }
    const timer = window.setTimeout(() => controller.abort(), opts.timeout ?? 60000);
    try {
      const res = await fetch(url, { method, headers: header, body, signal: controller.signal });
      let data: unknown;
      if (opts.responseType === 'arraybuffer') data = await res.arrayBuffer();
      else {
        const text = await res.text();
        data = text;
        if ((opts.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
      }
      return { statusCode: res.status, data, header: headersOf(res), cookies: [] };
    } catch (err) {
      throw new WxError(controller.signal.aborted ? 'fail abort' : `fail ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      window.clearTimeout(timer);
    }
  });
  const p = run(o);
  // wx.request answers a RequestTask, never a Promise; a caller without callbacks still must not see an unhandled rejection.
  p?.catch(() => undefined);
  return { abort: () => controller.abort(), onHeadersReceived() {}, offHeadersReceived() {} };
}

/** Temp files are blob: URLs; the fragment keeps the extension WeChat's temp paths have (`…#.jpg`). */
function tempPath(blob: Blob, ext: string): string {
  return `${URL.createObjectURL(blob)}#.${ext}`;
}

function extOf(file: { name?: string; type?: string }): string {
  const fromName = /\.([A-Za-z0-9]{1,5})$/.exec(file.name ?? '')?.[1];
  if (fromName) return fromName.toLowerCase();
  const fromType = /\/([a-z0-9]+)/.exec(file.type ?? '')?.[1];
  return fromType === 'jpeg' ? 'jpg' : (fromType ?? 'bin');
}

async function readTemp(filePath: string): Promise<Blob> {
  const res = await fetch(filePath.split('#')[0] as string);
  if (!res.ok) throw new WxError(`fail file not found ${filePath}`);
  return res.blob();
}

function imageSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => resolve({ width: 0, height: 0 });
    img.src = url;
  });
}

/**
 * chooseMedia/chooseImage: a real file input inside the phone (data-testid="choose-media"), so a
 * person picks a photo from disk and a browser test calls setInputFiles on it.
 */
function pickFiles(count: number, accept: string): Promise<File[]> {
  return new Promise((resolve, reject) => {
    document.querySelectorAll('input[data-testid="choose-media"]').forEach((e) => e.remove());
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = count > 1;
    input.hidden = true;
    input.dataset.testid = 'choose-media';
    document.getElementById('phone')?.appendChild(input);
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count);
      input.remove();
      if (files.length === 0) reject(new WxError('fail cancel'));
      else resolve(files);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      reject(new WxError('fail cancel'));
    });
    input.click();
  });
}

interface UploadOpts extends Opts {
  url: string;
  filePath: string;
  name: string;
  header?: Record<string, string>;
  formData?: Record<string, unknown>;
  timeout?: number;
}

type ProgressListener = (r: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void;

/**
 * An UploadTask as WeChat hands it out: its progress listeners hear XHR's upload progress (fetch
 * reports none), so a page's percent moves as bytes leave the browser; under Chromium's network
 * emulation that is as slowly as on a rural link.
 */
class PreviewUploadTask {
  private readonly listeners = new Set<ProgressListener>();
  readonly xhr = new XMLHttpRequest();

  constructor() {
    this.xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const r = { progress: Math.round((e.loaded / e.total) * 100), totalBytesSent: e.loaded, totalBytesExpectedToSend: e.total };
      for (const l of this.listeners) l(r);
    });
  }

  send(url: string, headers: Record<string, string>, body: FormData): Promise<{ status: number; text: string }> {
    const { xhr } = this;
    return new Promise((resolve, reject) => {
      xhr.open('POST', url);
      for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
      xhr.onerror = () => reject(new WxError('fail network error'));
      xhr.onabort = () => reject(new WxError('fail abort'));
      xhr.ontimeout = () => reject(new WxError('fail timeout'));
      xhr.send(body);
    });
  }

  abort(): void {
    this.xhr.abort();
  }

  onProgressUpdate(l: ProgressListener): void {
    this.listeners.add(l);
  }

  offProgressUpdate(l?: ProgressListener): void {
    if (l) this.listeners.delete(l);
    else this.listeners.clear();
  }

  // Headers of an upload's answer: nothing in the product listens; present so a call is not a red banner.
  onHeadersReceived(): void {}
  offHeadersReceived(): void {}
}

function uploadFile(o: UploadOpts): PreviewUploadTask {
  const task = new PreviewUploadTask();
  const run = promised<UploadOpts>('uploadFile', async (opts) => {
    const blob = await readTemp(opts.filePath);
    const form = new FormData();
    for (const [k, v] of Object.entries(opts.formData ?? {})) form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
    const ext = /#\.([A-Za-z0-9]+)$/.exec(opts.filePath)?.[1] ?? extOf(blob);
    form.append(opts.name, blob, `upload.${ext}`);
    const res = await task.send(sameOrigin(opts.url), opts.header ?? {}, form);
    return { statusCode: res.status, data: res.text };
  });
  run(o)?.catch(() => undefined);
  return task;
}

function callFunction(o: Opts & { name: string; data?: unknown }): Promise<unknown> | undefined {
  return promised<Opts & { name: string; data?: unknown }>('cloud.callFunction', async (opts) => {
    const res = await fetch(`${location.origin}/fn/${encodeURIComponent(opts.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-devcloud-openid': persona() },
      body: JSON.stringify(opts.data ?? {}),
    });
    const result: unknown = await res.json().catch(() => null);
    if (result === null) throw new WxError(`fail HTTP ${res.status}`);
    return { result, requestID: `preview-${Date.now().toString(36)}` };
  })(o);
}

/** wx.cloud.uploadFile: with callbacks it answers its UploadTask (as WeChat does), else a Promise. */
function cloudUpload(o: Opts & { cloudPath: string; filePath: string }): Promise<unknown> | PreviewUploadTask {
  const task = new PreviewUploadTask();
  const answer = promised<Opts & { cloudPath: string; filePath: string }>('cloud.uploadFile', async (opts) => {
    const blob = await readTemp(opts.filePath);
    const form = new FormData();
    form.append('cloudPath', opts.cloudPath);
    form.append('file', blob, opts.cloudPath.split('/').pop() ?? 'file');
    const res = await task.send(`${location.origin}/storage/form`, { 'x-devcloud-openid': persona() }, form);
    const body = (() => {
      try {
        return JSON.parse(res.text) as { ok?: boolean; data?: { fileID?: string } };
      } catch {
        return null;
      }
    })();
    if (!body?.ok || !body.data?.fileID) throw new WxError(`fail HTTP ${res.status}`);
    return { fileID: body.data.fileID, statusCode: 200 };
  })(o);
  return answer ?? task;
}

type NetworkListener = (r: { isConnected: boolean; networkType: string }) => void;
const networkListeners = new Set<NetworkListener>();
for (const event of ['online', 'offline']) {
  window.addEventListener(event, () => {
    for (const l of networkListeners) l({ isConnected: navigator.onLine, networkType: navigator.onLine ? 'wifi' : 'none' });
  });
}

/** createSelectorQuery over exparser's tree: page-scoped, or inside a component with .in(this). */
class SelectorQuery {
  private scope: ExparserNode | null;
  private readonly queue: Array<{ selector: string; single: boolean; fields: Record<string, unknown>; cb?: (r: unknown) => void; viewport?: boolean }> = [];

  constructor(private readonly router: Router) {
    this.scope = null;
  }

  in(component: Instance): this {
    this.scope = component?._exparserNode ?? null;
    return this;
  }

  select(selector: string) {
    return this.ref(selector, true);
  }

  selectAll(selector: string) {
    return this.ref(selector, false);
  }

  selectViewport() {
    return this.ref('', true, true);
  }

  private ref(selector: string, single: boolean, viewport = false) {
    const push = (fields: Record<string, unknown>, cb?: (r: unknown) => void) => {
      this.queue.push({ selector, single, fields, cb, viewport });
      return this;
    };
    return {
      boundingClientRect: (cb?: (r: unknown) => void) => push({ id: true, dataset: true, rect: true, size: true }, cb),
      scrollOffset: (cb?: (r: unknown) => void) => push({ id: true, dataset: true, scrollOffset: true }, cb),
      fields: (fields: Record<string, unknown>, cb?: (r: unknown) => void) => push(fields, cb),
      node: (cb?: (r: unknown) => void) => push({ node: true }, cb),
      context: (cb?: (r: unknown) => void) => {
        ui.loud('NodesRef.context（旧版 canvas 上下文）预览暂不支持');
        return push({}, cb);
      },
    };
  }

  private describe(node: ExparserNode, fields: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const dom = node.$$;
    if (fields.id) out.id = node.id || '';
    if (fields.dataset) out.dataset = { ...(node.dataset ?? {}) };
    if (fields.rect || fields.size) {
      const r = dom.getBoundingClientRect();
      const origin = this.router.viewportOrigin();
      if (fields.rect) Object.assign(out, { left: r.left - origin.left, right: r.right - origin.left, top: r.top - origin.top, bottom: r.bottom - origin.top });
      if (fields.size) Object.assign(out, { width: r.width, height: r.height });
    }
    if (fields.scrollOffset) Object.assign(out, { scrollLeft: dom.scrollLeft, scrollTop: dom.scrollTop, scrollWidth: dom.scrollWidth, scrollHeight: dom.scrollHeight });
    if (Array.isArray(fields.properties)) for (const p of fields.properties as string[]) out[p] = node.data?.[p.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())];
    if (Array.isArray(fields.computedStyle)) {
      const style = getComputedStyle(dom);
      for (const p of fields.computedStyle as string[]) out[p] = style.getPropertyValue(p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    }
    if (fields.node) {
      const inst = (node as unknown as { __methodCaller?: Instance }).__methodCaller;
      const canvas = dom.tagName === 'WX-CANVAS' ? (inst ? canvasNode(inst) : undefined) ?? (dom.querySelector('canvas.px-native') as HTMLCanvasElement | null) : null;
      if (canvas) out.node = canvas;
      else if (dom.tagName === 'WX-SCROLL-VIEW') out.node = { scrollTo: (o: ScrollToOptions) => dom.scrollTo(o), scrollIntoView: (sel: string) => dom.querySelector(sel)?.scrollIntoView() };
      else ui.loud(`createSelectorQuery().fields({ node: true }) 预览只支持 canvas 和 scroll-view（选中的是 <${dom.tagName.toLowerCase()}>）`);
    }
    return out;
  }

  exec(cb?: (res: unknown[]) => void): void {
    // WeChat answers asynchronously, after the current rendering.
    window.setTimeout(() => {
      const root = this.scope ?? this.router.currentRoot();
      const results = this.queue.map((item) => {
        let value: unknown;
        if (item.viewport) {
          const vp = this.router.viewport();
          value = { id: '', dataset: {}, left: 0, top: 0, right: vp.clientWidth, bottom: vp.clientHeight, width: vp.clientWidth, height: vp.clientHeight, scrollTop: vp.scrollTop, scrollLeft: vp.scrollLeft, scrollHeight: vp.scrollHeight, scrollWidth: vp.scrollWidth };
        } else {
          const shadow = root?.shadowRoot;
          // `a >>> b` crosses component boundaries in WeChat; exparser's own querySelector knows it too.
          const nodes = shadow ? (item.single ? [shadow.querySelector(item.selector)].filter((n): n is ExparserNode => !!n) : shadow.querySelectorAll(item.selector)) : [];
          const described = nodes.map((n) => this.describe(n, item.fields));
          value = item.single ? (described[0] ?? null) : described;
        }
        item.cb?.(value);
        return value;
      });
      cb?.(results);
    }, 0);
  }
}

function systemInfo() {
  return {
    brand: 'devcloud',
    model: '乡法通预览',
    pixelRatio: window.devicePixelRatio || 2,
    screenWidth: FRAME.width,
    screenHeight: FRAME.height,
    windowWidth: FRAME.width,
    windowHeight: FRAME.height - FRAME.navBar,
    statusBarHeight: FRAME.statusBar,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'Android 14',
    platform: 'android',
    fontSizeSetting: 16,
    SDKVersion: '3.5.0',
    benchmarkLevel: 1,
    albumAuthorized: true,
    cameraAuthorized: true,
    locationAuthorized: true,
    microphoneAuthorized: true,
    notificationAuthorized: true,
    bluetoothEnabled: false,
    locationEnabled: true,
    wifiEnabled: true,
    safeArea: { left: 0, right: FRAME.width, top: FRAME.statusBar, bottom: FRAME.height, width: FRAME.width, height: FRAME.height - FRAME.statusBar },
    theme: 'light',
    enableDebug: false,
    deviceOrientation: 'portrait',
    host: { env: 'WeChat' },
  };
}

function pick<T extends Record<string, unknown>>(o: T, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

const WINDOW_KEYS = ['pixelRatio', 'screenWidth', 'screenHeight', 'windowWidth', 'windowHeight', 'statusBarHeight', 'safeArea', 'screenTop'];

async function subscribe(tmplIds: string[]): Promise<Record<string, unknown>> {
  const { confirm } = await ui.modal(
    { title: '乡法通 申请向你发送以下通知', content: tmplIds.map((id) => `· ${id}`).join('\n'), showCancel: true, cancelText: '拒绝', confirmText: '允许' },
    'subscribe',
  );
  const answer: Record<string, unknown> = Object.fromEntries(tmplIds.map((id) => [id, confirm ? 'accept' : 'reject']));
  if (confirm) {
    const res = await fetch(`${location.origin}/devcloud/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-devcloud-openid': persona() },
      body: JSON.stringify({ templateIds: tmplIds }),
    });
    if (!res.ok) throw new WxError(`fail devcloud did not record the consent (HTTP ${res.status})`);
  }
  return answer;
}

/** The preview's clipboard, readable by tests even where the browser refuses clipboard access. */
export const clipboard = { text: '' };

export function createWx(router: Router): Record<string, unknown> {
  const nav = (name: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') =>
    promised<Opts & { url: string }>(name, async (o) => {
      await router[name](String(o.url ?? ''));
      return {};
    });
  const wx: Record<string, unknown> = {
    // storage
    getStorageSync: (k: string) => getStorage(k),
    setStorageSync: (k: string, v: unknown) => setStorage(k, v),
    removeStorageSync: (k: string) => removeStorage(k),
    clearStorageSync: () => storageKeys().forEach(removeStorage),
    getStorageInfoSync: () => ({ keys: storageKeys(), currentSize: 0, limitSize: 10240 }),
    getStorage: promised<Opts & { key: string }>('getStorage', async (o) => {
      if (localStorage.getItem(key(o.key)) === null) throw new WxError('fail data not found');
      return { data: getStorage(o.key) };
    }),
    setStorage: promised<Opts & { key: string; data: unknown }>('setStorage', async (o) => (setStorage(o.key, o.data), {})),
    removeStorage: promised<Opts & { key: string }>('removeStorage', async (o) => (removeStorage(o.key), {})),
    clearStorage: promised('clearStorage', async () => (storageKeys().forEach(removeStorage), {})),

    // network
    request,
    uploadFile,
    downloadFile: promised<Opts & { url: string }>('downloadFile', async (o) => {
      const res = await fetch(sameOrigin(o.url));
      const blob = await res.blob();
      return { statusCode: res.status, tempFilePath: tempPath(blob, extOf({ type: blob.type, name: new URL(o.url, location.href).pathname })) };
    }),
    cloud: {
      init: () => undefined,
      callFunction,
      uploadFile: cloudUpload,
    },

    // navigation
    navigateTo: nav('navigateTo'),
    redirectTo: nav('redirectTo'),
    switchTab: nav('switchTab'),
    reLaunch: nav('reLaunch'),
    navigateBack: promised<Opts & { delta?: number }>('navigateBack', async (o) => {
      await router.navigateBack(Number(o.delta ?? 1) || 1);
      return {};
    }),
    setNavigationBarTitle: promised<Opts & { title: string }>('setNavigationBarTitle', async (o) => (router.setTitle(String(o.title ?? '')), {})),
    setNavigationBarColor: promised<Opts & { frontColor: string; backgroundColor: string }>('setNavigationBarColor', async (o) => (router.setNavColor(o.frontColor, o.backgroundColor), {})),
    showNavigationBarLoading: () => undefined,
    hideNavigationBarLoading: () => undefined,
    hideHomeButton: () => undefined,
    pageScrollTo: promised<Opts & { scrollTop?: number; selector?: string; duration?: number }>('pageScrollTo', async (o) => (router.scrollTo(o.scrollTop, o.selector), {})),
    startPullDownRefresh: promised('startPullDownRefresh', async () => (router.pullDownRefresh(), {})),
    stopPullDownRefresh: promised('stopPullDownRefresh', async () => ({})),

    // interaction
    showToast: promised<Opts & { title: string; icon?: string; duration?: number }>('showToast', async (o) => (ui.toast({ title: String(o.title ?? ''), icon: o.icon, duration: o.duration }), {})),
    hideToast: promised('hideToast', async () => (ui.hideToast(), {})),
    showLoading: promised<Opts & { title?: string; mask?: boolean }>('showLoading', async (o) => (ui.showLoading(String(o.title ?? ''), !!o.mask), {})),
    hideLoading: promised('hideLoading', async () => (ui.hideLoading(), {})),
    showModal: promised<Opts & ui.ModalOptions>('showModal', async (o) => ui.modal(o)),
    showActionSheet: promised<Opts & { itemList: string[]; alertText?: string }>('showActionSheet', async (o) => {
      const tapIndex = await ui.sheet({ title: o.alertText, items: o.itemList ?? [], testid: 'action-sheet' });
      if (tapIndex < 0) throw new WxError('fail cancel');
      return { tapIndex };
    }),
    vibrateShort: promised('vibrateShort', async () => ({})),
    vibrateLong: promised('vibrateLong', async () => ({})),
    nextTick: (cb: () => void) => window.setTimeout(cb, 0),
    setClipboardData: promised<Opts & { data: string }>('setClipboardData', async (o) => {
      clipboard.text = String(o.data ?? '');
      await navigator.clipboard?.writeText(clipboard.text).catch(() => undefined);
      ui.toast({ title: '内容已复制', icon: 'success' });
      return {};
    }),
    getClipboardData: promised('getClipboardData', async () => ({ data: clipboard.text })),

    // privacy (用户隐私保护指引): the preview behaves as WeChat does once the person has agreed, so
    // the platform never needs to ask and a listener registered is never called.
    getPrivacySetting: promised('getPrivacySetting', async () => ({ needAuthorization: false, privacyContractName: '《乡法通用户隐私保护指引》' })),
    requirePrivacyAuthorize: promised('requirePrivacyAuthorize', async () => ({})),
    onNeedPrivacyAuthorization: () => undefined,
    openPrivacyContract: promised('openPrivacyContract', async () => {
      await ui.modal({ title: '乡法通用户隐私保护指引', content: '预览里没有隐私保护指引的全文；正式版由微信展示在后台填写的指引。', showCancel: false, confirmText: '知道了' }, 'privacy-contract');
      return {};
    }),

    // open capabilities
    requestSubscribeMessage: promised<Opts & { tmplIds: string[] }>('requestSubscribeMessage', async (o) => subscribe(o.tmplIds ?? [])),
    chooseMedia: promised<Opts & { count?: number; mediaType?: string[] }>('chooseMedia', async (o) => {
      const types = o.mediaType ?? ['image', 'video'];
      const accept = [types.includes('image') || types.includes('mix') ? 'image/*' : '', types.includes('video') || types.includes('mix') ? 'video/*' : ''].filter(Boolean).join(',');
      const files = await pickFiles(Number(o.count ?? 9), accept || 'image/*');
      const tempFiles = await Promise.all(
        files.map(async (f) => {
          const tempFilePath = tempPath(f, extOf(f));
          const fileType = f.type.startsWith('video/') ? 'video' : 'image';
          const size = fileType === 'image' ? await imageSize(tempFilePath) : { width: 0, height: 0 };
          return { tempFilePath, size: f.size, fileType, ...size, thumbTempFilePath: fileType === 'image' ? tempFilePath : '', duration: 0 };
        }),
      );
      return { tempFiles, type: tempFiles.some((f) => f.fileType === 'video') ? 'video' : 'image' };
    }),
    chooseImage: promised<Opts & { count?: number }>('chooseImage', async (o) => {
      const files = await pickFiles(Number(o.count ?? 9), 'image/*');
      const tempFiles = files.map((f) => ({ path: tempPath(f, extOf(f)), size: f.size }));
      return { tempFilePaths: tempFiles.map((t) => t.path), tempFiles };
    }),
    previewImage: promised<Opts & { urls: string[]; current?: string }>('previewImage', async (o) => {
      const url = o.current ?? o.urls?.[0];
      if (url) ui.previewImage(url);
      return {};
    }),
    getImageInfo: promised<Opts & { src: string }>('getImageInfo', async (o) => ({ ...(await imageSize(o.src)), path: o.src, type: extOf({ name: o.src }), orientation: 'up' })),
    scanCode: promised('scanCode', async () => {
      const { confirm, content } = await ui.modal({ title: '扫一扫（预览）', editable: true, placeholderText: '粘贴或输入二维码里的内容', confirmText: '确定', cancelText: '取消' }, 'scan-code');
      if (!confirm) throw new WxError('fail cancel');
      return { result: (content ?? '').trim(), scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: btoa(unescape(encodeURIComponent(content ?? ''))) };
    }),
    makePhoneCall: promised<Opts & { phoneNumber: string }>('makePhoneCall', async (o) => {
      const { confirm } = await ui.modal({ title: '拨打电话', content: String(o.phoneNumber ?? ''), confirmText: '呼叫', cancelText: '取消' }, 'phone-call');
      if (!confirm) throw new WxError('fail cancel');
      return {};
    }),
    // The phone's own map app would open here: the preview says where it would navigate to.
    openLocation: promised<Opts & { latitude: number; longitude: number; name?: string; address?: string }>('openLocation', async (o) => {
      await ui.modal({ title: '导航', content: `${o.name ?? ''} ${o.address ?? ''}（${o.latitude}, ${o.longitude}）`, showCancel: false, confirmText: '好' }, 'open-location');
      return {};
    }),
    getLocation: promised('getLocation', async () => ({ ...DEMO_COUNTY_LOCATION, speed: 0, accuracy: 30, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 30 })),
    canvasToTempFilePath: promised<Opts & { canvas?: HTMLCanvasElement; canvasId?: string; fileType?: string; quality?: number; x?: number; y?: number; width?: number; height?: number; destWidth?: number; destHeight?: number }>(
      'canvasToTempFilePath',
      async (o) => {
        if (!(o.canvas instanceof HTMLCanvasElement)) throw new WxError('fail 预览只支持 type="2d" 的 canvas（传入 canvas 节点）');
        const type = o.fileType === 'jpg' ? 'image/jpeg' : 'image/png';
        let source: HTMLCanvasElement = o.canvas;
        if (o.x !== undefined || o.y !== undefined || o.width !== undefined || o.destWidth !== undefined) {
          const w = o.width ?? source.width;
          const h = o.height ?? source.height;
          const out = document.createElement('canvas');
          out.width = o.destWidth ?? w;
          out.height = o.destHeight ?? h;
          out.getContext('2d')?.drawImage(source, o.x ?? 0, o.y ?? 0, w, h, 0, 0, out.width, out.height);
          source = out;
        }
        const blob = await new Promise<Blob | null>((resolve) => source.toBlob(resolve, type, o.quality ?? 1));
        if (!blob) throw new WxError('fail canvas is empty');
        return { tempFilePath: tempPath(blob, type === 'image/jpeg' ? 'jpg' : 'png') };
      },
    ),

    // system
    getSystemInfoSync: systemInfo,
    getSystemInfo: promised('getSystemInfo', async () => systemInfo()),
    getSystemInfoAsync: promised('getSystemInfoAsync', async () => systemInfo()),
    getWindowInfo: () => pick(systemInfo(), WINDOW_KEYS),
    getAppBaseInfo: () => pick(systemInfo(), ['SDKVersion', 'enableDebug', 'host', 'language', 'version', 'theme', 'fontSizeSetting']),
    getDeviceInfo: () => pick(systemInfo(), ['abi', 'benchmarkLevel', 'brand', 'model', 'system', 'platform', 'memorySize']),
    getSystemSetting: () => pick(systemInfo(), ['bluetoothEnabled', 'locationEnabled', 'wifiEnabled', 'deviceOrientation']),
    getAppAuthorizeSetting: () => ({
      albumAuthorized: 'authorized',
      cameraAuthorized: 'authorized',
      locationAuthorized: 'authorized',
      microphoneAuthorized: 'authorized',
      notificationAuthorized: 'authorized',
      phoneCalendarAuthorized: 'authorized',
    }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: FRAME.statusBar + 6, bottom: FRAME.statusBar + 38, left: FRAME.width - 94, right: FRAME.width - 7 }),
    // The browser's own online state (DevTools' or Playwright's offline switch turns it).
    getNetworkType: promised('getNetworkType', async () => ({ networkType: navigator.onLine ? 'wifi' : 'none', signalStrength: 100, hasSystemProxy: false })),
    onNetworkStatusChange: (l: NetworkListener) => void networkListeners.add(l),
    offNetworkStatusChange: (l?: NetworkListener) => void (l ? networkListeners.delete(l) : networkListeners.clear()),
    getLaunchOptionsSync: () => ({ path: router.firstPage(), query: {}, scene: 1001, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ path: router.firstPage(), query: {}, scene: 1001, referrerInfo: {} }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'preview', envVersion: 'develop', version: '' } }),
    createSelectorQuery: () => new SelectorQuery(router),
    canIUse: (schema: string) => !/^(button\.open-type|cover-image|video|map|camera)/.test(schema),
    getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
    onAppShow: () => undefined,
    offAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppHide: () => undefined,
    onError: () => undefined,
    onUnhandledRejection: () => undefined,
    onWindowResize: () => undefined,
    offWindowResize: () => undefined,
    onThemeChange: () => undefined,
    offThemeChange: () => undefined,
    onMemoryWarning: () => undefined,
    reportAnalytics: () => undefined,
    reportEvent: () => undefined,
    getPerformance: () => ({ now: () => performance.now(), getEntries: () => [], createObserver: () => ({ observe() {}, disconnect() {} }) }),
    getRealtimeLogManager: () => ({ info: console.info, warn: console.warn, error: console.error, setFilterMsg() {}, addFilterMsg() {} }),
    getLogManager: () => ({ log: console.log, info: console.info, warn: console.warn, debug: console.debug }),
    env: { USER_DATA_PATH: 'wxfile://usr' },
  };
  return loudProxy(wx, 'wx');
}

/** Any property the shim lacks: banner + console.error + a throw naming it. Symbols and thenable checks pass. */
function loudProxy(target: Record<string, unknown>, name: string): Record<string, unknown> {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON' || prop === '__esModule') return Reflect.get(t, prop, receiver);
      if (prop in t) {
        const value = Reflect.get(t, prop, receiver);
        if (prop === 'cloud' && value && typeof value === 'object') return loudProxy(value as Record<string, unknown>, 'wx.cloud');
        return value;
      }
      const api = `${name}.${prop}`;
      ui.loud(`${api} 在预览里没有实现`);
      return () => {
        throw new Error(`${api} is not supported by the web preview`);
      };
    },
    has(t, prop) {
      // `wx.cloud` feature checks (app.ts) must see what is really here.
      return Reflect.has(t, prop);
    },
  });
}
