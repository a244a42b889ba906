/**
 * Styles say what a colour means, not which colour it is: every .wxss under miniprogram/ uses
 * TDesign's design tokens (var(--td-…)) or the app's own (var(--xft-…)), all declared once in
 * miniprogram/theme.wxss, the only stylesheet allowed literal colours. A literal colour is a hex
 * value or an rgb()/rgba()/hsl()/hsla() call in a declaration; named colours (`red`) are not looked
 * for. Templates use WeChat's accessibility attributes: WeChat ignores a bare `role=` and reads
 * `aria-role=`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SOURCE = path.resolve(__dirname, '..', '..', 'miniprogram');
const TDESIGN_THEME = path.resolve(__dirname, '..', '..', 'node_modules', 'tdesign-miniprogram', 'miniprogram_dist', 'common', 'style', 'theme');
const THEME = 'theme.wxss';
/** Stylesheets WeChat applies outside any page, where `page { … }` tokens do not reach. */
const OUTSIDE_PAGES = ['custom-tab-bar/index.wxss'];

const COLOUR_LITERAL = /#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![\w-])|\b(?:rgba?|hsla?)\(/i;
const BARE_ROLE = /(?<![\w:-])role\s*=/;

function filesUnder(root: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(ext)) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

interface Declaration {
  prop: string;
  value: string;
  line: number;
}

/**
 * The declarations of a stylesheet with the line each starts on. Comments are blanked (newlines
 * kept) and selectors skipped, so neither a colour in a comment nor an `#add` id selector counts.
 */
export function declarations(css: string): Declaration[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const out: Declaration[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i < text.length && ch !== '{' && ch !== '}' && ch !== ';') continue;
    const segment = text.slice(start, i);
    const colon = segment.indexOf(':');
    // A segment ending in `{` is a selector or an at-rule's prelude; outside any block, an @import.
    if (ch !== '{' && depth > 0 && colon > 0) {
      const lead = segment.length - segment.trimStart().length;
      const line = text.slice(0, start + lead).split('\n').length;
      out.push({ prop: segment.slice(0, colon).trim(), value: segment.slice(colon + 1).trim(), line });
    }
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    start = i + 1;
  }
  return out;
}

/** `file:line: prop: value` for each literal colour outside the theme file. */
export function colourLiterals(root: string): string[] {
  return filesUnder(root, '.wxss')
    .filter((file) => file !== THEME)
    .flatMap((file) =>
      declarations(fs.readFileSync(path.join(root, file), 'utf8'))
        .filter((d) => COLOUR_LITERAL.test(d.value))
        .map((d) => `${file}:${d.line}: ${d.prop}: ${d.value}`),
    );
}

/** `file:line: …` for each bare `role=` attribute in a template. */
export function bareRoles(root: string): string[] {
  return filesUnder(root, '.wxml').flatMap((file) =>
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .flatMap((text, i) => (BARE_ROLE.test(text) ? [`${file}:${i + 1}: ${text.trim()}`] : [])),
  );
}

function declaredIn(css: string): Map<string, string> {
  return new Map(declarations(css).filter((d) => d.prop.startsWith('--')).map((d) => [d.prop, d.value.replace(/\s+/g, '')]));
}

/** `file:line: --name` for each var(--name) that neither the theme file nor the stylesheet itself declares. */
export function undeclaredTokens(root: string): string[] {
  const theme = declaredIn(fs.readFileSync(path.join(root, THEME), 'utf8'));
  return filesUnder(root, '.wxss').flatMap((file) => {
    const css = fs.readFileSync(path.join(root, file), 'utf8');
    const own = declaredIn(css);
    return declarations(css).flatMap((d) =>
      [...d.value.matchAll(/var\(\s*(--[\w-]+)/g)]
        .map((m) => m[1] as string)
        .filter((name) => !theme.has(name) && !own.has(name))
        .map((name) => `${file}:${d.line}: ${name}`),
    );
  });
}

describe('styles use design tokens (miniprogram/**/*.wxss)', () => {
  let tree: string;
  beforeEach(() => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-styles-'));
    fs.cpSync(SOURCE, tree, { recursive: true });
  });
  afterEach(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('holds no literal colour outside theme.wxss', () => {
    expect(colourLiterals(SOURCE)).toEqual([]);
  });

  it('names the file and line of a planted hex or rgba colour, and lets the theme file and id selectors be', () => {
    const file = path.join(tree, 'pages/home/index.wxss');
    const lines = fs.readFileSync(file, 'utf8').split('\n').length;
    fs.appendFileSync(file, '\n#add {\n  color: #12a4Bc;\n}\n.x {\n  background: rgba(0, 0, 0, 0.5);\n  /* was #ffffff */\n}\n');
    fs.appendFileSync(path.join(tree, THEME), '\npage {\n  --xft-planted: #123456;\n}\n');
    expect(colourLiterals(tree)).toEqual([
      `pages/home/index.wxss:${lines + 2}: color: #12a4Bc`,
      `pages/home/index.wxss:${lines + 5}: background: rgba(0, 0, 0, 0.5)`,
    ]);
  });

  it('declares in theme.wxss every token a stylesheet reads', () => {
    expect(undeclaredTokens(SOURCE)).toEqual([]);
    const file = path.join(tree, 'admin/stats/index.wxss');
    fs.appendFileSync(file, '\n.x {\n  --xft-local: 1px;\n  color: var(--td-text-color-nope);\n  width: var(--xft-local);\n}\n');
    expect(undeclaredTokens(tree)).toEqual([expect.stringMatching(/^admin\/stats\/index\.wxss:\d+: --td-text-color-nope$/)]);
  });

  it("declares each --td-* token with TDesign's own light value", () => {
    const tdesign = new Map<string, string>();
    for (const name of ['_light.wxss', '_font.wxss', '_radius.wxss']) {
      for (const [k, v] of declaredIn(fs.readFileSync(path.join(TDESIGN_THEME, name), 'utf8'))) tdesign.set(k, v);
    }
    // The app's own on purpose: its larger type scale and tap targets (sizes, line heights, component
    // heights), placeholders and danger labels dark enough to read (4.5:1), and 长辈模式's whole override (the `.xft-elder` rules).
    const ownOnPurpose = (k: string) => /^--td-(font-size-|line-height-|font-(link|mark|body|title|headline)-)/.test(k) || k === '--td-text-color-placeholder' || k === '--td-error-color';
    const base = fs.readFileSync(path.join(SOURCE, THEME), 'utf8').replace(/[^{}]*\.xft-elder[^{}]*\{[^}]*\}/g, '');
    const ours = [...declaredIn(base)].filter(([k]) => k.startsWith('--td-') && tdesign.has(k) && !ownOnPurpose(k));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.filter(([k, v]) => tdesign.get(k) !== v).map(([k, v]) => `${k}: ${v} (TDesign: ${tdesign.get(k) ?? 'none'})`)).toEqual([]);
    // The app's own tokens are only what TDesign lacks.
    const own = [...declaredIn(fs.readFileSync(path.join(SOURCE, THEME), 'utf8')).keys()].filter((k) => !k.startsWith('--td-'));
    expect(own.every((k) => k.startsWith('--xft-'))).toBe(true);
  });

  it('brings the tokens to every page and to the tab bar drawn outside them', () => {
    expect(fs.readFileSync(path.join(SOURCE, 'app.wxss'), 'utf8')).toMatch(/@import\s+['"]theme\.wxss['"]/);
    for (const file of OUTSIDE_PAGES) {
      expect(fs.readFileSync(path.join(SOURCE, file), 'utf8')).toMatch(/@import\s+['"](\.\.\/)+theme\.wxss['"]/);
      const root = fs.readFileSync(path.join(SOURCE, file.replace(/\.wxss$/, '.wxml')), 'utf8').match(/<view[^>]*>/)?.[0] ?? '';
      expect(root).toMatch(/class="[^"]*\bxft-theme\b/);
    }
  });
});

describe('templates use WeChat accessibility attributes (miniprogram/**/*.wxml)', () => {
  it('has no bare role= (WeChat reads aria-role)', () => {
    expect(bareRoles(SOURCE)).toEqual([]);
  });

  it('names the file and line of a planted bare role', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-roles-'));
    try {
      fs.mkdirSync(path.join(tree, 'pages'));
      fs.writeFileSync(path.join(tree, 'pages/x.wxml'), '<view aria-role="button" data-role="a">好</view>\n<view role="alert">坏</view>\n');
      expect(bareRoles(tree)).toEqual(['pages/x.wxml:2: <view role="alert">坏</view>']);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });
});
