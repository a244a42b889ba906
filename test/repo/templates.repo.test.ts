import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkTemplates, checkTree } from '../../scripts/check-templates';

const SOURCE = path.resolve(__dirname, '..', '..', 'miniprogram');

describe('template check with the official wcc/wcsc', () => {
  let tree: string;
  beforeEach(() => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-templates-'));
    fs.cpSync(SOURCE, tree, { recursive: true });
  });
  afterEach(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('passes the mini-program as it is', () => {
    expect(checkTemplates(tree)).toEqual([]);
  });

  it('fails on an unclosed tag and names the file and line', () => {
    fs.appendFileSync(path.join(tree, 'pages/home/index.wxml'), '\n<view><text>未闭合</view>\n');
    const problems = checkTemplates(tree);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/pages\/home\/index\.wxml:\d+:\d+: expect end-tag `text`/);
  });

  it('names a page of app.json that the tree lacks, and a component that does not resolve', () => {
    fs.rmSync(path.join(tree, 'pages/home/index.wxml'));
    const problems = checkTree(tree);
    expect(problems).toContain('pages/home/index.wxml is missing from the build');
    // The source tree has no miniprogram_npm: TDesign components do not resolve there.
    expect(problems.some((p) => /uses <t-button> from tdesign-miniprogram\/button\/button/.test(p))).toBe(true);
  });

  it('fails on broken WXSS', () => {
    fs.appendFileSync(path.join(tree, 'app.wxss'), '\n.broken { color: red \n');
    expect(checkTemplates(tree).join('\n')).toMatch(/wcsc: .*app\.wxss/);
  });
});
