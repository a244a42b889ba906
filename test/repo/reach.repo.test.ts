import fs from 'node:fs';
import path from 'node:path';

/*
 * No page is a dead end nobody can open: every page in app.json other than the tab pages is named
 * as a navigation target ('/<page>') by some other page or component. A page only reachable by
 * typing its path (法律援助审查 and 满意度回访 were, until 管理 linked them) fails here.
 */
const MP = path.resolve(__dirname, '..', '..', 'miniprogram');

interface AppJson {
  pages: string[];
  subpackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
}

function sources(dir: string, out: Array<{ file: string; text: string }> = []): Array<{ file: string; text: string }> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, out);
    else if (/\.(ts|wxml)$/.test(entry.name)) out.push({ file: full, text: fs.readFileSync(full, 'utf8') });
  }
  return out;
}

/** The pages no other page or component opens. */
export function unreached(app: AppJson, files: ReadonlyArray<{ file: string; text: string }>): string[] {
  const pages = [...app.pages, ...(app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  const tabs = new Set((app.tabBar?.list ?? []).map((t) => t.pagePath));
  return pages.filter((page) => {
    if (tabs.has(page)) return false;
    const own = path.join(MP, path.dirname(page)) + path.sep;
    return !files.some((f) => !f.file.startsWith(own) && f.text.includes(`/${page}`));
  });
}

describe('every page can be reached', () => {
  const app = JSON.parse(fs.readFileSync(path.join(MP, 'app.json'), 'utf8')) as AppJson;

  it('is opened from some other page or component (tab pages from the tab bar)', () => {
    expect(unreached(app, sources(MP))).toEqual([]);
  });

  it('would name a page only its own folder mentions', () => {
    const files = [
      { file: path.join(MP, 'pages/a/index.ts'), text: "wx.navigateTo({ url: '/pages/b/index' }); // and itself: /pages/a/index" },
      { file: path.join(MP, 'pages/c/index.ts'), text: '' },
    ];
    expect(unreached({ pages: ['pages/a/index', 'pages/b/index', 'pages/c/index'] }, files)).toEqual(['pages/a/index', 'pages/c/index']);
  });
});
