/**
 * TDesign's icons, shipped with the package (U1): tdesign-miniprogram's icon.wxss loads its icon
 * font from a CDN (`@font-face{font-family:t;src:url(https://tdesign.gtimg.com/…)}`), so offline every
 * `<t-icon>` (a cell's arrow, an input's clear button, the upload's +) is blank. The build replaces
 * that @font-face with an import of miniprogram/styles/tdesign-icons.wxss: the glyphs the app reaches,
 * at TDesign's own codepoints, as a base64 TrueType subset. test/repo/icons.repo.test.ts fails when an
 * icon the app reaches has no glyph there, or when any shipped stylesheet names a font on the network.
 *
 * Regenerate after using a new icon or TDesign component (needs Python fontTools, and the `t.ttf` of
 * tdesign-icons-web-components, whose glyphs are named by icon):
 *   npx tsx scripts/icons.ts --font <…/lib/iconfont/t.ttf> --python <python with fontTools>
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const MP = path.join(ROOT, 'miniprogram');
const TD = path.join(ROOT, 'node_modules', 'tdesign-miniprogram', 'miniprogram_dist');
export const ICON_WXSS = path.join(TD, 'icon', 'icon.wxss');
/** The vendored font, and how the packed icon.wxss reaches it (from miniprogram_npm/tdesign-miniprogram/icon/). */
export const VENDORED = path.join(MP, 'styles', 'tdesign-icons.wxss');
const VENDORED_IMPORT = "@import '../../../styles/tdesign-icons.wxss';";
const TD_PREFIX = 'tdesign-miniprogram/';

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? (d.name === 'node_modules' ? [] : walk(p)) : [p];
  });
}

/** Every icon TDesign's font has: name → codepoint, as its icon.wxss declares them. */
export function tdesignCodepoints(wxss = fs.readFileSync(ICON_WXSS, 'utf8')): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of wxss.matchAll(/\.t-icon-([a-z0-9-]+):before\{content:['"]\\([0-9a-fA-F]+)['"]/g)) out.set(m[1] as string, parseInt(m[2] as string, 16));
  return out;
}

/** The TDesign components the app uses, and every component they use in turn (component dirs under miniprogram_dist). */
function reachedComponents(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !fs.existsSync(`${file}.json`)) return;
    seen.add(file);
    const json = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const target of Object.values(json.usingComponents ?? {})) visit(path.resolve(path.dirname(file), target));
  };
  for (const file of walk(MP).filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const target of Object.values(json.usingComponents ?? {})) if (target.startsWith(TD_PREFIX)) visit(path.join(TD, target.slice(TD_PREFIX.length)));
  }
  return [...seen];
}

/**
 * Every icon name the app can show: quoted names in the code of the TDesign components it reaches
 * (their defaults: a cell's chevron-right, an input's close-circle-filled …), and the icon attributes
 * of its own templates (`icon="file"`, `<t-icon name=…>`) and a cell's `arrow`. Errs on the side of
 * more: a word that is also an icon name costs a few hundred bytes, a missing glyph a blank square.
 */
export function usedIcons(names = new Set(tdesignCodepoints().keys())): string[] {
  const found = new Set<string>();
  for (const dir of reachedComponents()) {
    for (const ext of ['.js', '.wxml', '.wxs']) {
      const file = `${dir}${ext}`;
      if (!fs.existsSync(file)) continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/['"]([a-z0-9-]+)['"]/g)) if (names.has(m[1] as string)) found.add(m[1] as string);
    }
  }
  for (const file of walk(MP).filter((f) => f.endsWith('.wxml') || f.endsWith('.ts'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\bicon|-icon|Icon|<t-icon[^>]*\bname)\s*[=:]\s*['"]([a-z0-9-]+)['"]/g)) if (names.has(m[1] as string)) found.add(m[1] as string);
    if (/<t-cell\b[^>]*\sarrow\b/.test(text)) found.add('chevron-right');
  }
  return [...found].sort();
}

/** The packed icon.wxss with its CDN @font-face replaced by the vendored font's import. */
export function offlineIconWxss(original: string): string {
  const face = /@font-face\{font-family:t;[^}]*\}/;
  if (!face.test(original)) throw new Error('tdesign-miniprogram icon.wxss: no @font-face for family t (TDesign changed: look again at scripts/icons.ts)');
  // @import must come first in a stylesheet: put the vendored one beside icon.wxss's own import.
  return original.replace(face, '').replace(/^/, `${VENDORED_IMPORT}\n`);
}

/** After miniprogram-ci packed TDesign: its icons from the package, not the CDN. */
export function packIconsOffline(mpDist: string): void {
  const file = path.join(mpDist, 'miniprogram_npm', 'tdesign-miniprogram', 'icon', 'icon.wxss');
  fs.writeFileSync(file, offlineIconWxss(fs.readFileSync(file, 'utf8')));
}

/** `file:line` of each @font-face in a stylesheet under `root` whose source is on the network. */
export function cdnFontFaces(root: string): string[] {
  return walk(root)
    .filter((f) => f.endsWith('.wxss') || f.endsWith('.css'))
    .flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return [...text.matchAll(/@font-face\s*\{[^}]*\}/g)]
        .filter((m) => /url\(\s*['"]?(?:https?:)?\/\//i.test(m[0]))
        .map((m) => `${path.relative(root, f)}:${text.slice(0, m.index).split('\n').length}`);
    });
}

/** The codepoints a TrueType font maps (cmap format 4), for checking the vendored subset. */
export function ttfCodepoints(ttf: Buffer): Set<number> {
  const tables = ttf.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) if (ttf.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = ttf.readUInt32BE(12 + i * 16 + 8);
  if (cmap < 0) throw new Error('font has no cmap');
  const out = new Set<number>();
  for (let i = 0; i < ttf.readUInt16BE(cmap + 2); i++) {
    const sub = cmap + ttf.readUInt32BE(cmap + 4 + i * 8 + 4);
    if (ttf.readUInt16BE(sub) !== 4) continue;
    const segs = ttf.readUInt16BE(sub + 6) / 2;
    for (let s = 0; s < segs; s++) {
      const end = ttf.readUInt16BE(sub + 14 + s * 2);
      const start = ttf.readUInt16BE(sub + 16 + segs * 2 + s * 2);
      if (start !== 0xffff) for (let c = start; c <= end; c++) out.add(c);
    }
  }
  return out;
}

/** The vendored font's bytes, out of its data URL. */
export function vendoredFont(wxss = fs.readFileSync(VENDORED, 'utf8')): Buffer {
  const m = /url\(['"]?data:font\/ttf;base64,([A-Za-z0-9+/=]+)['"]?\)/.exec(wxss);
  if (!m) throw new Error(`${path.relative(ROOT, VENDORED)} has no base64 TrueType font`);
  return Buffer.from(m[1] as string, 'base64');
}

/** Builds the subset: each used icon's glyph from the named-glyph font, placed at TDesign's codepoint. */
function generate(fontPath: string, python: string): void {
  const codepoints = tdesignCodepoints();
  const wanted = usedIcons(new Set(codepoints.keys()));
  const out = path.join(ROOT, 'dist', 'tdesign-icons.ttf');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const script = `
import json, sys
from fontTools.ttLib import TTFont
from fontTools import subset
wanted = json.loads(sys.argv[3])
font = TTFont(sys.argv[1])
glyphs = set(font.getGlyphOrder())
missing = [n for n in wanted if n not in glyphs]
if missing: sys.exit('no glyph for: ' + ', '.join(missing))
sub = subset.Subsetter(subset.Options(glyph_names=True, notdef_outline=True, layout_features=[], name_IDs=['*']))
sub.populate(glyphs=list(wanted))
sub.subset(font)
for table in font['cmap'].tables:
  table.cmap = {cp: n for n, cp in wanted.items()}
font.save(sys.argv[2])
`;
  execFileSync(python, ['-c', script, fontPath, out, JSON.stringify(Object.fromEntries(wanted.map((n) => [n, codepoints.get(n)])))], { stdio: 'inherit' });
  const base64 = fs.readFileSync(out).toString('base64');
  fs.writeFileSync(
    VENDORED,
    `/* Generated by scripts/icons.ts: TDesign's icon font (family t), only the ${wanted.length} icons the app reaches, at TDesign's codepoints. Do not edit. */\n` +
      `/* ${wanted.join(' ')} */\n` +
      `@font-face{font-family:t;src:url('data:font/ttf;base64,${base64}') format('truetype');font-weight:400;font-style:normal;}\n`,
  );
  console.log(`wrote ${path.relative(ROOT, VENDORED)}: ${wanted.length} icons, ${base64.length} base64 characters`);
}

if (path.resolve(process.argv[1] ?? "") === __filename) {
  const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
  if (!process.argv.includes('--font') || !process.argv.includes('--python')) {
    console.log(usedIcons().join('\n'));
  } else {
    generate(arg('--font') as string, arg('--python') as string);
  }
}
