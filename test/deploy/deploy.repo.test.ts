import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_COLLECTIONS } from '../../cloudfunctions/collections';
import { CLOSED_RULE, STORAGE_RULE } from '../../cloudfunctions/rules';
import { TEMPLATES } from '../../core/notify/templates';
import { functionNames } from '../../scripts/build';
import { buildDeployment } from '../../scripts/deploy';
import type { DatabaseManifest, Manifest } from '../../scripts/deploy/manifest';
import { desiredState, EMPTY_STATE, plan, stepLine, type DeployState, type Step } from '../../scripts/deploy/plan';

const ROOT = path.resolve(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-deploy-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SHELL = { FIELD_KEYS: '{"k1":"x"}', FIELD_KEY_ID: 'k1', FIELD_HASH_KEY: 'h', ADMIN_OPENIDS: 'o-admin' };
let database: DatabaseManifest;
let manifest: Manifest;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const lines = (steps: Step[]) => steps.map(stepLine);
const changes = (steps: Step[]) => lines(steps.filter((s) => s.kind !== 'note'));
const config = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8')) as {
    timeout: number;
    memorySize: number;
    triggers?: Array<{ name: string; config: string }>;
    permissions: { openapi: string[] };
  };

beforeAll(async () => {
  ({ database, manifest } = await buildDeployment(path.join(tmp, 'dist')));
}, 60_000);

describe('the plan against an empty environment', () => {
  let all: string[];
  beforeAll(() => {
    all = lines(plan({ database, manifest, current: EMPTY_STATE, env: SHELL }));
  });

  it("creates every declared collection with its indexes and the closed rule, and the storage rule", () => {
    for (const c of ALL_COLLECTIONS) {
      expect(all).toContain(`+ collection ${c.name}`);
      expect(all).toContain(`= rule ${c.name} ${JSON.stringify(CLOSED_RULE)}`);
      for (const i of c.indexes ?? []) {
        const keys = i.keys.map(([f, d]) => `${f} ${d}`).join(', ');
        expect(all).toContain(`+ index ${c.name}.${i.name} (${keys}${i.unique ? ', unique' : ''})`);
      }
    }
    expect(all).toContain(`= storage rule ${JSON.stringify(STORAGE_RULE)}`);
    expect(all.filter((l) => l.startsWith('+ collection'))).toHaveLength(ALL_COLLECTIONS.length);
  });

  it("creates every function as its config.json says, with the variables its code reads and its triggers", () => {
    expect(manifest.functions.map((f) => f.name)).toEqual(functionNames());
    for (const f of manifest.functions) {
      const c = config(f.name);
      const line = all.find((l) => l.startsWith(`+ function ${f.name} `));
      expect(line).toContain(` ${c.memorySize}MB ${c.timeout}s `);
      for (const t of c.triggers ?? []) expect(line).toContain(`${t.name} "${t.config}"`);
      expect(f.runtime).toMatch(/^Nodejs\d+/);
    }
    // What the code reads, found in the bundle: phones are sealed with keys from the environment.
    expect(manifest.functions.find((f) => f.name === 'identity')?.env).toEqual(expect.arrayContaining(['ADMIN_OPENIDS', 'FIELD_KEYS', 'FIELD_KEY_ID', 'FIELD_HASH_KEY']));
    expect(manifest.functions.find((f) => f.name === 'case')?.env).toContain('REGISTER_MAX_BACKDATE_DAYS');
    for (const f of manifest.functions) expect(f.env.filter((n) => n.startsWith('DEVCLOUD_') || n.startsWith('TCB_'))).toEqual([]);
  });

  it('ships in each config.json every openapi call its bundle makes (WeChat refuses an undeclared one with -604101)', () => {
    for (const f of manifest.functions) {
      const shipped = JSON.parse(fs.readFileSync(path.join(tmp, 'dist', 'cloudfunctions', f.name, 'config.json'), 'utf8')) as { permissions: { openapi: string[] } };
      expect({ fn: f.name, missing: f.openapiCalled.filter((p) => !shipped.permissions.openapi.includes(p)) }).toEqual({ fn: f.name, missing: [] });
      // What the source lists is kept (a call the scan cannot see, e.g. through a variable).
      expect(shipped.permissions.openapi).toEqual(expect.arrayContaining(config(f.name).permissions.openapi));
      expect(shipped.permissions.openapi).toEqual(f.openapi);
    }
    // The scan finds the calls in a bundle: some function of the product sends subscribe messages.
    expect(manifest.functions.some((f) => f.openapiCalled.includes('subscribeMessage.send'))).toBe(true);
  });

  it('maps every subscribe template', () => {
    expect(manifest.templates).toEqual(TEMPLATES);
  });

  it('refuses to go on without the field keys, naming them', () => {
    const steps = lines(plan({ database, manifest, current: EMPTY_STATE, env: { ADMIN_OPENIDS: 'x' } }));
    const blocked = steps.filter((l) => l.includes('!'));
    expect(blocked).toHaveLength(3);
    expect(blocked).toEqual(expect.arrayContaining(['FIELD_KEYS', 'FIELD_KEY_ID', 'FIELD_HASH_KEY'].map((n) => expect.stringMatching(new RegExp(`^  ! ${n} has no value`)))));
    expect(all.some((l) => l.includes(SHELL.FIELD_KEYS))).toBe(false);
  });
});

describe('the next plan', () => {
  let deployed: DeployState;
  beforeAll(() => {
    deployed = desiredState({ database, manifest, env: SHELL });
  });

  it('is empty once the plan was applied: deploying twice changes nothing', () => {
    expect(plan({ database, manifest, current: deployed, env: SHELL })).toEqual([]);
    // A state file keeps hashes of the variables, never their values.
    expect(JSON.stringify(deployed)).not.toContain(SHELL.FIELD_KEYS);
  });

  it("shows a function's new timeout as one line", () => {
    const next = clone(manifest);
    next.functions.find((f) => f.name === 'calendar')!.timeout = 20;
    expect(lines(plan({ database, manifest: next, current: deployed, env: SHELL }))).toEqual([`~ function calendar timeout ${config('calendar').timeout}s → 20s`]);
  });

  it('shows a new index as one line', () => {
    const next = clone(database);
    next.collections.find((c) => c.name === 'invites')!.indexes!.push({ name: 'expiresAt', keys: [['expiresAt', 1]] });
    expect(lines(plan({ database: next, manifest, current: deployed, env: SHELL }))).toEqual(['+ index invites.expiresAt (expiresAt 1)']);
  });

  it('shows a changed variable by name only, and changed code by its hash', () => {
    const next = clone(manifest);
    next.functions.find((f) => f.name === 'stats')!.codeHash = 'feedfacefeedface';
    const steps = lines(plan({ database, manifest: next, current: deployed, env: { ...SHELL, ADMIN_OPENIDS: 'o-admin,o-second' } }));
    expect(steps).toEqual(expect.arrayContaining(['~ function stats code feedfacefeedface', '~ function identity env ADMIN_OPENIDS']));
    expect(steps.join('\n')).not.toContain('o-second');
  });

  it('never drops: what the environment has beyond the manifest is reported and kept', () => {
    const current = clone(deployed);
    current.collections.legacy = { indexes: {}, rule: CLOSED_RULE };
    current.collections.members!.indexes.old_phone = { keys: [['phone', 1]], unique: false };
    current.functions.hello = { ...current.functions.stats! };
    current.functions.case!.triggers.push({ name: 'nightly', type: 'timer', config: '0 0 1 * * * *' });
    const steps = plan({ database, manifest, current, env: SHELL });
    expect(changes(steps)).toEqual([]);
    expect(lines(steps)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('collection legacy is not declared: kept'),
        expect.stringContaining('index members.old_phone is not declared: kept'),
        expect.stringContaining('function hello is not declared: kept'),
        expect.stringContaining('trigger case.nightly is not declared: kept'),
      ]),
    );
  });
});

it('npm run deploy -- --dry-run --env demo prints the whole plan and exits 0 without touching the network', () => {
  const state = path.join(tmp, 'state.json');
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/deploy.ts', '--dry-run', '--env', 'demo', '--save-state', state], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...SHELL, NODE_OPTIONS: `--require ${path.join(__dirname, 'no-network.cjs')}` },
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('Plan for CloudBase environment demo (dry run, against an empty environment)');
  for (const name of functionNames()) expect(run.stdout).toContain(`+ function ${name} `);
  // Planned against the state it saved, the same repository plans nothing.
  const again = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/deploy.ts', '--dry-run', '--env', 'demo', '--state', state], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...SHELL, NODE_OPTIONS: `--require ${path.join(__dirname, 'no-network.cjs')}` },
    timeout: 60_000,
  });
  expect(again.status).toBe(0);
  expect(again.stdout).toContain('0 change(s); nothing is dropped.');
}, 120_000);
