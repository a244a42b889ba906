/**
 * Compiles every WXML and WXSS file of the built mini-program with the official wcc/wcsc, so a
 * broken template fails `npm test` even on a page no test renders. TDesign's own files in
 * miniprogram_npm are compiled too: a page that uses them ships them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'node_modules', 'miniprogram-compiler', 'bin', 'linux');

function list(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Runs one official compiler over the whole tree at once, as DevTools does (templates import
 * each other, so files cannot be compiled alone). The wrapper in miniprogram-compiler swallows
 * wcsc's errors, so the binaries are called directly.
 */
function compile(root: string, binary: 'wcc' | 'wcsc', args: string[]): string | null {
  const bin = path.join(BIN, binary);
  fs.chmodSync(bin, 0o755); // npm does not keep the executable bit of files inside the package
  const run = spawnSync(bin, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) return `${binary}: ${run.error.message}`;
  return run.status === 0 ? null : `${binary}: ${run.stderr.toString().trim() || `exit ${run.status}`}`;
}

/** Compiles one built tree; answers what failed, or an empty list. */
export function checkTemplates(root: string): string[] {
  const wxml = list(root, '.wxml');
  const wxs = list(root, '.wxs');
  const wxss = list(root, '.wxss');
  return [
    compile(root, 'wcc', ['-d', '-cc', '0', ...wxml, ...wxs, '-gn', '$gwx']),
    compile(root, 'wcsc', ['-db', '-pc', '0', ...wxss]),
  ].filter((p): p is string => p !== null);
}

interface AppJson {
  pages: string[];
  subpackages?: Array<{ root: string; pages: string[] }>;
}

/**
 * The built tree is complete: every page of app.json (and its subpackages) has its .js, .json and
 * .wxml, and every component a page uses resolves — npm components inside miniprogram_npm.
 */
export function checkTree(root: string): string[] {
  const problems: string[] = [];
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
  const pages = [...app.pages, ...(app.subpackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
  for (const page of pages) {
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!fs.existsSync(path.join(root, page + ext))) problems.push(`${page}${ext} is missing from the build`);
    }
    const jsonFile = path.join(root, `${page}.json`);
    if (!fs.existsSync(jsonFile)) continue;
    const using = (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {};
    for (const [tag, target] of Object.entries(using)) {
      const resolved = target.startsWith('/')
        ? path.join(root, target)
        : target.startsWith('.')
          ? path.join(root, path.dirname(page), target)
          : path.join(root, 'miniprogram_npm', target);
      if (!fs.existsSync(`${resolved}.js`)) problems.push(`${page} uses <${tag}> from ${target}, which the build does not contain`);
    }
  }
  return problems;
}

export function countTemplates(root: string): number {
  return list(root, '.wxml').length + list(root, '.wxss').length;
}

if (path.resolve(process.argv[1] ?? "") === __filename) {
  const root = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'miniprogram'));
  if (!fs.existsSync(path.join(root, 'app.json'))) {
    console.error(`${root} has no app.json: run npm run build first`);
    process.exit(1);
  }
  const started = Date.now();
  const problems = [...checkTree(root), ...checkTemplates(root)];
  const count = countTemplates(root);
  if (problems.length) {
    console.error(`mini-program check failed (${count} WXML/WXSS files):\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log(`mini-program check: every app.json page and component is built; ${count} WXML/WXSS files compile with the official wcc/wcsc (${Date.now() - started} ms)`);
}
