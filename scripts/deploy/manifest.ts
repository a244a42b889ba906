/**
 * The deployment manifest: everything a CloudBase environment must hold for this repository, derived
 * from the repository itself (never a second hand-written copy). The build writes it as
 * dist/database.json (collections, indexes, rules) and dist/manifest.json (functions, templates,
 * personas); devcloud starts from those two files and `npm run deploy` plans and applies them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionDecl } from '../../core/db/collections';
import type { TemplateDecl } from '../../core/notify/templates';

/**
 * The runtime every function is created with (CloudBase sets it only at creation). The bundles
 * target node16 syntax, so they run on any Node runtime CloudBase still offers; 18 is the oldest
 * one it keeps patched.
 */
export const RUNTIME = 'Nodejs18.15';
export const HANDLER = 'index.main';

/** Variables the platform or devcloud sets, never the deployment: left out of the manifest. */
const PLATFORM_ENV = /^(DEVCLOUD_|TCB_|SCF_|WX_|TENCENTCLOUD_)/;

/**
 * Without these a function cannot do its work (phones cannot be stored). ADMIN_OPENIDS is not among
 * them: the first admin learns their openid from the deployed app, then deploys again with it.
 */
export const REQUIRED_ENV: ReadonlySet<string> = new Set(['FIELD_KEYS', 'FIELD_KEY_ID', 'FIELD_HASH_KEY']);

/** Cloud calls a function's bundle makes, by the call it makes (WeChat's openapi permission names). */
const OPENAPI_CALLS: Record<string, RegExp> = {
  'subscribeMessage.send': /subscribeMessage\.send\(/,
  'security.msgSecCheck': /\.msgSecCheck\(/,
};

export interface TriggerDecl {
  name: string;
  type: 'timer';
  /** 7-field cron (seconds first, year last), run in UTC+8. */
  config: string;
}

export interface FunctionConfigFile {
  permissions?: { openapi?: string[] };
  timeout?: number;
  memorySize?: number;
  triggers?: TriggerDecl[];
}

export interface FunctionManifest {
  name: string;
  runtime: string;
  handler: string;
  memorySize: number;
  timeout: number;
  /** Names of the environment variables its code reads (values come from the deploying shell). */
  env: string[];
  triggers: TriggerDecl[];
  /** WeChat openapi permissions (config.json `permissions.openapi`), shipped in the code's config.json. */
  openapi: string[];
  /** Cloud calls found in the bundle: the test holds `openapi` to cover them. */
  openapiCalled: string[];
  /** sha256 of what is uploaded (index.js, package.json, config.json): code drift without downloading code. */
  codeHash: string;
  /** As config.json says it, for devcloud's host and DevTools. */
  config: FunctionConfigFile;
}

export interface CollectionManifest extends CollectionDecl {
  rule: unknown;
}

export interface DatabaseManifest {
  collections: CollectionManifest[];
  storage: { rule: unknown };
}

export interface Manifest {
  target: 'local' | 'cloud';
  functions: FunctionManifest[];
  templates: TemplateDecl[];
  /** Each template name → the function env variable that maps it to the id WeChat assigned. */
  templateIdsEnv: 'SUBSCRIBE_TEMPLATE_IDS';
  personas: Array<{ openid: string; label: string }>;
}

export function readConfig(file: string): FunctionConfigFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfigFile;
}

/** Environment variable names a bundle reads (`process.env.NAME`), platform ones left out. */
export function envNamesOf(code: string): string[] {
  const names = new Set<string>();
  const found = [...code.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g), ...code.matchAll(/process\.env\[["']([A-Z][A-Z0-9_]*)["']\]/g)];
  for (const [, name = ''] of found) if (name && !PLATFORM_ENV.test(name)) names.add(name);
  return [...names].sort();
}

export function openapiCallsOf(code: string): string[] {
  return Object.entries(OPENAPI_CALLS)
    .filter(([, re]) => re.test(code))
    .map(([name]) => name)
    .sort();
}

export function codeHashOf(files: string[]): string {
  const hash = crypto.createHash('sha256');
  for (const file of files) hash.update(path.basename(file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * One function's manifest entry from its source config.json and its built bundle folder. The
 * bundle decides the env names and cloud calls, so a variable read or an openapi call added in
 * code reaches the deployment without anyone listing it twice.
 */
export function functionManifest(name: string, configFile: string, bundleDir: string): FunctionManifest {
  const config = readConfig(configFile);
  const code = fs.readFileSync(path.join(bundleDir, 'index.js'), 'utf8');
  const called = openapiCallsOf(code);
  const declared = config.permissions?.openapi ?? [];
  return {
    name,
    runtime: RUNTIME,
    handler: HANDLER,
    memorySize: config.memorySize ?? 256,
    timeout: config.timeout ?? 3,
    env: envNamesOf(code),
    triggers: config.triggers ?? [],
    openapi: [...new Set([...declared, ...called])].sort(),
    openapiCalled: called,
    codeHash: codeHashOf(['index.js', 'package.json', 'config.json'].map((f) => path.join(bundleDir, f))),
    config,
  };
}

export function readManifest(distDir: string): { database: DatabaseManifest; manifest: Manifest } {
  return {
    database: JSON.parse(fs.readFileSync(path.join(distDir, 'database.json'), 'utf8')) as DatabaseManifest,
    manifest: JSON.parse(fs.readFileSync(path.join(distDir, 'manifest.json'), 'utf8')) as Manifest,
  };
}
