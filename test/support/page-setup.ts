/**
 * The WeChat runtime a page needs under miniprogram-simulate: wx.cloud.callFunction reaching the
 * shared devcloud over HTTP (the production transport's call shape), wx.request, real storage,
 * and recorders for toast/modal so tests can assert what a resident was shown.
 */
import http from 'node:http';

interface Recorded {
  toasts: Array<{ title: string }>;
  modals: Array<{ title?: string; content?: string }>;
  navigations: string[];
  calls: string[];
  titles: string[];
}

export const shown: Recorded = { toasts: [], modals: [], navigations: [], calls: [], titles: [] };
const storage = new Map<string, unknown>();

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

function devcloudUrl(): string {
  const url = process.env.DEVCLOUD_URL;
  if (!url) throw new Error('page tests need DEVCLOUD_URL (set by test/support/pages-global-setup.ts)');
  return url;
}

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: () => void };

const wxShim = {
  cloud: {
    init() {},
    callFunction(opts: { name: string; data: unknown } & Callbacks) {
      const persona = (storage.get('devcloud.persona') as string | undefined) ?? 'demo-resident';
      post(`${devcloudUrl()}/fn/${opts.name}`, opts.data, { 'x-devcloud-openid': persona }).then(
        (res) => (res.status < 500 || typeof res.data === 'object' ? opts.success?.({ result: res.data, errMsg: 'cloud.callFunction:ok' }) : opts.fail?.({ errMsg: 'cloud.callFunction:fail' })),
        () => opts.fail?.({ errMsg: 'cloud.callFunction:fail' }),
      );
    },
  },
  request(opts: { url: string; data: unknown; header?: Record<string, string> } & Callbacks) {
    post(opts.url, opts.data, opts.header ?? {}).then(
      (res) => opts.success?.({ statusCode: res.status, data: res.data, header: {} }),
      () => opts.fail?.({ errMsg: 'request:fail' }),
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
g.getApp = () => ({ globalData: {} });
g.getCurrentPages = () => [];

/** Calls an action on the shared devcloud as a persona, for test setup (e.g. an admin's invite). */
export async function callAs<T>(openid: string, fn: string, action: string, payload: unknown): Promise<T> {
  const res = await post(`${devcloudUrl()}/fn/${fn}`, { action, payload, requestId: `setup${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}` }, { 'x-devcloud-openid': openid });
  const body = res.data as { ok: boolean; data: T; error?: { code: string } };
  if (!body.ok) throw new Error(`${fn}.${action} failed: ${body.error?.code}`);
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
  for (const list of Object.values(shown)) list.length = 0;
}
