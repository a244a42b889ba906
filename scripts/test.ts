/**
 * npm test: every check in one command, failing fast — type check of every part, lint, build,
 * the official template check, then jest (every project) under TZ=UTC and the time-sensitive
 * projects again under Asia/Shanghai, so no result depends on the machine's time zone. The second
 * pass also walks the browser journeys in 长辈模式 (XFT_ELDER=1), so both modes are walked.
 *
 * Jest runs two workers: its default on a 2-core machine is one (cores − 1), which leaves a core idle
 * while a test waits on devcloud or Chromium.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
const extraJestArgs = process.argv.slice(2);
const WORKERS = '--maxWorkers=2';
/** Every query shape the first jest run sends, for the index coverage check (test/repo/index-coverage.ts). */
const QUERY_SHAPES = path.join(ROOT, 'bench', 'tmp', 'query-shapes');
fs.rmSync(QUERY_SHAPES, { recursive: true, force: true });

const steps: Array<{ title: string; cmd: string; args: string[]; env?: Record<string, string> }> = [
  { title: 'type check: core', cmd: bin('tsc'), args: ['-p', 'core'] },
  { title: 'type check: cloudfunctions', cmd: bin('tsc'), args: ['-p', 'cloudfunctions'] },
  { title: 'type check: miniprogram', cmd: bin('tsc'), args: ['-p', 'miniprogram'] },
  { title: 'type check: devcloud, scripts, tests', cmd: bin('tsc'), args: ['-p', '.'] },
  { title: 'lint', cmd: bin('eslint'), args: ['.'] },
  { title: 'build', cmd: bin('tsx'), args: ['scripts/build.ts'] },
  { title: 'template check', cmd: bin('tsx'), args: ['scripts/check-templates.ts'] },
  { title: 'jest (TZ=UTC)', cmd: bin('jest'), args: ['--ci', WORKERS, ...extraJestArgs], env: { TZ: 'UTC', XFT_QUERY_SHAPES: QUERY_SHAPES } },
  // Over the whole suite only: a subset of tests would leave indexes unused that the rest use.
  ...(extraJestArgs.length ? [] : [{ title: 'index coverage: every query indexed, every index used', cmd: bin('tsx'), args: ['test/repo/index-coverage.ts', QUERY_SHAPES] }]),
  {
    title: 'jest core, functions, devcloud, browser journeys in 长辈模式 (TZ=Asia/Shanghai)',
    cmd: bin('jest'),
    // The text measurement takes both modes itself in the first pass.
    args: ['--ci', WORKERS, '--selectProjects', 'core', 'functions', 'devcloud', 'browser', '--testPathIgnorePatterns', 'a11y\\.browser', ...extraJestArgs],
    env: { TZ: 'Asia/Shanghai', XFT_ELDER: '1' },
  },
];

const started = Date.now();
for (const step of steps) {
  const t = Date.now();
  console.log(`\n▶ ${step.title}`);
  const run = spawnSync(step.cmd, step.args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...step.env } });
  if (run.status !== 0) {
    console.error(`\n✖ ${step.title} failed (exit ${run.status ?? run.signal})`);
    process.exit(run.status ?? 1);
  }
  console.log(`✔ ${step.title} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
console.log(`\nall checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
