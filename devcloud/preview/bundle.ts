/**
 * Prepares what the web preview runs from the built mini-program in dist/miniprogram: the pages
 * and components reachable from app.json, their templates compiled by the official wcc, their
 * styles by the official wcsc (rpx resolved for a 375 px wide phone), the app's own CommonJS as
 * built, and each reachable TDesign component bundled to CommonJS (TDesign ships ES modules that
 * import tslib, which miniprogram-simulate's browser `require` cannot load).
 *
 * The result is cached by a fingerprint of dist/miniprogram, so `npm run dev` rebuilds show up on
 * the next reload of /preview/ without restarting devcloud.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_MINIPROGRAM_DIR = path.join(ROOT, 'dist', 'miniprogram');
const COMPILER_BIN = path.join(ROOT, 'node_modules', 'miniprogram-compiler', 'bin', 'linux');
/** The phone the preview draws: WeChat's rpx is 1/750 of the screen width. */
export const FRAME_WIDTH = 375;

export interface AppJson {
  pages: string[];
  subpackages?: Array<{ root: string; pages: string[]; name?: string }>;
  subPackages?: Array<{ root: string; pages: string[]; name?: string }>;
  window?: Record<string, unknown>;
  tabBar?: { custom?: boolean; list: Array<{ pagePath: string; text: string }> };
  usingComponents?: Record<string, string>;
}

export interface PreviewBundle {
  fingerprint: string;
  app: AppJson;
  /** Every page route (main package first, then subpackages), without a leading slash. */
  pages: string[];
  /** Page route → its own JSON (navigationBarTitleText …). */
  pageConfig: Record<string, Record<string, unknown>>;
  /** Keys as miniprogram-simulate's browser mode reads them: `root/<path>.js|.json|.wxss`. */
  files: Record<string, string>;
  /** The official wcc's output: a function body that ends in `return $gwx`. */
  templates: string;
  /** Root-relative component paths (pages included) whose template the preview registers. */
  components: string[];
  /** How long preparing it took, for the log line. */
  millis: number;
}

export class PreviewBuildError extends Error {}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}

/** Cheap enough to run on every request: names, sizes and times of the built files. */
export function fingerprintOf(dir: string): string {
  const hash = crypto.createHash('sha1');
  for (const file of walk(dir).sort()) {
    const st = fs.statSync(file);
    hash.update(`${path.relative(dir, file)}:${st.size}:${st.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

const posix = path.posix;

/**
 * Resolves a usingComponents value the way WeChat does: `/x` from the root, `./x` or `../x`
 * from the component's folder, anything else from the nearest miniprogram_npm up the tree.
 */
function resolveComponent(root: string, from: string, target: string): string | null {
  const candidates: string[] = [];
  if (target.startsWith('/')) candidates.push(target.slice(1));
  else if (target.startsWith('.')) candidates.push(posix.join(posix.dirname(from), target));
  else {
    for (let dir = posix.dirname(from); ; dir = posix.dirname(dir)) {
      candidates.push(posix.join(dir === '.' ? '' : dir, 'miniprogram_npm', target));
      if (dir === '.' || dir === '/' || dir === '') break;
    }
  }
  for (const c of candidates) {
    const normal = posix.normalize(c);
    if (fs.existsSync(path.join(root, `${normal}.json`))) return normal;
    if (fs.existsSync(path.join(root, normal, 'index.json'))) return posix.join(normal, 'index');
  }
  return null;
}

export function allPages(app: AppJson): string[] {
  const subs = app.subpackages ?? app.subPackages ?? [];
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => posix.join(s.root, p)))];
}

interface Closure {
  components: string[];
  /** Component path → its JSON with usingComponents rewritten to absolute paths. */
  json: Map<string, Record<string, unknown>>;
}

function reachable(root: string, app: AppJson, entries: string[]): Closure {
  const json = new Map<string, Record<string, unknown>>();
  const order: string[] = [];
  const visit = (comp: string, inherited: Record<string, string>) => {
    if (json.has(comp)) return;
    const file = path.join(root, `${comp}.json`);
    const own = fs.existsSync(file) ? readJson<Record<string, unknown>>(file) : {};
    json.set(comp, own);
    order.push(comp);
    const using = { ...inherited, ...((own.usingComponents as Record<string, string> | undefined) ?? {}) };
    const resolved: Record<string, string> = {};
    for (const [tag, target] of Object.entries(using)) {
      const to = resolveComponent(root, comp, target);
      if (!to) throw new PreviewBuildError(`${comp}.json: <${tag}> uses ${target}, which dist/miniprogram does not contain`);
      resolved[tag] = `/${to}`;
      visit(to, {});
    }
    json.set(comp, { ...own, usingComponents: resolved });
  };
  // app.json's usingComponents are global to every page (not to components).
  for (const page of entries) visit(page, app.usingComponents ?? {});
  return { components: order, json };
}

/** `<import src>`, `<include src>` and `<wxs src>` of templates, and `require()` of wxs, followed to the end. */
function templateFiles(root: string, components: string[]): { wxml: string[]; wxs: string[] } {
  const wxml = new Set<string>();
  const wxs = new Set<string>();
  const queue = components.map((c) => `${c}.wxml`).filter((f) => fs.existsSync(path.join(root, f)));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const isWxs = file.endsWith('.wxs');
    const set = isWxs ? wxs : wxml;
    if (set.has(file)) continue;
    set.add(file);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const refs = isWxs
      ? [...text.matchAll(/require\(\s*['"]([^'"]+\.wxs)['"]\s*\)/g)].map((m) => m[1] as string)
      : [...text.matchAll(/<(?:import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/g)].map((m) => m[1] as string);
    for (const ref of refs) {
      const target = ref.startsWith('/') ? ref.slice(1) : posix.join(posix.dirname(file), ref);
      const withExt = /\.(wxml|wxs)$/.test(target) ? target : `${target}.wxml`;
      if (fs.existsSync(path.join(root, withExt))) queue.push(posix.normalize(withExt));
    }
  }
  return { wxml: [...wxml], wxs: [...wxs] };
}

function styleImports(root: string, files: string[]): string[] {
  const seen = new Set<string>(files);
  const queue = [...files];
  const imports: string[] = [];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/@import\s+["']([^"']+)["']/g)) {
      const ref = m[1] as string;
      const target = posix.normalize(ref.startsWith('/') ? ref.slice(1) : posix.join(posix.dirname(file), ref));
      if (!seen.has(target) && fs.existsSync(path.join(root, target))) {
        seen.add(target);
        imports.push(target);
        queue.push(target);
      }
    }
  }
  return imports;
}

function runCompiler(root: string, binary: 'wcc' | 'wcsc', args: string[]): string {
  const bin = path.join(COMPILER_BIN, binary);
  fs.chmodSync(bin, 0o755); // npm does not keep the executable bit inside the package
  // Long argument lists are what DevTools passes too; the binaries take them as they are.
  const run = spawnSync(bin, args, { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new PreviewBuildError(`${binary}: ${run.error.message}`);
  if (run.status !== 0) throw new PreviewBuildError(`${binary}: ${run.stderr.toString().trim() || `exit ${run.status}`}`);
  return run.stdout.toString();
}

/** wcc, given which tags of each template are custom components (as DevTools and simulate pass them). */
function compileTemplates(root: string, closure: Closure, files: { wxml: string[]; wxs: string[] }): string {
  const withComponents = closure.components.filter((c) => files.wxml.includes(`${c}.wxml`));
  const componentArgs: Array<string | number> = [withComponents.length];
  for (const c of withComponents) {
    const tags = Object.keys((closure.json.get(c)?.usingComponents as Record<string, string> | undefined) ?? {});
    componentArgs.push(`${c}.wxml`, tags.length, ...tags);
  }
  const out = runCompiler(root, 'wcc', ['-d', '-cc', componentArgs.join(' '), ...files.wxml, ...files.wxs, '-gn', '$gwx']);
  return `${out};\nreturn $gwx;`;
}

/** JavaScript string escapes as wcsc writes them (\xHH, \uHHHH, \n …) back to text. */
function unescapeJs(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[\s\S])/g, (_m, e: string) => {
    if (e[0] === 'x' || e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' } as Record<string, string>)[e] ?? e;
  });
}

/**
 * wcsc emits code that turns each stylesheet into CSS at run time (rpx by the device width,
 * WeChat's rounding included). It runs here once, against a 375 px "device", and hands each
 * file's CSS to a style-sheet manager instead of the document. Class selectors come out without
 * a prefix: miniprogram-simulate adds each component's own prefix when it inserts them.
 */
function compileStyles(root: string, files: string[]): Record<string, string> {
  if (files.length === 0) return {};
  const imports = styleImports(root, files);
  const raw = runCompiler(root, 'wcsc', ['-pc', String(files.length), ...files, ...imports]);
  const parts = raw.split('=');
  const css: Record<string, string> = {};
  let captured = '';
  const window = {
    screen: { width: FRAME_WIDTH, height: 740 },
    devicePixelRatio: 2,
    __rpxRecalculatingFuncs__: [] as unknown[],
    __styleSheetManager2__: { addItem() {}, setCss(_key: string, text: string) { captured = text; } },
  };
  const context = vm.createContext({ window, navigator: { userAgent: 'preview' }, document: {}, console });
  const commIndex = parts.indexOf('comm');
  if (commIndex < 0) throw new PreviewBuildError('wcsc: unexpected output (no common part)');
  vm.runInContext(unescapeJs(parts[commIndex + 1] ?? ''), context);
  for (let i = commIndex + 2; i + 1 < parts.length; i += 2) {
    const key = parts[i] as string;
    // wcsc also answers an empty `./app.wxss` beside the real `app.wxss`.
    const file = key.replace(/^\.\//, '');
    if (file !== key && css[file] !== undefined) continue;
    const rewrite = vm.runInContext(unescapeJs(parts[i + 1] as string), context) as ((suffix: string, opt: object) => void) | undefined;
    if (typeof rewrite !== 'function') continue;
    captured = '';
    rewrite('', { deviceWidth: FRAME_WIDTH });
    css[file] = pageSelector(captured);
  }
  return css;
}

/**
 * wcsc writes WeChat's `page` selector as `body`, which is right inside WeChat, where the body is
 * the page. Here the page is a <page> element inside the preview's phone, so it goes back.
 */
function pageSelector(css: string): string {
  return css.replace(/(^|[\s,}>+~(])body(?=[\s,{.:#[>+~)])/g, '$1page');
}

/** In WeChat each page has its own webview, so a page's `page { … }` styles that page alone. */
function scopePage(css: string, route: string): string {
  return css.replace(/(^|[\s,}>+~(])page(?=[\s,{.:#[>+~)])/g, `$1page[data-route="${route}"]`);
}

/** No font or image is fetched from the internet: the preview works on a closed network. */
function offline(css: string): string {
  return css.replace(/@font-face\s*{[^}]*url\(\s*['"]?https?:[^}]*}/g, '');
}

function bundleNpmComponent(root: string, comp: string): string {
  const result = buildSync({
    entryPoints: [path.join(root, `${comp}.js`)],
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2018',
    write: false,
    logLevel: 'silent',
    // tslib lives in the project's node_modules, not in miniprogram_npm.
    nodePaths: [path.join(ROOT, 'node_modules')],
  });
  return result.outputFiles[0]?.text ?? '';
}

/** The app's own files are CommonJS with relative requires already (scripts/build.ts). */
function ownScripts(root: string): string[] {
  return walk(root)
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .filter((f) => f.endsWith('.js') && !f.startsWith('miniprogram_npm/'));
}

export function buildPreviewBundle(root: string = DEFAULT_MINIPROGRAM_DIR): PreviewBundle {
  const started = Date.now();
  const appFile = path.join(root, 'app.json');
  if (!fs.existsSync(appFile)) throw new PreviewBuildError(`${path.relative(ROOT, appFile)} is missing: run \`npm run build\` (npm start builds it too)`);
  const fingerprint = fingerprintOf(root);
  const app = readJson<AppJson>(appFile);
  const pages = allPages(app);
  const entries = [...pages];
  if (app.tabBar?.custom && fs.existsSync(path.join(root, 'custom-tab-bar', 'index.json'))) entries.push('custom-tab-bar/index');
  const closure = reachable(root, app, entries);

  const files: Record<string, string> = {};
  for (const js of ownScripts(root)) files[`root/${js}`] = fs.readFileSync(path.join(root, js), 'utf8');
  for (const comp of closure.components) {
    files[`root/${comp}.json`] = JSON.stringify(closure.json.get(comp));
    if (comp.startsWith('miniprogram_npm/')) files[`root/${comp}.js`] = bundleNpmComponent(root, comp);
  }

  const wxssFiles = closure.components.map((c) => `${c}.wxss`).filter((f) => fs.existsSync(path.join(root, f)));
  const hasAppStyle = fs.existsSync(path.join(root, 'app.wxss'));
  const css = compileStyles(root, hasAppStyle ? [...wxssFiles, 'app.wxss'] : wxssFiles);
  const appCss = css['app.wxss'] ?? '';
  const pageSet = new Set(pages);
  for (const comp of closure.components) {
    // app.wxss styles every page (not components), so each page carries it under its own prefix.
    const own = offline(css[`${comp}.wxss`] ?? '');
    files[`root/${comp}.wxss`] = pageSet.has(comp) ? scopePage(`${offline(appCss)}\n${own}`, comp) : own;
  }

  const templates = compileTemplates(root, closure, templateFiles(root, closure.components));
  const pageConfig: Record<string, Record<string, unknown>> = {};
  for (const page of pages) {
    const { usingComponents: _u, ...config } = closure.json.get(page) ?? {};
    pageConfig[page] = config;
  }
  return { fingerprint, app, pages, pageConfig, files, templates, components: closure.components, millis: Date.now() - started };
}

/** One bundle per dist fingerprint; a failed build is remembered until dist changes again. */
export class PreviewBundler {
  private cached: { fingerprint: string; bundle?: PreviewBundle; error?: Error } | null = null;

  constructor(readonly root: string = DEFAULT_MINIPROGRAM_DIR) {}

  get(): PreviewBundle {
    const fingerprint = fs.existsSync(this.root) ? fingerprintOf(this.root) : 'missing';
    if (this.cached?.fingerprint !== fingerprint) {
      try {
        this.cached = { fingerprint, bundle: buildPreviewBundle(this.root) };
      } catch (err) {
        this.cached = { fingerprint, error: err instanceof Error ? err : new Error(String(err)) };
      }
    }
    if (this.cached.error) throw this.cached.error;
    return this.cached.bundle as PreviewBundle;
  }
}
