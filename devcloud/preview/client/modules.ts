/**
 * CommonJS for the mini-program's scripts, read from simulate's file map. WeChat evaluates each
 * module once and shares it (the API client, lib/core.js); simulate's browser `require` would
 * evaluate it again on every require, so the preview replaces it with a caching one.
 */
import { win } from './env';

interface Module {
  exports: unknown;
}

const cache = new Map<string, Module>();

function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Loads `root/...` (with or without `.js`), relative requires resolved from the requiring file. */
export function requireModule(request: string): unknown {
  const base = normalize(request);
  const key = base.endsWith('.js') ? base : `${base}.js`;
  const hit = cache.get(key);
  if (hit) return hit.exports;
  const source = win.__FILE_MAP__[key];
  if (typeof source !== 'string') throw new Error(`module not found in the build: /${key}`);
  const mod: Module = { exports: {} };
  cache.set(key, mod);
  const fn = new Function('exports', 'require', 'module', `${source}\n//# sourceURL=preview:///${key}`) as (
    exports: unknown,
    require: (p: string) => unknown,
    module: Module,
  ) => void;
  try {
    fn.call(mod.exports, mod.exports, (rel: string) => requireModule(rel.startsWith('.') ? `${dirname(key)}/${rel}` : rel), mod);
  } catch (err) {
    cache.delete(key);
    throw err;
  }
  return mod.exports;
}

export function installRequire(): void {
  win.require = requireModule;
}
