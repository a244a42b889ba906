import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkLayers, LAYERS, type Rule } from '../../scripts/check-layers';

// Each layer imports only what it may (scripts/check-layers.ts says why per layer). The check runs
// on the tree, then on a copy of it with one forbidden import planted per rule and per way of
// importing, and must name exactly that import.
const ROOT = path.resolve(__dirname, '..', '..');

it('holds every layer of the tree to what it may import', () => {
  const { files, findings } = checkLayers(ROOT);
  expect(findings).toEqual([]);
  for (const layer of LAYERS) expect(files.filter((f) => f.startsWith(`${layer}/`)).length).toBeGreaterThan(0);
});

describe('a forbidden import planted in a copy of the tree', () => {
  let copy: string;
  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-layers-'));
    for (const layer of LAYERS) {
      fs.cpSync(path.join(ROOT, layer), path.join(copy, layer), {
        recursive: true,
        filter: (src) => !/[/\\](node_modules|miniprogram_npm)([/\\]|$)/.test(src),
      });
    }
    expect(checkLayers(copy).findings).toEqual([]);
  });
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  const plant = (file: string, source: string) => {
    const target = path.join(copy, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, source);
    try {
      return checkLayers(copy).findings.map(({ file: f, line, rule, specifier }) => ({ file: f, line, rule, specifier }));
    } finally {
      fs.rmSync(target);
    }
  };

  it.each<[string, string, string, Rule, string]>([
    ['core: a Node builtin', 'core/case/planted.ts', "import fs from 'node:fs';\nexport const read = fs.readFileSync;\n", 'core-platform', 'node:fs'],
    ['core: a bare builtin by require()', 'core/planted.ts', "// a comment first\nexport const fs = require('fs');\n", 'core-platform', 'fs'],
    ['core: wx-server-sdk', 'core/planted.ts', "import cloud from 'wx-server-sdk';\nexport { cloud };\n", 'core-platform', 'wx-server-sdk'],
    ['core: @cloudbase by export … from', 'core/planted.ts', "export * from '@cloudbase/node-sdk';\n", 'core-platform', '@cloudbase/node-sdk'],
    ['core: the wx global', 'core/planted.ts', "export const saved = () => wx.getStorageSync('k');\n", 'core-platform', 'wx.getStorageSync'],
    ['core: cloudfunctions by dynamic import()', 'core/planted.ts', "export const load = () => import('../cloudfunctions/collections');\n", 'core-layer', '../cloudfunctions/collections'],
    ['core: miniprogram by import type', 'core/case/planted.ts', "import type { Api } from '../../miniprogram/api/client';\nexport type A = Api;\n", 'core-layer', '../../miniprogram/api/client'],
    ['core tests: still no other layer', 'core/case/planted.test.ts', "import { startDevcloud } from '../../devcloud/server';\nvoid startDevcloud;\n", 'core-layer', '../../devcloud/server'],
    ['cloudfunctions: devcloud by export … from', 'cloudfunctions/case/planted.ts', "export { startDevcloud } from '../../devcloud/server';\n", 'cloudfunctions-layer', '../../devcloud/server'],
    ['cloudfunctions: scripts', 'cloudfunctions/planted.ts', "import { PERSONAS } from '../scripts/seed/personas';\nexport { PERSONAS };\n", 'cloudfunctions-layer', '../scripts/seed/personas'],
    ['cloudfunctions: miniprogram by typeof import()', 'cloudfunctions/_runtime/planted.ts', "export type C = typeof import('../../miniprogram/api/client');\n", 'cloudfunctions-layer', '../../miniprogram/api/client'],
    ['miniprogram: scripts by require()', 'miniprogram/pages/home/planted.ts', "export const build = require('../../../scripts/build');\n", 'miniprogram-layer', '../../../scripts/build'],
    ['miniprogram: cloudfunctions by import type', 'miniprogram/admin/case/planted.ts', "import type { Messenger } from '../../../cloudfunctions/_runtime/ports';\nexport type M = Messenger;\n", 'miniprogram-layer', '../../../cloudfunctions/_runtime/ports'],
    ['miniprogram: core by a relative path, not @core', 'miniprogram/utils/planted.ts', "export { FUNCTIONS } from '../../core/api/registry';\n", 'miniprogram-layer', '../../core/api/registry'],
    ['miniprogram: devcloud', 'miniprogram/planted.ts', "import { startDevcloud } from '../devcloud/server';\nvoid startDevcloud;\n", 'miniprogram-layer', '../devcloud/server'],
    ['miniprogram: a package', 'miniprogram/pages/home/planted.ts', "import dayjs from 'dayjs';\nexport const now = dayjs();\n", 'miniprogram-package', 'dayjs'],
    ['miniprogram: wx.request in a page', 'miniprogram/pages/home/planted.ts', "export const go = () => wx.request({ url: 'https://example.com' });\n", 'miniprogram-wx-call', 'wx.request'],
    ['miniprogram: wx.cloud.callFunction in a page', 'miniprogram/admin/case/planted.ts', "export const go = () => wx.cloud.callFunction({ name: 'case' });\n", 'miniprogram-wx-call', 'wx.cloud.callFunction'],
    ['devcloud: core through @core, type only', 'devcloud/db/planted.ts', "import type { CollectionDecl } from '@core';\nexport type C = CollectionDecl;\n", 'devcloud-layer', '@core'],
    ['devcloud: core by a relative path', 'devcloud/ports/planted.ts', "export { TEMPLATES } from '../../core/notify/templates';\n", 'devcloud-layer', '../../core/notify/templates'],
    ['devcloud: miniprogram by import = require()', 'devcloud/planted.ts', "import client = require('../miniprogram/api/client');\nexport const c = client;\n", 'devcloud-layer', '../miniprogram/api/client'],
    ['devcloud: cloudfunctions by dynamic import()', 'devcloud/host/planted.ts', "export const load = () => import('../../cloudfunctions/collections');\n", 'devcloud-layer', '../../cloudfunctions/collections'],
    ['devcloud: scripts from a CommonJS file', 'devcloud/host/planted.cjs', "const { PERSONAS } = require('../../scripts/seed/personas');\nmodule.exports = PERSONAS;\n", 'devcloud-layer', '../../scripts/seed/personas'],
  ])('%s', (_name, file, source, rule, specifier) => {
    const line = source.split('\n').findIndex((l) => l.includes(specifier.startsWith('wx.') ? specifier : `'${specifier}'`)) + 1;
    expect(plant(file, source)).toEqual([{ file, line, rule, specifier }]);
  });

  it.each([
    ['a core test may use Node', 'core/case/planted.test.ts', "import fs from 'node:fs';\nvoid fs;\n"],
    ['the typed client may call wx', 'miniprogram/api/planted.ts', "export const go = () => wx.request({ url: 'x' });\nexport const fn = () => wx.cloud.callFunction({ name: 'case' });\n"],
    ['a page may use other wx APIs and @core', 'miniprogram/pages/home/planted.ts', "import { FUNCTIONS } from '@core';\nexport const go = () => wx.showToast({ title: String(Object.keys(FUNCTIONS).length) });\n"],
    ['a function may use core, Node and the SDK', 'cloudfunctions/planted.ts', "import crypto from 'node:crypto';\nimport cloud from 'wx-server-sdk';\nimport { FUNCTIONS } from '@core';\nexport { crypto, cloud, FUNCTIONS };\n"],
    ['devcloud may use Node and packages', 'devcloud/planted.ts', "import fs from 'node:fs';\nimport { EJSON } from 'bson';\nexport { fs, EJSON };\n"],
  ])('allows what is allowed: %s', (_name, file, source) => {
    expect(plant(file, source)).toEqual([]);
  });
});
