/**
 * npm run build: bundles each cloud function, compiles the mini-program (core + zod/mini once,
 * in lib/core.js), packs TDesign into miniprogram_npm, and writes what a deployment tells the
 * platform: dist/database.json (collections, indexes, rules) and dist/manifest.json (functions,
 * subscribe templates, demo personas). devcloud learns the deployment from these two files only.
 * `--cloud` targets CloudBase (wx.cloud transport, no demo personas); the default targets local devcloud.
 * `--watch` rebuilds on change (npm run dev).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { ALL_COLLECTIONS } from '../cloudfunctions/collections';
import { CLOSED_RULE, STORAGE_RULE } from '../cloudfunctions/rules';
import { TEMPLATES, templateIds } from '../core/notify/templates';
import { PERSONAS } from './seed/personas';
import { functionManifest, openapiCallsOf, readConfig, type DatabaseManifest, type Manifest } from './deploy/manifest';
import { packIconsOffline } from './icons';

export const ROOT = path.resolve(__dirname, '..');
export const DIST = path.join(ROOT, 'dist');
const FN_SRC = path.join(ROOT, 'cloudfunctions');
const MP_SRC = path.join(ROOT, 'miniprogram');
export const FN_DIST = path.join(DIST, 'cloudfunctions');
export const MP_DIST = path.join(DIST, 'miniprogram');
const WX_SERVER_SDK_VERSION = '4.0.2';

export interface BuildOptions {
  /** Where the mini-program's API client sends calls: devcloud over HTTP, or wx.cloud. */
  target: 'local' | 'cloud';
  devcloudUrl: string;
}

export function functionNames(): string[] {
  return fs
    .readdirSync(FN_SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(FN_SRC, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function buildFunctions(fnDist: string = FN_DIST): Promise<void> {
  for (const name of functionNames()) {
    const out = path.join(fnDist, name);
    fs.mkdirSync(out, { recursive: true });
    await build({
      entryPoints: [path.join(FN_SRC, name, 'index.ts')],
      outfile: path.join(out, 'index.js'),
      bundle: true,
      platform: 'node',
      // CloudBase's Nodejs16.13 runtime is the oldest we deploy to.
      target: 'node16',
      format: 'cjs',
      // The SDK stays a declared dependency: CloudBase installs it and it is large.
      external: ['wx-server-sdk'],
      tsconfig: path.join(FN_SRC, 'tsconfig.json'),
      logLevel: 'warning',
      legalComments: 'none',
    });
    const pkg = {
      name,
      version: '1.0.0',
      private: true,
      main: 'index.js',
      dependencies: { 'wx-server-sdk': WX_SERVER_SDK_VERSION },
    };
    fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    // The shipped config.json lists every cloud call the bundle makes (WeChat reads openapi
    // permissions from it on upload); what the source lists is kept.
    const config = readConfig(path.join(FN_SRC, name, 'config.json'));
    const called = openapiCallsOf(fs.readFileSync(path.join(out, 'index.js'), 'utf8'));
    const openapi = [...new Set([...(config.permissions?.openapi ?? []), ...called])].sort();
    fs.writeFileSync(path.join(out, 'config.json'), JSON.stringify({ ...config, permissions: { ...config.permissions, openapi } }, null, 2) + '\n');
  }
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}

/** Rewrites `@core` to the shared lib/core.js and keeps every other import as its own file. */
function miniprogramImports(fromFile: string): Plugin {
  return {
    name: 'miniprogram-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (args.path === '@core') {
          const rel = path.relative(path.dirname(fromFile), path.join(MP_DIST, 'lib', 'core.js'));
          return { path: rel.startsWith('.') ? rel : `./${rel}`, external: true };
        }
        if (args.path.startsWith('.')) return { path: args.path, external: true };
        throw new Error(`${fromFile}: mini-program code may import only relative modules and @core, not ${args.path}`);
      });
    },
  };
}

export async function buildMiniprogram(opts: BuildOptions): Promise<void> {
  fs.rmSync(path.join(MP_DIST), { recursive: true, force: true });
  const define = {
    __API_TARGET__: JSON.stringify(opts.target),
    __DEVCLOUD_URL__: JSON.stringify(opts.devcloudUrl),
    __LOCAL_PERSONAS__: JSON.stringify(localPersonas(opts.target)),
    // The template ids WeChat assigned this deployment (config, not code); devcloud's are the names.
    __SUBSCRIBE_TEMPLATE_IDS__: JSON.stringify(templateIds(process.env.SUBSCRIBE_TEMPLATE_IDS)),
  };
  for (const file of walk(MP_SRC)) {
    const rel = path.relative(MP_SRC, file);
    if (rel === 'tsconfig.json' || rel.endsWith('.test.ts') || rel.endsWith('.d.ts')) continue;
    const target = path.join(MP_DIST, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!file.endsWith('.ts')) {
      fs.copyFileSync(file, target);
      continue;
    }
    const outfile = target.replace(/\.ts$/, '.js');
    await build({
      entryPoints: [file],
      outfile,
      bundle: true,
      format: 'cjs',
      target: 'es2018',
      define,
      plugins: [miniprogramImports(outfile)],
      logLevel: 'warning',
    });
  }
  // core and zod/mini once for the whole app, not once per page.
  await build({
    entryPoints: [path.join(ROOT, 'core', 'index.ts')],
    outfile: path.join(MP_DIST, 'lib', 'core.js'),
    bundle: true,
    format: 'cjs',
    target: 'es2018',
    minify: true,
    tsconfig: path.join(ROOT, 'core', 'tsconfig.json'),
    logLevel: 'warning',
    legalComments: 'none',
  });
}

/** TDesign reaches miniprogram_npm through miniprogram-ci's offline npm build, as DevTools does. */
export async function packTDesign(): Promise<void> {
  const stage = path.join(DIST, '.npm-stage');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(path.join(stage, 'node_modules'), { recursive: true });
  const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const version = rootPkg.dependencies['tdesign-miniprogram'];
  fs.writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify({ name: 'mp-npm', private: true, dependencies: { 'tdesign-miniprogram': version } }),
  );
  fs.symlinkSync(path.join(ROOT, 'node_modules', 'tdesign-miniprogram'), path.join(stage, 'node_modules', 'tdesign-miniprogram'));
  const ci = (await import('miniprogram-ci')) as unknown as {
    packNpmManually(o: { packageJsonPath: string; miniprogramNpmDistDir: string }): Promise<unknown>;
  };
  await ci.packNpmManually({ packageJsonPath: path.join(stage, 'package.json'), miniprogramNpmDistDir: MP_DIST });
  fs.rmSync(stage, { recursive: true, force: true });
  // Its icon font from the package, not TDesign's CDN: icons show offline (scripts/icons.ts).
  packIconsOffline(MP_DIST);
}

/** The demo personas exist only where devcloud stands in for WeChat's identity. */
function localPersonas(target: BuildOptions['target']): Array<{ openid: string; label: string }> {
  return target === 'local' ? PERSONAS.map((p) => ({ openid: p.openid, label: p.label })) : [];
}

/**
 * Writes the deployment manifest (scripts/deploy/manifest.ts): dist/database.json (collections with
 * indexes and rules, the storage rule) and dist/manifest.json (each function's runtime, memory,
 * timeout, env names, triggers, openapi permissions and code hash; the subscribe templates; the demo
 * personas of a local build). It is what `npm run deploy` applies, and all devcloud knows of the product.
 */
export function writeDatabaseManifest(target: BuildOptions['target'] = 'local', distDir: string = DIST): void {
  fs.mkdirSync(distDir, { recursive: true });
  const database: DatabaseManifest = { collections: ALL_COLLECTIONS.map((c) => ({ ...c, rule: CLOSED_RULE })), storage: { rule: STORAGE_RULE } };
  fs.writeFileSync(path.join(distDir, 'database.json'), JSON.stringify(database, null, 2) + '\n');
  const manifest: Manifest = {
    target,
    functions: functionNames().map((name) => functionManifest(name, path.join(FN_SRC, name, 'config.json'), path.join(distDir, 'cloudfunctions', name))),
    templates: TEMPLATES,
    templateIdsEnv: 'SUBSCRIBE_TEMPLATE_IDS',
    personas: localPersonas(target),
  };
  fs.writeFileSync(path.join(distDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

export async function buildAll(opts: BuildOptions): Promise<void> {
  await buildFunctions();
  await buildMiniprogram(opts);
  await packTDesign();
  writeDatabaseManifest(opts.target);
}

export function optionsFromArgv(argv: string[]): BuildOptions {
  const port = process.env.PORT ?? '8787';
  return {
    target: argv.includes('--cloud') ? 'cloud' : 'local',
    devcloudUrl: process.env.DEVCLOUD_URL ?? `http://127.0.0.1:${port}`,
  };
}

if (path.resolve(process.argv[1] ?? "") === __filename) {
  const started = Date.now();
  const argv = process.argv.slice(2);
  // --functions: only what devcloud needs (the tests' global setup uses it).
  const work = argv.includes('--functions')
    ? buildFunctions().then(() => writeDatabaseManifest(optionsFromArgv(argv).target))
    : buildAll(optionsFromArgv(argv));
  work
    .then(() => console.log(`built dist/ in ${Date.now() - started} ms`))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
