/**
 * The WeChat runtime a page needs under miniprogram-simulate: wx.cloud.callFunction reaching the
 * shared devcloud over HTTP (the production transport's call shape), wx.request, real storage,
 * and recorders for toast/modal so tests can assert what a resident was shown.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PERSONAS } from '../../scripts/seed/personas';

interface Recorded {
  toasts: Array<{ title: string }>;
  modals: Array<{ title?: string; content?: string }>;
  navigations: string[];
  calls: string[];
  titles: string[];
  /** Images opened full screen (wx.previewImage), by URL. */
  previews: string[];
  /** What was drawn on canvases: the signature pad's strokes. */
  strokes: number;
  /** Text put on the clipboard (wx.setClipboardData). */
  clipboard: string[];
  /** Cloud function calls sent, as fn.action, and how many are still travelling. */
  functionCalls: string[];
  /** Refusals the functions answered, as code and reason (tests assert on these, never on copy). */
  refusals: Array<{ code: string; reason?: string }>;
  inFlight: number;
}

export const shown: Recorded = { toasts: [], modals: [], navigations: [], calls: [], titles: [], previews: [], strokes: 0, clipboard: [], functionCalls: [], refusals: [], inFlight: 0 };
const storage = new Map<string, unknown>();
/** The phone's connection as wx.getNetworkType / onNetworkStatusChange tell it. */
export const network = { online: true, listeners: new Set<(r: { isConnected: boolean }) => void>() };

function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; data: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, data: JSON.parse(text) as unknown });
        } catch {
          resolve({ status: res.statusCode ?? 0, data: text });
        }
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The multipart form wx.cloud.uploadFile's stand-in sends devcloud, as the local-mode wx.uploadFile does. */
function postFile(url: string, filePath: string, cloudPath: string, headers: Record<string, string>): Promise<{ status: number; data: unknown }> {
  const boundary = `----devcloud${Date.now().toString(16)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="cloudPath"\r\n\r\n${cloudPath}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(filePath)}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    fs.readFileSync(filePath),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, data: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A canvas node with a 2d context that counts strokes: jsdom draws nothing, the test reads what was drawn. */
function fakeCanvas() {
  const ctx = {
    scale() {},
    beginPath() {},
    moveTo() {},
    lineTo() {},
    stroke: () => void (shown.strokes += 1),
    fillRect() {},
  };
  return { width: 300, height: 150, getContext: () => ctx };
}

export const PHOTO = path.resolve(__dirname, '..', 'fixtures', 'photo.png');

/** GETs a URL (a file link the function handed out): jsdom has no fetch. */
export function download(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

function devcloudUrl(): string {
  const url = process.env.DEVCLOUD_URL;
  if (!url) throw new Error('page tests need DEVCLOUD_URL (set by test/support/pages-global-setup.ts)');
  return url;
}

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: () => void };

/**
 * An answer that arrives after its test file's environment was torn down (a page left loading when
 * its file ended) is dropped: delivered, it would render into a closed document and surface as an
 * error in whichever file the worker runs next.
 */
const whileAlive =
  <T>(fn: ((x: T) => void) | undefined) =>
  (x: T): void => {
    if (fn && globalThis.document) fn(x);
  };

/**
 * The 微信同声传译 plugin's recognition manager, driven by the test: start/stop are recorded, and the
 * test answers with the manager's own callbacks (onStop({ result })). `plugin` false makes
 * requirePlugin throw as it does where the plugin was not added; `record` false refuses the microphone.
 */
export const voice = {
  plugin: true,
  record: true,
  starts: [] as Array<{ lang: string; duration: number }>,
  stops: 0,
  manager: {
    start: (o: { lang: string; duration: number }) => void voice.starts.push(o),
    stop: () => void (voice.stops += 1),
  } as { start(o: object): void; stop(): void; onStart?(r: { msg: string }): void; onStop?(r: { result: string }): void; onError?(r: { retcode: number; msg: string }): void },
};

const wxShim = {
  authorize: (opts: { scope: string } & Callbacks) => (opts.scope === 'scope.record' && !voice.record ? opts.fail?.({ errMsg: 'authorize:fail auth deny' }) : opts.success?.({ errMsg: 'authorize:ok' })),
  cloud: {
    init() {},
    callFunction(opts: { name: string; data: unknown } & Callbacks) {
      const persona = (storage.get('devcloud.persona') as string | undefined) ?? 'demo-resident';
      shown.functionCalls.push(`${opts.name}.${(opts.data as { action?: string }).action ?? '?'}`);
      shown.inFlight += 1;
      post(`${devcloudUrl()}/fn/${opts.name}`, opts.data, { 'x-devcloud-openid': persona })
        .finally(() => void (shown.inFlight -= 1))
        .then((res) => {
          const error = (res.data as { ok?: boolean; error?: { code: string; details?: { reason?: string } } } | null)?.error;
          if (error) shown.refusals.push({ code: error.code, reason: error.details?.reason });
          return res;
        })
        .then(
        whileAlive((res: { status: number; data: unknown }) => (res.status < 500 || typeof res.data === 'object' ? opts.success?.({ result: res.data, errMsg: 'cloud.callFunction:ok' }) : opts.fail?.({ errMsg: 'cloud.callFunction:fail' }))),
        whileAlive(() => opts.fail?.({ errMsg: 'cloud.callFunction:fail' })),
      );
    },
    uploadFile(opts: { cloudPath: string; filePath: string } & Callbacks) {
      const persona = (storage.get('devcloud.persona') as string | undefined) ?? 'demo-resident';
      // The UploadTask WeChat answers: its listeners hear the whole file sent, before success.
      const listeners: Array<(r: { progress: number }) => void> = [];
      postFile(`${devcloudUrl()}/storage/form`, opts.filePath, opts.cloudPath, { 'x-devcloud-openid': persona }).then(
        whileAlive((res: { status: number; data: unknown }) => {
          const body = res.data as { ok: boolean; data?: { fileID: string } };
          for (const l of listeners) l({ progress: 100 });
          if (body.ok && body.data) opts.success?.({ fileID: body.data.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
          else opts.fail?.({ errMsg: 'cloud.uploadFile:fail' });
        }),
        whileAlive(() => opts.fail?.({ errMsg: 'cloud.uploadFile:fail' })),
      );
      return { onProgressUpdate: (l: (r: { progress: number }) => void) => void listeners.push(l), offProgressUpdate() {}, abort() {} };
    },
  },
  createSelectorQuery() {
    const query = {
      in: () => query,
      select: () => query,
      fields: () => query,
      exec: (cb: (res: unknown[]) => void) => setTimeout(() => cb([{ node: fakeCanvas(), width: 300, height: 150 }]), 0),
    };
    return query;
  },
  canvasToTempFilePath(opts: Callbacks) {
    const file = path.join(os.tmpdir(), `signature-${process.pid}-${Date.now()}.png`);
    fs.copyFileSync(PHOTO, file);
    opts.success?.({ tempFilePath: file });
  },
  getWindowInfo: () => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 667 }),
  // Always connected: a page test of the offline state sets `network.online` and calls the listeners.
  getNetworkType: (opts: Callbacks) => opts.success?.({ networkType: network.online ? 'wifi' : 'none' }),
  onNetworkStatusChange: (l: (r: { isConnected: boolean }) => void) => void network.listeners.add(l),
  offNetworkStatusChange: (l: (r: { isConnected: boolean }) => void) => void network.listeners.delete(l),
  stopPullDownRefresh: () => undefined,
  setClipboardData: (opts: { data: string } & Callbacks) => {
    shown.clipboard.push(opts.data);
    opts.success?.({ errMsg: 'setClipboardData:ok' });
  },
  previewImage: (opts: { urls: string[]; current?: string }) => void shown.previews.push(opts.current ?? opts.urls[0] ?? ''),
  request(opts: { url: string; data: unknown; header?: Record<string, string> } & Callbacks) {
    post(opts.url, opts.data, opts.header ?? {}).then(
      whileAlive((res: { status: number; data: unknown }) => opts.success?.({ statusCode: res.status, data: res.data, header: {} })),
      whileAlive(() => opts.fail?.({ errMsg: 'request:fail' })),
    );
  },
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  showToast: (opts: { title: string }) => void shown.toasts.push({ title: opts.title }),
  showModal: (opts: { title?: string; content?: string }) => void shown.modals.push({ title: opts.title, content: opts.content }),
  showLoading: () => undefined,
  navigateTo: (opts: { url: string }) => void shown.navigations.push(opts.url),
  switchTab: (opts: { url: string }) => void shown.navigations.push(opts.url),
  redirectTo: (opts: { url: string }) => void shown.navigations.push(opts.url),
  makePhoneCall: (opts: { phoneNumber: string }) => void shown.calls.push(opts.phoneNumber),
  setNavigationBarTitle: (opts: { title: string }) => void shown.titles.push(opts.title),
  hideLoading: () => undefined,
};

const g = globalThis as Record<string, unknown>;
g.wx = wxShim;
g.__API_TARGET__ = 'cloud';
g.__DEVCLOUD_URL__ = process.env.DEVCLOUD_URL ?? '';
g.__LOCAL_PERSONAS__ = PERSONAS;
g.getApp = () => ({ globalData: {} });
g.getCurrentPages = () => [];
g.requirePlugin = (name: string) => {
  if (name !== 'WechatSI' || !voice.plugin) throw new Error(`plugin ${name} is not defined`);
  return { getRecordRecognitionManager: () => voice.manager };
};

/** A function's refusal as the envelope carries it. */
export interface RefusalBody {
  code: string;
  message: string;
  details?: { reason?: string };
}

/** The refusal an action answers a persona with (for pages that must show the function's own words). */
export async function refusalFor(openid: string, fn: string, action: string, payload: unknown): Promise<RefusalBody> {
  try {
    await callAs(openid, fn, action, payload);
  } catch (err) {
    const refusal = (err as { refusal?: RefusalBody }).refusal;
    if (refusal) return refusal;
    throw err;
  }
  throw new Error(`${fn}.${action} was not refused`);
}

/** Calls an action on the shared devcloud as a persona, for test setup (e.g. an admin's invite). */
export async function callAs<T>(openid: string, fn: string, action: string, payload: unknown): Promise<T> {
  const res = await post(`${devcloudUrl()}/fn/${fn}`, { action, payload, requestId: `setup${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}` }, { 'x-devcloud-openid': openid });
  const body = res.data as { ok: boolean; data: T; error?: RefusalBody };
  if (!body.ok) throw Object.assign(new Error(`${fn}.${action} failed: ${body.error?.code}`), { refusal: body.error });
  return body.data;
}

export function storageValue(key: string): unknown {
  return storage.get(key);
}

export function clearStorage(): void {
  storage.clear();
}

export function setPersona(openid: string): void {
  storage.set('devcloud.persona', openid);
}

export function resetShown(): void {
  for (const list of Object.values(shown)) if (Array.isArray(list)) list.length = 0;
  shown.strokes = 0;
  shown.inFlight = 0;
  Object.assign(voice, { plugin: true, record: true, stops: 0 });
  voice.starts.length = 0;
}
