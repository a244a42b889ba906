import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEMPLATES } from '../../core/notify/templates';
import { keywordProblem } from '../../devcloud/ports/keywords';
import { startDevcloud, type Devcloud } from '../../devcloud/server';
import { PERSONAS } from '../../scripts/seed/personas';

// devcloud knows the product only from the build's output, as CloudBase knows a deployment:
// dist/database.json (collections) and dist/manifest.json (subscribe templates, demo personas).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-deployment-'));
const noFunctions = path.join(tmp, 'no-functions');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function distWith(name: string, database: object | null, manifest: object | null): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  if (database) fs.writeFileSync(path.join(dir, 'database.json'), JSON.stringify(database));
  if (manifest) fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('a deployment read from the build output', () => {
  let cloud: Devcloud;
  const post = (p: string, body: object, headers: Record<string, string> = {}) =>
    fetch(`${cloud.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const send = async (templateId: string, value: string) =>
    ((await (await post('/devcloud/openapi/subscribeMessage.send', { touser: 'p-visitor', templateId, data: { thing1: { value } } })).json()) as { errcode: number }).errcode;

  beforeAll(async () => {
    const dist = distWith(
      'custom',
      { collections: [{ name: 'visits', indexes: [{ name: 'by_day', keys: [['day', 1]] }], rule: { read: false, write: false } }] },
      {
        templates: [{ name: 'visitReminder', title: '来访提醒', longTerm: true, keywords: { thing1: 'thing' } }],
        personas: [{ openid: 'p-visitor', label: '来访群众' }],
      },
    );
    cloud = await startDevcloud({ distDir: dist, functionsDir: noFunctions });
  });
  afterAll(() => cloud.close());

  it('creates the declared collections with their indexes', () => {
    expect(cloud.db.listCollections().map((c) => ({ name: c.name, indexes: c.indexes.map((i) => i.name) }))).toEqual([
      { name: 'visits', indexes: expect.arrayContaining(['by_day']) },
    ]);
  });

  it("sends only the deployment's templates, by its keyword types", async () => {
    expect(await send('caseProgress', '邻里纠纷')).toBe(40037);
    await post('/devcloud/subscribe', { templateIds: ['visitReminder'] }, { 'x-devcloud-openid': 'p-visitor' });
    expect(await send('visitReminder', '这是一段超过二十个字的来访事项描述会被微信拒绝发送')).toBe(47003);
    // A long-term template keeps its consent after a send.
    expect(await send('visitReminder', '周三上午来访')).toBe(0);
    expect(await send('visitReminder', '周四上午来访')).toBe(0);
  });

  it("offers the manifest's personas in the preview's switcher", async () => {
    const shell = await (await fetch(`${cloud.url}/preview/`)).text();
    expect(shell).toContain('value="p-visitor"');
    expect(shell).not.toContain('demo-admin');
  });
});

it('starts with nothing declared before the first build', async () => {
  const cloud = await startDevcloud({ distDir: distWith('empty', null, null), functionsDir: noFunctions });
  try {
    expect(cloud.db.listCollections()).toEqual([]);
    expect(await (await fetch(`${cloud.url}/preview/`)).text()).not.toContain('<option');
  } finally {
    await cloud.close();
  }
});

it('refuses a manifest whose template uses a field type WeChat does not have', async () => {
  const dist = distWith('bad', null, { templates: [{ name: 't', title: 't', longTerm: false, keywords: { money1: 'money' } }] });
  await expect(startDevcloud({ distDir: dist, functionsDir: noFunctions })).rejects.toThrow('money1 has no WeChat keyword type money');
});

it("is what the build writes: the product's templates and, in a local build, the demo personas", () => {
  // test/support/global-setup.ts has just built dist/ for local mode.
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'manifest.json'), 'utf8')) as {
    templates: unknown;
    personas: unknown;
  };
  expect(manifest.templates).toEqual(TEMPLATES);
  expect(manifest.personas).toEqual(PERSONAS);
});

// The limits subscribeMessage.send puts on each keyword type (errcode 47003 past them).
describe('keyword value rules', () => {
  it.each([
    ['thing', '二十个字以内的事项可以发送', null],
    ['thing', '这是一段超过二十个字的办理事项描述会被微信拒绝发送', 'thing is at most 20 characters'],
    ['phrase', '已受理', null],
    ['phrase', '已经受理完毕了', 'phrase is at most 5 Chinese characters'],
    ['phrase', 'OK', 'phrase is at most 5 Chinese characters'],
    ['character_string', 'TJ20261122001', null],
    ['character_string', '编号TJ2026', 'character_string is at most 32 letters, digits or symbols'],
    ['number', '12.5', null],
    ['number', '-12.5', 'number is at most 32 digits'],
    ['number', '12个', 'number is at most 32 digits'],
    ['name', '张三', null],
    ['name', '一个名字长到超过十个字的人', 'name is at most 10 characters when it has Chinese'],
    ['name', 'Zhang San', null],
    ['phone_number', '+86 0999-12348', null],
    ['phone_number', '电话0999', 'phone_number is at most 17 digits or symbols'],
    ['time', '15:01', null],
    ['time', '2026年11月22日 10:30', null],
    ['time', '2026-11-22 10:30', 'time must be HH:MM, optionally after a 年月日 date'],
    ['time', '2026年11月22日 10:30~2026年11月22日 11:00', null],
    ['time', '明天上午', 'time must be HH:MM, optionally after a 年月日 date'],
    ['amount', '¥12.50', null],
    ['date', '2026年11月22日', null],
    ['thing', '', 'empty'],
  ] as const)('%s %j → %s', (type, value, problem) => {
    expect(keywordProblem(type, value)).toBe(problem);
  });
});
