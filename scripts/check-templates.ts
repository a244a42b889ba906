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
  const problems = checkTemplates(root);
  const count = countTemplates(root);
  if (problems.length) {
    console.error(`template check failed (${count} WXML/WXSS files):\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log(`template check: ${count} WXML/WXSS files compile with the official wcc/wcsc (${Date.now() - started} ms)`);
}
