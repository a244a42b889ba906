/**
 * The deploy plan: what must change in a CloudBase environment so it holds the manifest, as one
 * line per change. Pure: it compares the desired state (manifest + the deploying shell's values)
 * with the current state (read from CloudBase, or a state file saved by an earlier run), so
 * `--dry-run` needs no network and a test can assert it. It never plans a drop: a collection, index,
 * function, trigger or variable the environment has and the manifest lacks is reported and kept.
 */
import crypto from 'node:crypto';
import type { DatabaseManifest, FunctionManifest, Manifest, TriggerDecl } from './manifest';
import { REQUIRED_ENV } from './manifest';

export interface IndexState {
  keys: Array<[string, 1 | -1]>;
  unique: boolean;
}
export interface FunctionState {
  runtime: string;
  memorySize: number;
  timeout: number;
  /** name → a short hash of the value (a state file never holds a secret). */
  env: Record<string, string>;
  triggers: TriggerDecl[];
  codeHash: string;
}
/** What an environment holds, as far as the deployment is concerned. */
export interface DeployState {
  collections: Record<string, { indexes: Record<string, IndexState>; rule: unknown }>;
  storageRule: unknown;
  functions: Record<string, FunctionState>;
}

export const EMPTY_STATE: DeployState = { collections: {}, storageRule: null, functions: {} };

export type Step =
  | { kind: 'collection.create'; collection: string }
  | { kind: 'index.create'; collection: string; index: string; spec: IndexState }
  | { kind: 'index.replace'; collection: string; index: string; spec: IndexState }
  | { kind: 'rule.set'; collection: string; rule: unknown }
  | { kind: 'storage.rule'; rule: unknown }
  | { kind: 'function.create'; fn: FunctionManifest; env: string[] }
  | { kind: 'function.code'; fn: FunctionManifest }
  | { kind: 'function.config'; fn: FunctionManifest; changes: string[]; env: string[] }
  | { kind: 'trigger.create'; fn: string; trigger: TriggerDecl }
  | { kind: 'trigger.replace'; fn: string; trigger: TriggerDecl }
  | { kind: 'note'; text: string };

export function valueHash(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex').slice(0, 12);
}

/** The values the deploying shell gives each declared variable (only declared names are taken). */
export function envFromShell(manifest: Manifest, shell: NodeJS.ProcessEnv): Record<string, string> {
  const names = new Set(manifest.functions.flatMap((f) => f.env));
  if (manifest.functions.some((f) => f.openapi.includes('subscribeMessage.send'))) names.add(manifest.templateIdsEnv);
  const out: Record<string, string> = {};
  for (const name of [...names].sort()) {
    const v = shell[name];
    if (v !== undefined && v !== '') out[name] = v;
  }
  return out;
}

/** The variables a function gets: those its code reads, plus the template ids when it sends messages. */
export function envNamesFor(fn: FunctionManifest, manifest: Manifest): string[] {
  const names = new Set(fn.env);
  if (fn.openapi.includes('subscribeMessage.send')) names.add(manifest.templateIdsEnv);
  return [...names].sort();
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const keysText = (keys: IndexState['keys']) => keys.map(([f, d]) => `${f} ${d}`).join(', ');
const ruleText = (rule: unknown) => JSON.stringify(rule);

export interface PlanInput {
  database: DatabaseManifest;
  manifest: Manifest;
  current: DeployState;
  /** Values from the deploying shell for declared variables. */
  env: Record<string, string>;
}

export function plan({ database, manifest, current, env }: PlanInput): Step[] {
  const steps: Step[] = [];
  for (const c of database.collections) {
    const have = current.collections[c.name];
    if (!have) steps.push({ kind: 'collection.create', collection: c.name });
    for (const i of c.indexes ?? []) {
      const spec: IndexState = { keys: i.keys, unique: i.unique ?? false };
      const old = have?.indexes[i.name];
      if (!old) steps.push({ kind: 'index.create', collection: c.name, index: i.name, spec });
      else if (!sameJson(old, spec)) steps.push({ kind: 'index.replace', collection: c.name, index: i.name, spec });
    }
    if (!have || !sameJson(have.rule, c.rule)) steps.push({ kind: 'rule.set', collection: c.name, rule: c.rule });
    for (const name of Object.keys(have?.indexes ?? {})) {
      if (name !== '_id_' && !(c.indexes ?? []).some((i) => i.name === name)) {
        steps.push({ kind: 'note', text: `index ${c.name}.${name} is not declared: kept (drop it in the console once nothing uses it)` });
      }
    }
  }
  for (const name of Object.keys(current.collections)) {
    if (!database.collections.some((c) => c.name === name)) steps.push({ kind: 'note', text: `collection ${name} is not declared: kept` });
  }
  if (!sameJson(current.storageRule, database.storage.rule)) steps.push({ kind: 'storage.rule', rule: database.storage.rule });

  const unset = new Map<string, string[]>();
  for (const fn of manifest.functions) {
    for (const name of envNamesFor(fn, manifest)) {
      if (REQUIRED_ENV.has(name) && env[name] === undefined && current.functions[fn.name]?.env[name] === undefined) unset.set(name, [...(unset.get(name) ?? []), fn.name]);
    }
  }
  for (const [name, fns] of unset) steps.push({ kind: 'note', text: `! ${name} has no value (${fns.join(', ')}): export it before deploying (docs/deploy.md)` });
  for (const fn of manifest.functions) {
    const names = envNamesFor(fn, manifest);
    const have = current.functions[fn.name];
    if (!have) {
      steps.push({ kind: 'function.create', fn, env: names.filter((n) => env[n] !== undefined) });
      continue;
    }
    if (have.runtime !== fn.runtime) {
      steps.push({ kind: 'note', text: `function ${fn.name} runs ${have.runtime}, the manifest says ${fn.runtime}: a runtime is set only at creation` });
    }
    if (have.codeHash !== fn.codeHash) steps.push({ kind: 'function.code', fn });
    const changes: string[] = [];
    if (have.timeout !== fn.timeout) changes.push(`timeout ${have.timeout}s → ${fn.timeout}s`);
    if (have.memorySize !== fn.memorySize) changes.push(`memory ${have.memorySize}MB → ${fn.memorySize}MB`);
    const envChanged = names.filter((n) => env[n] !== undefined && have.env[n] !== valueHash(env[n]));
    if (envChanged.length) changes.push(`env ${envChanged.join(', ')}`);
    if (changes.length) steps.push({ kind: 'function.config', fn, changes, env: envChanged });
    for (const t of fn.triggers) {
      const old = have.triggers.find((x) => x.name === t.name);
      if (!old) steps.push({ kind: 'trigger.create', fn: fn.name, trigger: t });
      else if (old.config !== t.config) steps.push({ kind: 'trigger.replace', fn: fn.name, trigger: t });
    }
    for (const t of have.triggers) {
      if (!fn.triggers.some((x) => x.name === t.name)) steps.push({ kind: 'note', text: `trigger ${fn.name}.${t.name} is not declared: kept` });
    }
  }
  for (const name of Object.keys(current.functions)) {
    if (!manifest.functions.some((f) => f.name === name)) steps.push({ kind: 'note', text: `function ${name} is not declared: kept` });
  }
  return steps;
}

/** One line per step, as `npm run deploy` prints it. */
export function stepLine(step: Step): string {
  switch (step.kind) {
    case 'collection.create':
      return `+ collection ${step.collection}`;
    case 'index.create':
      return `+ index ${step.collection}.${step.index} (${keysText(step.spec.keys)}${step.spec.unique ? ', unique' : ''})`;
    case 'index.replace':
      return `~ index ${step.collection}.${step.index} (${keysText(step.spec.keys)}${step.spec.unique ? ', unique' : ''})`;
    case 'rule.set':
      return `= rule ${step.collection} ${ruleText(step.rule)}`;
    case 'storage.rule':
      return `= storage rule ${ruleText(step.rule)}`;
    case 'function.create': {
      const f = step.fn;
      const triggers = f.triggers.map((t) => `${t.name} "${t.config}"`).join('; ') || 'none';
      return `+ function ${f.name} ${f.runtime} ${f.memorySize}MB ${f.timeout}s env [${f.env.join(', ')}] triggers [${triggers}] openapi [${f.openapi.join(', ')}] code ${f.codeHash}`;
    }
    case 'function.code':
      return `~ function ${step.fn.name} code ${step.fn.codeHash}`;
    case 'function.config':
      return `~ function ${step.fn.name} ${step.changes.join('; ')}`;
    case 'trigger.create':
      return `+ trigger ${step.fn}.${step.trigger.name} "${step.trigger.config}"`;
    case 'trigger.replace':
      return `~ trigger ${step.fn}.${step.trigger.name} "${step.trigger.config}"`;
    case 'note':
      return `  ${step.text}`;
  }
}

/** The state an environment holds once every step applied: what `--save-state` writes. */
export function desiredState(input: Omit<PlanInput, 'current'> & { current?: DeployState }): DeployState {
  const { database, manifest, env } = input;
  const current = input.current ?? EMPTY_STATE;
  const collections: DeployState['collections'] = { ...current.collections };
  for (const c of database.collections) {
    const indexes = { ...(current.collections[c.name]?.indexes ?? {}) };
    for (const i of c.indexes ?? []) indexes[i.name] = { keys: i.keys, unique: i.unique ?? false };
    collections[c.name] = { indexes, rule: c.rule };
  }
  const functions: DeployState['functions'] = { ...current.functions };
  for (const fn of manifest.functions) {
    const have = current.functions[fn.name];
    const fnEnv = { ...(have?.env ?? {}) };
    for (const n of envNamesFor(fn, manifest)) if (env[n] !== undefined) fnEnv[n] = valueHash(env[n]);
    const triggers = [...(have?.triggers ?? []).filter((t) => !fn.triggers.some((x) => x.name === t.name)), ...fn.triggers];
    functions[fn.name] = { runtime: have?.runtime ?? fn.runtime, memorySize: fn.memorySize, timeout: fn.timeout, env: fnEnv, triggers, codeHash: fn.codeHash };
  }
  return { collections, storageRule: database.storage.rule, functions };
}

/** The subscribe templates and where each one's id comes from: printed under the plan. */
export function templateLines(manifest: Manifest, env: Record<string, string>): string[] {
  let ids: Record<string, string> = {};
  const raw = env[manifest.templateIdsEnv];
  try {
    ids = raw ? (JSON.parse(raw) as Record<string, string>) : {};
  } catch {
    return [`! ${manifest.templateIdsEnv} is not JSON (name → template id)`];
  }
  return manifest.templates.map((t) => `  template ${t.name} 「${t.title}」 ${t.longTerm ? 'long-term' : 'one-time'} → ${ids[t.name] ?? '(id not set)'}`);
}
