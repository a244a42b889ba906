import path from 'node:path';
import cloudSdk from 'wx-server-sdk';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../devcloud/json-depth';
import { startDevcloud, type Devcloud } from '../../devcloud/server';

// Behaviour of devcloud's function host, HTTP transport, timer triggers and non-database ports,
// each against the CloudBase/WeChat behaviour it stands in for.
let cloud: Devcloud;
const post = (p: string, body: string | object, headers: Record<string, string> = {}) =>
  fetch(`${cloud.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  cloud = await startDevcloud({
    functionsDir: path.join(__dirname, '..', 'fixtures', 'functions'),
    collections: [{ name: 'ticks' }],
  });
  cloudSdk.init({ env: 'devcloud', serviceUrl: cloud.serviceUrl, secretId: 'x', secretKey: 'y' } as never);
});
afterAll(async () => {
  await cloud.close();
});

describe('HTTP transport', () => {
  it('keeps liveness and readiness apart: /livez answers while /healthz says 503 until ready', async () => {
    expect((await fetch(`${cloud.url}/healthz`)).status).toBe(200);
    cloud.setReady(false, 'seeding');
    try {
      const health = await fetch(`${cloud.url}/healthz`);
      expect([health.status, await health.json()]).toEqual([503, { ok: false, ready: false, reason: 'seeding' }]);
      expect((await fetch(`${cloud.url}/readyz`)).status).toBe(503);
      const live = await fetch(`${cloud.url}/livez`);
      expect([live.status, await live.json()]).toEqual([200, { ok: true, live: true, ready: false }]);
    } finally {
      cloud.setReady(true);
    }
    expect(await (await fetch(`${cloud.url}/healthz`)).json()).toEqual({ ok: true, ready: true });
  });

  it('passes the persona header as the platform OPENID with SOURCE wx_client', async () => {
    const res = await post('/fn/sleepy', { action: 'x', payload: { ms: 0 } }, { 'x-devcloud-openid': 'demo-elder' });
    expect(await res.json()).toEqual({ ok: true, data: { openid: 'demo-elder', source: 'wx_client' } });
  });

  it.each([
    ['an unknown function', '/fn/nope', '{"action":"x"}', 404, 'FUNCTION_NOT_FOUND', 'function_not_found'],
    ['a body that is not JSON', '/fn/sleepy', '{"action":', 400, 'BAD_REQUEST', 'not_json_object'],
    ['a JSON body that is not an object', '/fn/sleepy', '[1,2]', 400, 'BAD_REQUEST', 'not_json_object'],
    ['an oversized body', '/fn/sleepy', JSON.stringify({ action: 'x', payload: 'x'.repeat(1100 * 1024) }), 413, 'PAYLOAD_TOO_LARGE', 'too_large'],
    ['a body nested too deep', '/fn/sleepy', `{"action":"x","payload":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`, 400, 'BAD_REQUEST', 'too_deep'],
  ])('answers %s with the envelope, a 4xx, a reason and no stack trace', async (_what, p, body, status, code, reason) => {
    const res = await post(p, body);
    const text = await res.text();
    expect(res.status).toBe(status);
    expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code, details: { reason } } });
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  // CloudBase ends an invocation at config.json's timeout (docs.cloudbase.net/cloud-function/faq: -504003 timed out).
  it("ends an invocation at its config.json timeout and the next call starts a fresh instance", async () => {
    const started = Date.now();
    const res = await post('/fn/sleepy', { action: 'x', payload: { ms: 3000 } }, { 'x-devcloud-openid': 'demo-resident' });
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: '办理超时，请稍后再试' } });
    expect(Date.now() - started).toBeLessThan(2500);
    await post('/fn/sleepy', { action: 'x', payload: { ms: 0 } }, { 'x-devcloud-openid': 'demo-resident' });
    expect(cloud.host.recentCalls()[0]?.cold).toBe(true);
  });

  it('serves one request at a time per instance: concurrent calls get their own instances', async () => {
    await cloud.host.coolDown();
    await Promise.all([1, 2, 3].map(() => post('/fn/sleepy', { action: 'x', payload: { ms: 200 } }, { 'x-devcloud-openid': 'a' })));
    expect(cloud.host.recentCalls().slice(0, 3).every((c) => c.cold)).toBe(true);
  });
});

// A 100 KB body of brackets used to overflow the structured clone into the instance and hold that
// instance until its timeout, pushing every other caller onto cold starts and queues.
describe('nesting depth', () => {
  const nested = (depth: number, open = '{"a":', close = '}') => `${open.repeat(depth)}0${close.repeat(depth)}`;

  it(`lets a body nested ${MAX_JSON_DEPTH} deep through, and refuses one level more before any instance sees it`, async () => {
    // The envelope is the first level.
    const fits = await post('/fn/sleepy', `{"action":"x","payload":${nested(MAX_JSON_DEPTH - 1)}}`, { 'x-devcloud-openid': 'demo-resident' });
    expect(fits.status).toBe(200);
    const calls = cloud.host.recentCalls().length;
    const res = await post('/fn/sleepy', `{"action":"x","payload":${nested(MAX_JSON_DEPTH)}}`, { 'x-devcloud-openid': 'demo-resident' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', details: { reason: 'too_deep' } } });
    expect(cloud.host.recentCalls()).toHaveLength(calls);
  });

  it('refuses 100 KB of brackets at once, and a slow function keeps its instances for everyone else', async () => {
    await cloud.host.coolDown();
    await post('/fn/sleepy', { action: 'x', payload: { ms: 0 } }, { 'x-devcloud-openid': 'a' }); // one warm instance
    const deep = `{"action":"x","payload":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/fn/sleepy', deep, { 'x-devcloud-openid': 'a' })));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(400));
    expect(Date.now() - started).toBeLessThan(1000);
    await post('/fn/sleepy', { action: 'x', payload: { ms: 0 } }, { 'x-devcloud-openid': 'a' });
    expect(cloud.host.recentCalls()[0]?.cold).toBe(false);
  });

  it('frees an instance at once when an event cannot be copied into it, instead of at the timeout', async () => {
    // Only the host's own callers can hand it such an event: devcloud's HTTP layer refuses it first.
    let event: unknown = 0;
    for (let i = 0; i < 100_000; i++) event = [event];
    const started = Date.now();
    const answer = await cloud.host.invoke('sleepy', { action: 'x', payload: event }, { source: 'wx_client', openid: 'a', clockOffsetMs: 0 });
    expect(answer.kind).toBe('crash');
    expect(Date.now() - started).toBeLessThan(500);
    await post('/fn/sleepy', { action: 'x', payload: { ms: 0 } }, { 'x-devcloud-openid': 'a' });
    expect(cloud.host.recentCalls()[0]?.cold).toBe(false);
  });

  it.each([
    ['brackets inside strings', '{"a":"[[[[[[[[","b":"{{{{"}', 2, false],
    ['an escaped quote inside a string', '{"a":"\\"[[[["}', 1, false],
    ['an escaped backslash before the closing quote', '{"a":"\\\\","b":[[1]]}', 2, true],
    ['arrays and objects alike', '[{"a":[{}]}]', 3, true],
    ['the deepest point, not the last', '[[[]],[]]', 2, true],
  ])('scans the raw text in one flat pass: %s', (_what, text, max, deeper) => {
    expect(nestsDeeperThan(text, max)).toBe(deeper);
    expect(nestsDeeperThan(text, max + 1)).toBe(false);
  });
});

// Timer triggers: 7 fields, seconds first, year last, UTC+8; SOURCE wx_trigger and no OPENID
// (developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/triggers.html).
describe('timer triggers', () => {
  it('fires now on POST /trigger/<fn> as the platform would, with no OPENID', async () => {
    const res = await post('/trigger/ticker', {});
    expect(res.status).toBe(200);
    const { data } = (await cloudSdk.database().collection('ticks').where({ trigger: 'everyDayAt2' }).get()) as { data: object[] };
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ source: 'wx_trigger', openid: null });
  });

  it('fires on schedule when devcloud time passes 02:00 Beijing time', async () => {
    const plan = cloud.triggers.list().find((t) => t.fn === 'ticker');
    expect(plan?.next?.toISOString()).toMatch(/T18:00:00\.000Z$/); // 02:00 in UTC+8
    cloud.clock.set(new Date((plan?.next as Date).getTime() + 1000));
    await cloud.triggers.tick();
    const { total } = (await cloudSdk.database().collection('ticks').count()) as { total: number };
    expect(total).toBe(2);
    expect(cloud.triggers.runs[0]).toMatchObject({ fn: 'ticker', manual: false, ok: true });
    cloud.clock.reset();
    cloud.triggers.replan();
  });

  it('answers an unknown trigger with NOT_FOUND', async () => {
    expect((await post('/trigger/sleepy', {})).status).toBe(404);
  });
});

// subscribeMessage.send errors: 40037 bad template, 47003 bad value, 43101 no consent
// (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html).
describe('Messenger', () => {
  const progress = (thing2: string) => ({
    touser: 'demo-resident',
    templateId: 'caseProgress',
    data: {
      character_string1: { value: 'TJ20261122001' },
      thing2: { value: thing2 },
      phrase3: { value: '已受理' },
      time4: { value: '2026年11月22日 10:30' },
      thing5: { value: '请留意后续通知' },
    },
  });
  const send = async (msg: object) => (await (await post('/devcloud/openapi/subscribeMessage.send', msg)).json()) as { errcode: number };

  it('refuses an unknown template with 40037', async () => {
    expect((await send({ ...progress('邻里纠纷调解'), templateId: 'nope' })).errcode).toBe(40037);
  });

  it('refuses a user who never accepted with 43101, then sends once per one-time consent', async () => {
    expect((await send(progress('邻里纠纷调解'))).errcode).toBe(43101);
    await post('/devcloud/subscribe', { templateIds: ['caseProgress'] }, { 'x-devcloud-openid': 'demo-resident' });
    expect((await send(progress('邻里纠纷调解'))).errcode).toBe(0);
    expect((await send(progress('邻里纠纷调解'))).errcode).toBe(43101);
    expect(cloud.messenger.sent.filter((m) => m.errcode === 0)).toHaveLength(1);
  });

  it('refuses a thing longer than 20 characters with 47003 and keeps the consent', async () => {
    await post('/devcloud/subscribe', { templateIds: ['caseProgress'] }, { 'x-devcloud-openid': 'demo-resident' });
    expect((await send(progress('这是一段超过二十个字的办理事项描述会被微信拒绝发送'))).errcode).toBe(47003);
    expect(cloud.messenger.consentsOf('demo-resident').caseProgress).toBe(1);
  });
});

// msgSecCheck v2: suggest pass/review/risky, content ≤ 2500 characters
// (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html).
describe('ContentGuard', () => {
  const check = async (content: string) => (await (await post('/devcloud/openapi/security.msgSecCheck', { content })).json()) as {
    errcode: number;
    result?: { suggest: string };
  };
  it('passes ordinary questions, holds doubtful ones for review and flags risky ones', async () => {
    expect((await check('邻居占了我家宅基地怎么办？')).result?.suggest).toBe('pass');
    expect((await check('有事加微信聊')).result?.suggest).toBe('review');
    expect((await check('村里有人聚众赌博')).result?.suggest).toBe('risky');
  });
  it('refuses text longer than 2500 characters', async () => {
    expect((await check('法'.repeat(2501))).errcode).not.toBe(0);
  });
});

// Storage through the real SDK: uploadFile, getTempFileURL (expiring), deleteFile
// (developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/storage/uploadFile/server.uploadFile.html).
describe('storage', () => {
  it('uploads, serves through a temporary URL that expires, and deletes', async () => {
    const { fileID } = (await cloudSdk.uploadFile({ cloudPath: 'materials/a.txt', fileContent: Buffer.from('身份证明') })) as { fileID: string };
    expect(fileID).toBe('cloud://devcloud.devcloud-1/materials/a.txt');
    const { fileList } = (await cloudSdk.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })) as {
      fileList: Array<{ tempFileURL: string; status: number }>;
    };
    const url = fileList[0]?.tempFileURL as string;
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).toString()).toBe('身份证明');
    expect((await fetch(url.replace(/s=[0-9a-f]+/, 's=0000'))).status).toBe(403);

    cloud.clock.set(new Date(Date.now() + 61_000));
    expect((await fetch(url)).status).toBe(403);
    cloud.clock.reset();

    await cloudSdk.deleteFile({ fileList: [fileID] });
    const again = (await cloudSdk.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })) as { fileList: Array<{ tempFileURL: string }> };
    expect(again.fileList[0]?.tempFileURL).toBe('');
  });
});

describe('console', () => {
  it('serves the console page and its state', async () => {
    const html = await (await fetch(`${cloud.url}/`)).text();
    expect(html).toContain('devcloud 控制台');
    const state = (await (await fetch(`${cloud.url}/devcloud/api/state`)).json()) as { collections: Array<{ name: string }>; functions: string[] };
    expect(state.collections.map((c) => c.name)).toContain('ticks');
    expect(state.functions).toEqual(['context', 'sleepy', 'ticker']);
  });
});

// getWXContext().SOURCE: wx_client for a mini-program call, wx_trigger for a timer
// (developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html),
// which is what lets a function run timer work for the platform's timer only.
describe('SOURCE and OPENID as the platform sets them', () => {
  const timerShaped = { Type: 'Timer', TriggerName: 'everyDayAt2', Time: '2026-01-01T00:00:00.000Z' };
  const context = async (headers: Record<string, string> = {}) => {
    const res = await post('/fn/context', timerShaped, headers);
    return ((await res.json()) as { data: { context: Record<string, unknown>; event: unknown } }).data;
  };

  it('calls a function over /fn as wx_client even when the body is shaped like a timer event and no persona is sent', async () => {
    const { context: ctx, event } = await context();
    expect(ctx.SOURCE).toBe('wx_client');
    expect(ctx).not.toHaveProperty('OPENID');
    expect(event).toEqual(timerShaped);
    expect(cloud.host.recentCalls()[0]).toMatchObject({ fn: 'context', source: 'wx_client', openid: null });
  });

  it('names nobody for a persona header the platform could not have sent (all digits, malformed)', async () => {
    expect((await context({ 'x-devcloud-openid': 'demo-resident' })).context).toMatchObject({ OPENID: 'demo-resident', SOURCE: 'wx_client' });
    for (const header of ['0', '12345678901234567890', 'a b', 'x'.repeat(65)]) {
      expect((await context({ 'x-devcloud-openid': header })).context).not.toHaveProperty('OPENID');
    }
  });

  it('runs a timer as wx_trigger with no OPENID, even in an instance whose last call had one', async () => {
    await cloud.host.coolDown();
    await post('/fn/ticker', { ...timerShaped, TriggerName: 'spoofed' }, { 'x-devcloud-openid': 'demo-staff' });
    await post('/trigger/ticker', {});
    expect(cloud.host.recentCalls().slice(0, 2).map((c) => [c.source, c.cold])).toEqual([
      ['wx_trigger', false],
      ['wx_client', true],
    ]);
    const { data } = (await cloudSdk.database().collection('ticks').orderBy('at', 'desc').limit(100).get()) as { data: object[] };
    expect(data).toContainEqual(expect.objectContaining({ trigger: 'spoofed', source: 'wx_client', openid: 'demo-staff' }));
    expect(data.filter((t) => (t as { source: string }).source === 'wx_trigger')).toEqual(
      expect.arrayContaining([expect.objectContaining({ trigger: 'everyDayAt2', openid: null })]),
    );
  });
});
