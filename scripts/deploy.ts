/**
 * npm run deploy -- --env <envId> [--dry-run] [--state <file>] [--save-state <file>]
 *
 * Builds the functions and the deployment manifest into dist/deploy/ (scripts/build.ts, the same
 * files devcloud starts from), plans what the CloudBase environment lacks or holds differently
 * (scripts/deploy/plan.ts) and applies it with @cloudbase/manager-node: creates what is missing,
 * updates what changed, never drops anything. Running it again plans nothing.
 * --dry-run prints the plan and touches no network: against --state (a file an earlier run saved
 * with --save-state), or against an empty environment. Values of the functions' variables come from
 * this shell (e.g. FIELD_KEYS, ADMIN_OPENIDS); the plan names them, never prints them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildFunctions, DIST, writeDatabaseManifest } from './build';
import { readManifest } from './deploy/manifest';
import { desiredState, EMPTY_STATE, envFromShell, plan, stepLine, templateLines, type DeployState } from './deploy/plan';

export const DEPLOY_DIST = path.join(DIST, 'deploy');

interface Args {
  envId: string;
  dryRun: boolean;
  state?: string;
  saveState?: string;
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const envId = value('--env');
  if (!envId || envId.startsWith('--')) throw new Error('usage: npm run deploy -- --env <envId> [--dry-run] [--state <file>] [--save-state <file>]');
  return { envId, dryRun: argv.includes('--dry-run'), state: value('--state'), saveState: value('--save-state') };
}

/** Builds into dist/deploy/ (not dist/, which a running devcloud or test may be reading) and reads the manifest back. */
export async function buildDeployment(distDir: string = DEPLOY_DIST) {
  await buildFunctions(path.join(distDir, 'cloudfunctions'));
  writeDatabaseManifest('cloud', distDir);
  return readManifest(distDir);
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const { database, manifest } = await buildDeployment();
  const env = envFromShell(manifest, process.env);
  let current: DeployState;
  let target: import('./deploy/cloudbase').CloudTarget | null = null;
  if (args.dryRun) {
    current = args.state ? (JSON.parse(fs.readFileSync(args.state, 'utf8')) as DeployState) : EMPTY_STATE;
  } else {
    const { managerNodeTarget } = await import('./deploy/cloudbase');
    target = managerNodeTarget(args.envId, path.join(DEPLOY_DIST, 'cloudfunctions'));
    current = await target.read();
  }
  const steps = plan({ database, manifest, current, env });
  const changes = steps.filter((s) => s.kind !== 'note');
  console.log(`Plan for CloudBase environment ${args.envId}${args.dryRun ? ` (dry run, against ${args.state ?? 'an empty environment'})` : ''}:`);
  for (const s of steps) console.log(stepLine(s));
  for (const line of templateLines(manifest, env)) console.log(line);
  console.log(`${changes.length} change(s); nothing is dropped.`);
  const blocked = steps.some((s) => s.kind === 'note' && s.text.startsWith('!'));
  if (target) {
    if (blocked) {
      console.error('Not deploying: set the variables marked ! first.');
      return 1;
    }
    for (const s of changes) {
      process.stdout.write(`applying ${stepLine(s).trim()} … `);
      await target.apply(s, env);
      console.log('done');
    }
  }
  if (args.saveState) fs.writeFileSync(args.saveState, JSON.stringify(desiredState({ database, manifest, env, current }), null, 2) + '\n');
  return 0;
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
