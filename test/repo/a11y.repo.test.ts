/**
 * Elder mode and accessibility reach every page through shared mechanisms, not page by page:
 * - every page of app.json takes the theme through the `themed` behavior and puts `{{xftTheme}}` on
 *   its root view, so 长辈模式 (theme.wxss `.xft-elder`) applies to it;
 * - no template or stylesheet loads a font or an icon from the network (icons ship with the package);
 * - on every page and component, every actionable element carries aria-role and aria-label.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MP = path.resolve(__dirname, '..', '..', 'miniprogram');

interface AppJson {
  pages: string[];
  subpackages?: Array<{ root: string; pages: string[] }>;
}

export function appPages(root = MP): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
  return [...app.pages, ...(app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}

/** Pages that miss the theme hook-up, with what is missing. */
export function unthemedPages(root = MP): string[] {
  return appPages(root).flatMap((page) => {
    const wxml = fs.readFileSync(path.join(root, `${page}.wxml`), 'utf8');
    const ts = fs.readFileSync(path.join(root, `${page}.ts`), 'utf8');
    const out: string[] = [];
    if (!/<view class="page \{\{xftTheme\}\}">/.test(wxml)) out.push(`${page}.wxml: root view without {{xftTheme}}`);
    if (!/import \{ themed \} from '(\.\.\/)+behaviors\/themed'/.test(ts) || !/\bbehaviors: \[[^\]]*\bthemed\b/.test(ts)) {
      out.push(`${page}.ts: no themed behavior`);
    }
    return out;
  });
}

function filesUnder(root: string, exts: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (exts.some((x) => e.name.endsWith(x))) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

const REMOTE = /(?:url\(\s*['"]?|src\s*=\s*['"]|@import\s+['"])(?:https?:)?\/\/[^'")\s]+/i;

/** `file:line` of each remote font, icon or stylesheet a template or stylesheet would load. */
export function remoteAssets(root = MP): string[] {
  return filesUnder(root, ['.wxss', '.wxml']).flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (REMOTE.test(line) ? [`${path.relative(root, file)}:${i + 1}`] : [])),
  );
}

const ACTIONABLE = /\b(?:bind:?tap|catch:?tap|bind:click|bind:?longpress)\s*=|\burl\s*=/;

/** `file: <tag …>` for each actionable element without aria-role and aria-label. */
export function unlabelled(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  // Quoted values may hold `>` (wx:if="{{n > 0}}"), so a tag ends only at a `>` outside quotes.
  return [...text.matchAll(/<([a-z][\w-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/gs)]
    .filter((m) => ACTIONABLE.test(m[2] ?? '') && !(/\baria-role\s*=/.test(m[2] ?? '') && /\baria-label\s*=/.test(m[2] ?? '')))
    .map((m) => `${path.relative(MP, file)}: <${m[1]}${(m[2] ?? '').replace(/\s+/g, ' ').slice(0, 80)}>`);
}

/** Every page and component folder: a new page cannot ship an unlabelled button. */
const OWNED = ['pages', 'admin', 'components', 'custom-tab-bar'];

describe('elder mode and accessibility through shared mechanisms', () => {
  it('every page of app.json takes the theme (themed behavior + {{xftTheme}} on its root view)', () => {
    expect(appPages().length).toBeGreaterThan(30);
    expect(unthemedPages()).toEqual([]);
  });

  it('finds a page that forgot the hook-up', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-a11y-'));
    try {
      fs.mkdirSync(path.join(tree, 'pages/x'), { recursive: true });
      fs.writeFileSync(path.join(tree, 'app.json'), JSON.stringify({ pages: ['pages/x/index'] }));
      fs.writeFileSync(path.join(tree, 'pages/x/index.wxml'), '<view class="page">x</view>');
      fs.writeFileSync(path.join(tree, 'pages/x/index.ts'), 'Component({})');
      expect(unthemedPages(tree)).toEqual(['pages/x/index.wxml: root view without {{xftTheme}}', 'pages/x/index.ts: no themed behavior']);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });

  it('the elder theme is one override in theme.wxss, the only place with raw colours', () => {
    const theme = fs.readFileSync(path.join(MP, 'theme.wxss'), 'utf8');
    // One rule whose only selector is .xft-elder (the composites' shared rule also names it).
    expect(theme.match(/(?<!,\n)^\.xft-elder \{/gm)).toHaveLength(1);
    expect(fs.readFileSync(path.join(MP, 'behaviors', 'themed.ts'), 'utf8')).toMatch(/themeClass\(\)/);
  });

  it('loads no font, icon or stylesheet from the network', () => {
    expect(remoteAssets()).toEqual([]);
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-remote-'));
    try {
      fs.writeFileSync(path.join(tree, 'a.wxss'), "@font-face { font-family: t; src: url('https://tdesign.gtimg.com/icon/t.woff'); }\n");
      fs.writeFileSync(path.join(tree, 'b.wxml'), '<image src="//cdn.example.com/x.svg" />\n<image src="/assets/x.svg" />\n');
      expect(remoteAssets(tree)).toEqual(['a.wxss:1', 'b.wxml:1']);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });

  it('finds an unlabelled element even when a quoted value holds `>`', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-label-'));
    try {
      const file = path.join(tree, 'x.wxml');
      fs.writeFileSync(file, '<view wx:if="{{n > 0}}" bindtap="go" aria-role="link">去</view>\n<view bindtap="go" aria-role="link" aria-label="去">去</view>\n');
      expect(unlabelled(file)).toHaveLength(1);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });

  it('labels every actionable element on every page and component (aria-role and aria-label)', () => {
    const files = filesUnder(MP, ['.wxml']).filter((f) => OWNED.some((o) => path.relative(MP, f).startsWith(o)));
    // Each listed folder still holds templates (a moved folder would silently drop out of the check).
    expect(OWNED.filter((o) => !files.some((f) => path.relative(MP, f).startsWith(o)))).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(appPages().length);
    expect(files.flatMap(unlabelled)).toEqual([]);
  });
});
