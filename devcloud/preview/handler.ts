/**
 * GET /preview/*: the web preview. The shell page, miniprogram-simulate's browser bundle, the
 * preview's own runtime (the wx shim, built-in components, navigation; TypeScript bundled here by
 * esbuild) and the mini-program prepared from dist/miniprogram by bundle.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { PreviewBundler, type PreviewBundle } from './bundle';
import { shellHtml, type PersonaOption } from './shell';

const ROOT = path.resolve(__dirname, '..', '..');
const SIMULATE_BUILD = path.join(ROOT, 'node_modules', 'miniprogram-simulate', 'build.js');
const CLIENT_ENTRY = path.join(__dirname, 'client', 'main.ts');

export interface PreviewOptions {
  /** The built mini-program; default dist/miniprogram. */
  miniprogramDir?: string;
  /** The switcher's personas: the demo personas a local build lists in dist/manifest.json. */
  personas?: readonly PersonaOption[];
}

interface Asset {
  body: string;
  etag: string;
  type: string;
}

function asset(body: string, type: string): Asset {
  return { body, type, etag: `"${crypto.createHash('sha1').update(body).digest('hex').slice(0, 20)}"` };
}

/**
 * simulate's browser bundle turns `12rpx` into `12px` (one to one) in inline styles; in a 375 px
 * phone an rpx is half a pixel, rounded as WeChat rounds it (see runtime rpx()). Patched once, here.
 */
function simulateScript(): Asset {
  const source = fs.readFileSync(SIMULATE_BUILD, 'utf8');
  const pattern = "replace(/(\\d+)rpx/ig, '$1px')";
  const patched = source.split(pattern).join('replace(/(-?\\d*\\.?\\d+)rpx/ig, function (_m, n) { return window.__previewRpx(Number(n)) + "px" })');
  if (patched === source) throw new Error('miniprogram-simulate/build.js changed: its rpx conversion was not found');
  return asset(patched, 'text/javascript; charset=utf-8');
}

function runtimeScript(): Asset {
  const out = buildSync({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    sourcemap: 'inline',
  });
  return asset(out.outputFiles[0]?.text ?? '', 'text/javascript; charset=utf-8');
}

/** The mini-program as one script: the file map, the page list and wcc's template functions. */
function appScript(bundle: PreviewBundle): Asset {
  const payload = {
    fingerprint: bundle.fingerprint,
    app: bundle.app,
    pages: bundle.pages,
    pageConfig: bundle.pageConfig,
    components: bundle.components,
    files: bundle.files,
  };
  // wcc's output is a function body; it is inlined as a function rather than eval'd from a string.
  const body = `window.__PREVIEW_APP__ = ${JSON.stringify(payload)};\nwindow.__PREVIEW_APP__.templates = function () {\n${bundle.templates}\n};\n`;
  return { body, type: 'text/javascript; charset=utf-8', etag: `"${bundle.fingerprint}"` };
}

function send(req: http.IncomingMessage, res: http.ServerResponse, a: Asset): void {
  // Always revalidated: a rebuild of dist must show on the next reload, and an unchanged one costs a 304.
  if (req.headers['if-none-match'] === a.etag) {
    res.writeHead(304, { etag: a.etag, 'cache-control': 'no-cache' });
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': a.type, etag: a.etag, 'cache-control': 'no-cache' });
  res.end(a.body);
}

function failure(res: http.ServerResponse, message: string): void {
  res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(message);
}

export type PreviewHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export function createPreviewHandler(opts: PreviewOptions = {}): PreviewHandler {
  const bundler = new PreviewBundler(opts.miniprogramDir);
  let simulate: Asset | null = null;
  let runtime: Asset | null = null;
  const shell = asset(shellHtml((opts.personas ?? []).map((p) => ({ openid: p.openid, label: p.label }))), 'text/html; charset=utf-8');
  let app: { fingerprint: string; asset: Asset } | null = null;

  return (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://devcloud');
    try {
      if (pathname === '/preview') {
        res.writeHead(302, { location: '/preview/' });
        res.end();
        return;
      }
      if (pathname === '/preview/') return send(req, res, shell);
      if (pathname === '/preview/simulate.js') return send(req, res, (simulate ??= simulateScript()));
      if (pathname === '/preview/runtime.js') return send(req, res, (runtime ??= runtimeScript()));
      if (pathname === '/preview/app.js') {
        const bundle = bundler.get();
        if (app?.fingerprint !== bundle.fingerprint) app = { fingerprint: bundle.fingerprint, asset: appScript(bundle) };
        return send(req, res, app.asset);
      }
    } catch (err) {
      // The page shows this text in its red banner: a broken build must say what broke.
      return failure(res, err instanceof Error ? err.message : String(err));
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found');
  };
}
