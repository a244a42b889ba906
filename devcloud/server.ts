import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Clock } from './clock';
import { Database } from './db/database';
import type { CollectionDecl } from './db/types';
import { DEFAULT_DIST_DIR, readDeployment } from './deployment';
import { consoleHtml } from './console/page';
import { createPreviewHandler } from './preview/handler';
import { FunctionHost } from './host/host';
import { nestsDeeperThan } from './json-depth';
import { DevContentGuard } from './ports/content-guard';
import { DevDataSharing } from './ports/data-sharing';
import { DevOpenData } from './ports/open-data';
import { DevMessenger, type SendRequest } from './ports/messenger';
import { DevStorage } from './ports/storage';
import { TriggerScheduler, type Schedule, type TriggerRun } from './triggers';

export interface DevcloudOptions {
  port?: number;
  host?: string;
  /** Data directory; undefined = in memory. */
  dataDir?: string;
  /** Strict index coverage (on in tests). */
  strict?: boolean;
  /**
   * The build's output devcloud learns the deployment from, as CloudBase learns it from a deploy:
   * database.json (collections) and manifest.json (subscribe templates, demo personas). Default dist/.
   */
  distDir?: string;
  /** Declared collections; default: those of <distDir>/database.json when present. */
  collections?: CollectionDecl[];
  /** Built functions; default dist/cloudfunctions. */
  functionsDir?: string;
  /** Extra environment for every function instance (e.g. ADMIN_OPENIDS). */
  functionEnv?: Record<string, string>;
  /** Run timer triggers on their schedule (off in tests, which fire them explicitly). */
  schedule?: boolean;
  maxInstancesPerFunction?: number;
  /**
   * Whether /healthz answers ready from the start (default true). `npm start` starts not ready and
   * calls setReady() once the demo county is seeded: before that a caller would be served data the
   * start promised but has not written yet (a village staff member answered as a plain resident).
   */
  ready?: boolean;
}

export interface Devcloud {
  url: string;
  /** The serviceUrl that wx-server-sdk's cloud.init takes. */
  serviceUrl: string;
  db: Database;
  host: FunctionHost;
  clock: Clock;
  /** Readiness for /healthz: ready once everything the start promised is served. */
  setReady(ready: boolean, reason?: string): void;
  triggers: TriggerScheduler;
  messenger: DevMessenger;
  guard: DevContentGuard;
  /** Group-entry cloudIDs (wx.getGroupEnterInfo) minted for tests and the preview, decoded for functions. */
  openData: DevOpenData;
  /** The 民政/人社/不动产/车辆 registers a legal-aid verification asks (seeded records; tests add their own). */
  dataSharing: DevDataSharing;
  storage: DevStorage;
  close(): Promise<void>;
}

/**
 * DEV-ONLY field protection keys (cloudfunctions/_runtime/protect.ts): published in this repository,
 * so they protect nothing. A real deployment sets its own FIELD_KEYS, FIELD_KEY_ID and FIELD_HASH_KEY
 * in the function environment and never these.
 */
export const DEV_ONLY_FIELD_KEY_ENV: Readonly<Record<'FIELD_KEYS' | 'FIELD_KEY_ID' | 'FIELD_HASH_KEY', string>> = {
  FIELD_KEYS: JSON.stringify({ 'dev-only-1': '3FLSFlA4iS2VyyPHgLAPloUv6EFJUJyTzJ1TEg62nkk=' }),
  FIELD_KEY_ID: 'dev-only-1',
  FIELD_HASH_KEY: 'au95DcPU2VNkUWLbeiq+KmsgQXXduJZvo1bPDApEVLc=',
};

export const DEFAULT_FUNCTIONS_DIR = path.join(DEFAULT_DIST_DIR, 'cloudfunctions');
export const DATABASE_MANIFEST = path.join(DEFAULT_DIST_DIR, 'database.json');
const MAX_ADMIN_BODY = 6 * 1024 * 1024; // CloudBase's sync request limit
/** Tighter than the platform's 6 MB: no call of ours comes near it, and a body is read whole before it is refused. */
const MAX_CALL_BODY = 1024 * 1024;
/** What the mini-program sees for a call it sent malformed: update the app (its own text, as the functions' BAD_REQUEST says). */
const BAD_REQUEST_MESSAGE = '请求格式不对，请更新小程序后再试';

export function declaredCollections(distDir: string = DEFAULT_DIST_DIR): CollectionDecl[] {
  return readDeployment(distDir).collections;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  // No CORS headers: DevTools' wx.request and the preview (same origin) need none, and without
  // them a web page the developer happens to visit cannot read devcloud's answers.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * devcloud's own refusals (standing in for the platform's) in the functions' envelope, with a
 * snake_case details.reason as every refusal carries, so a client or test can tell them apart.
 */
function envelopeError(res: http.ServerResponse, status: number, code: string, message: string, reason: string): void {
  send(res, status, { ok: false, error: { code, message, details: { reason } } });
}

/**
 * The caller the persona header names, as the platform's OPENID. A real OPENID is 28 characters
 * of letters, digits, - and _, never digits alone; wx-server-sdk's getWXContext turns an all-digit
 * value into a number (two long ones could collide, "0" would read as no caller), so such a
 * header, like a malformed one, names nobody.
 */
function personaOf(req: http.IncomingMessage): string | undefined {
  const header = req.headers['x-devcloud-openid'];
  return typeof header === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(header) && !/^\d+$/.test(header) ? header : undefined;
}

function parseJsonObject(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function startDevcloud(opts: DevcloudOptions = {}): Promise<Devcloud> {
  const clock = new Clock();
  const deployment = readDeployment(opts.distDir);
  const db = await Database.open({
    dir: opts.dataDir,
    strict: opts.strict ?? false,
    collections: opts.collections ?? deployment.collections,
    now: () => clock.now().getTime(),
  });
  const functionsDir = opts.functionsDir ?? DEFAULT_FUNCTIONS_DIR;
  const messenger = new DevMessenger(deployment.templates, () => clock.now());
  const guard = new DevContentGuard();
  const openData = new DevOpenData(() => clock.now());
  const dataSharing = new DevDataSharing();
  let baseUrl = '';
  const storage = new DevStorage(opts.dataDir ? path.join(opts.dataDir, 'storage') : undefined, () => baseUrl, () => clock.now());

  // The web preview of the built mini-program (devcloud/preview/), same origin as /fn/ so it needs no CORS.
  const preview = createPreviewHandler({ personas: deployment.personas });
  const schedules: Schedule[] = [];
  let readiness = { ready: opts.ready ?? true, reason: opts.ready === false ? 'starting' : '' };
  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof BodyTooLarge) return envelopeError(res, 413, 'PAYLOAD_TOO_LARGE', '提交的内容太多，请精简后再试', 'too_large');
      envelopeError(res, 400, 'BAD_REQUEST', '请求无法处理', 'unreadable_request');
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  baseUrl = url;
  const serviceUrl = `${url}/admin`;

  const fnHost = new FunctionHost(
    functionsDir,
    {
      DEVCLOUD_SERVICE_URL: serviceUrl,
      TCB_ENV: 'devcloud',
      ADMIN_OPENIDS: 'demo-admin',
      // Off-cloud, @cloudbase/node-sdk probes metadata.tencentyun.com before every request (~60 ms,
      // and the dangling lookups keep processes alive); this tells it it is "on cloud" already.
      TENCENTCLOUD: 'true',
      // DEV ONLY: devcloud's demo data is encrypted under published keys (see DEV_ONLY_FIELD_KEY_ENV).
      ...DEV_ONLY_FIELD_KEY_ENV,
      ...opts.functionEnv,
    },
    opts.maxInstancesPerFunction,
  );
  for (const fn of fnHost.names()) {
    for (const t of fnHost.config(fn).triggers ?? []) {
      if (t.type === 'timer') schedules.push({ fn, trigger: t.name, cron: t.config, next: null });
    }
  }
  const fire = async (fn: string, trigger: string, manual: boolean): Promise<TriggerRun> => {
    const at = clock.now();
    // The timer event CloudBase delivers: no OPENID, SOURCE wx_trigger.
    const answer = await fnHost.invoke(
      fn,
      { Type: 'Timer', TriggerName: trigger, Time: at.toISOString() },
      { source: 'wx_trigger', clockOffsetMs: clock.offset() },
    );
    return { fn, trigger, at: at.toISOString(), manual, ok: answer.record.ok, code: answer.record.code };
  };
  const triggers = new TriggerScheduler(clock, schedules, fire);
  if (opts.schedule) triggers.start();

  async function callFunction(name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!fnHost.has(name)) return envelopeError(res, 404, 'FUNCTION_NOT_FOUND', '服务暂不可用，请稍后再试', 'function_not_found');
    const raw = await readBody(req, MAX_CALL_BODY);
    // Before parsing: the scan is linear and flat, while everything after it walks the value recursively.
    if (nestsDeeperThan(raw)) return envelopeError(res, 400, 'BAD_REQUEST', BAD_REQUEST_MESSAGE, 'too_deep');
    const event = parseJsonObject(raw);
    if (!event) return envelopeError(res, 400, 'BAD_REQUEST', BAD_REQUEST_MESSAGE, 'not_json_object');
    // Every call through this transport stands for wx.cloud.callFunction from the mini-program:
    // SOURCE wx_client whatever the body says, so a body shaped like a timer event is only data.
    const answer = await fnHost.invoke(name, event, { openid: personaOf(req), source: 'wx_client', clockOffsetMs: clock.offset() });
    if (answer.kind === 'result') return send(res, 200, answer.result);
    if (answer.kind === 'timeout') return envelopeError(res, 504, 'TIMEOUT', '办理超时，请稍后再试', 'timeout');
    return envelopeError(res, 500, 'INTERNAL', '系统繁忙，请稍后再试', 'function_crashed');
  }

  function consoleState() {
    return {
      now: clock.now().toISOString(),
      collections: db.listCollections().map((c) => ({ name: c.name, count: c.count, indexes: c.indexes.length })),
      calls: fnHost.recentCalls().slice(0, 100),
      logs: fnHost.recentLogs().slice(0, 100),
      messages: messenger.sent.slice(0, 100),
      triggers: triggers.list().map((t) => ({ fn: t.fn, trigger: t.trigger, cron: t.cron, next: t.next?.toISOString() ?? null })),
      triggerRuns: triggers.runs.slice(0, 50),
      functions: fnHost.names(),
    };
  }

  async function serveStorage(kind: string, cloudPath: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const q = new URL(req.url ?? '/', 'http://devcloud').searchParams;
    const verdict = storage.verify(cloudPath, q.get('e'), q.get('s'));
    if (verdict !== 'ok') {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end(`<?xml version='1.0' encoding='utf-8' ?><Error><Code>${verdict === 'expired' ? 'Request has expired' : 'AccessDenied'}</Code><Message>${verdict}</Message><RequestId>devcloud</RequestId><TraceId>devcloud</TraceId></Error>`);
      return;
    }
    if (kind === 'upload' && req.method === 'PUT') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      storage.put(cloudPath, Buffer.concat(chunks));
      res.writeHead(200);
      res.end(); // COS answers an empty body on success
      return;
    }
    const content = kind === 'file' && req.method === 'GET' ? storage.get(cloudPath) : null;
    if (!content) return envelopeError(res, 404, 'NOT_FOUND', '文件不存在', 'file_not_found');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'private, no-store' });
    res.end(content);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://devcloud');
    // A cross-site form or text/plain POST needs no preflight; insisting on JSON means a foreign
    // page can only reach devcloud through a preflight, which devcloud never grants.
    if (req.method === 'POST' && !pathname.startsWith('/storage/') && !/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return envelopeError(res, 415, 'BAD_REQUEST', BAD_REQUEST_MESSAGE, 'not_json_content_type');
    }
    // Liveness: the process answers. Readiness (/healthz, /readyz): it serves what the start promised.
    if (req.method === 'GET' && pathname === '/livez') return send(res, 200, { ok: true, live: true, ready: readiness.ready });
    if (req.method === 'GET' && (pathname === '/healthz' || pathname === '/readyz')) {
      return readiness.ready ? send(res, 200, { ok: true, ready: true }) : send(res, 503, { ok: false, ready: false, reason: readiness.reason });
    }
    if (req.method === 'GET' && (pathname === '/preview' || pathname.startsWith('/preview/'))) return preview(req, res);
    if (req.method === 'POST' && pathname === '/admin') {
      const body = parseJsonObject(await readBody(req, MAX_ADMIN_BODY));
      if (!body) return send(res, 400, { requestId: '', code: 'INVALID_PARAM', message: 'body is not a JSON object' });
      const stored = storage.handle(body);
      if (stored) return send(res, 200, { requestId: `devcloud-${Date.now().toString(36)}`, ...stored });
      const answer = await db.handle(body);
      return send(res, answer.status, answer.body);
    }
    const fnMatch = /^\/fn\/([^/]+)$/.exec(pathname);
    if (fnMatch && req.method === 'POST') return callFunction(decodeURIComponent(fnMatch[1] as string), req, res);
    const triggerMatch = /^\/trigger\/([^/]+)$/.exec(pathname);
    if (triggerMatch && req.method === 'POST') {
      const run = await triggers.fireNow(decodeURIComponent(triggerMatch[1] as string));
      return run ? send(res, 200, { ok: true, data: run }) : envelopeError(res, 404, 'NOT_FOUND', '没有这个定时触发器', 'trigger_not_found');
    }
    if (req.method === 'POST' && pathname === '/storage/form') {
      const answer = await storage.receiveForm(req, req.headers['x-devcloud-openid'] as string | undefined);
      return send(res, answer.status, answer.body);
    }
    const storageMatch = /^\/storage\/(upload|file)\/([^/]+)$/.exec(pathname);
    if (storageMatch) return serveStorage(storageMatch[1] as string, decodeURIComponent(storageMatch[2] as string), req, res);
    if (req.method === 'POST' && pathname === '/devcloud/openapi/subscribeMessage.send') {
      const body = parseJsonObject(await readBody(req, 64 * 1024));
      if (!body) return send(res, 400, { errcode: 47001, errmsg: 'data format error' });
      return send(res, 200, messenger.send(body as unknown as SendRequest));
    }
    if (req.method === 'POST' && pathname === '/devcloud/openapi/security.msgSecCheck') {
      const body = parseJsonObject(await readBody(req, 64 * 1024));
      return send(res, 200, guard.check(typeof body?.content === 'string' ? body.content : ''));
    }
    if (req.method === 'POST' && pathname === '/devcloud/openapi/getOpenData') {
      const body = parseJsonObject(await readBody(req, 16 * 1024));
      const list = Array.isArray(body?.list) ? (body.list as unknown[]).filter((x): x is string => typeof x === 'string') : [];
      return send(res, 200, openData.decode(list, typeof body?.openid === 'string' ? body.openid : ''));
    }
    if (req.method === 'POST' && pathname === '/devcloud/openapi/dataSharing.query') {
      const body = parseJsonObject(await readBody(req, 4096));
      return send(res, 200, dataSharing.query(body ?? {}));
    }
    if (req.method === 'POST' && pathname === '/devcloud/group-enter') {
      // What wx.getGroupEnterInfo gives the persona who opens a card in WeChat group `opengid`.
      const body = parseJsonObject(await readBody(req, 4096));
      const openid = req.headers['x-devcloud-openid'];
      if (typeof openid !== 'string' || typeof body?.opengid !== 'string') return envelopeError(res, 400, 'BAD_REQUEST', '请求格式不对', 'bad_group_enter');
      return send(res, 200, { ok: true, data: { cloudID: openData.mint(openid, body.opengid, typeof body.chatType === 'number' ? body.chatType : 3) } });
    }
    if (req.method === 'POST' && pathname === '/devcloud/subscribe') {
      // What wx.requestSubscribeMessage records when the user taps 允许 (the preview's dialog).
      const body = parseJsonObject(await readBody(req, 4096));
      const openid = req.headers['x-devcloud-openid'];
      const ids = Array.isArray(body?.templateIds) ? (body.templateIds as unknown[]).filter((x): x is string => typeof x === 'string') : [];
      if (typeof openid !== 'string' || ids.length === 0) return envelopeError(res, 400, 'BAD_REQUEST', '请求格式不对', 'bad_subscription');
      return send(res, 200, { ok: true, data: messenger.accept(openid, ids) });
    }
    if (req.method === 'GET' && pathname === '/devcloud/api/state') return send(res, 200, consoleState());
    if (req.method === 'GET' && pathname === '/devcloud/api/documents') {
      const q = new URL(req.url ?? '/', 'http://devcloud').searchParams;
      const name = q.get('collection') ?? '';
      const skip = Math.max(0, Number(q.get('skip') ?? 0) || 0);
      const limit = Math.min(100, Math.max(1, Number(q.get('limit') ?? 20) || 20));
      if (!db.listCollections().some((c) => c.name === name)) return envelopeError(res, 404, 'NOT_FOUND', '没有这个集合', 'collection_not_found');
      return send(res, 200, { ok: true, data: db.find(name, {}, { skip, limit }) });
    }
    if (req.method === 'GET' && pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(consoleHtml());
      return;
    }
    if (req.method === 'POST' && pathname === '/devcloud/clock') {
      const body = parseJsonObject(await readBody(req, 4096));
      const at = body && typeof body.now === 'string' ? new Date(body.now) : null;
      if (body?.reset === true) clock.reset();
      else if (at && !Number.isNaN(at.getTime())) clock.set(at);
      else return envelopeError(res, 400, 'BAD_REQUEST', 'now must be an ISO time, or reset: true', 'bad_clock');
      triggers.replan();
      return send(res, 200, { ok: true, data: { now: clock.now().toISOString() } });
    }
    envelopeError(res, 404, 'NOT_FOUND', '地址不存在', 'no_such_route');
  }

  return {
    url,
    serviceUrl,
    db,
    host: fnHost,
    clock,
    setReady(ready: boolean, reason = 'not_ready') {
      readiness = { ready, reason: ready ? '' : reason };
    },
    triggers,
    messenger,
    guard,
    openData,
    dataSharing,
    storage,
    async close() {
      triggers.stop();
      await fnHost.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.close();
    },
  };
}
