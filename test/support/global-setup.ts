import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Build the functions once per jest run: every test file's devcloud hosts the same bundles.
 * Runs in tsx (not jest's module system) so the build sees tsconfig paths exactly as `npm run build`.
 */
export default function globalSetup(): void {
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts', '--functions'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`building functions failed:\n${run.stderr || run.stdout}`);
}
