/**
 * Reads an environment's state and applies plan steps through @cloudbase/manager-node (Tencent
 * Cloud API v3, credentials from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY /
 * TENCENTCLOUD_SESSIONTOKEN, never from the repository). Only `npm run deploy` without --dry-run
 * loads this file. Shapes as measured for manager-node 5.6.5 (shared/reference/tooling-2026.md §1).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DeployState, FunctionState, IndexState, Step } from './plan';
import { valueHash } from './plan';
import type { TriggerDecl } from './manifest';

/** Tags each function's description with the hash of its uploaded code (GetFunction gives it back). */
const CODE_TAG = /xft-code:([0-9a-f]{16})/;
const describe = (hash: string) => `乡法通 xft-code:${hash}`;
/** manager-node sends a zip inline up to 1.5 MB; a bundle well under that skips the COS upload. */
const INLINE_ZIP_BYTES = 1024 * 1024;

/** Every collection closed to clients maps to CloudBase's ADMINONLY; anything else is a CUSTOM rule. */
function aclOf(rule: unknown): { AclTag: string; Rule?: string } {
  const r = rule as { read?: unknown; write?: unknown };
  if (r && r.read === false && r.write === false) return { AclTag: 'ADMINONLY' };
  return { AclTag: 'CUSTOM', Rule: JSON.stringify(rule) };
}
function ruleOf(acl: { AclTag?: string; Rule?: string }): unknown {
  if (acl.AclTag === 'ADMINONLY') return { read: false, write: false };
  if (acl.AclTag === 'CUSTOM' && acl.Rule) return JSON.parse(acl.Rule) as unknown;
  return { aclTag: acl.AclTag ?? null };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- manager-node's typings are loose and vary by service. */
type Any = any;

export interface CloudTarget {
  read(): Promise<DeployState>;
  apply(step: Step, env: Record<string, string>): Promise<void>;
}

export function managerNodeTarget(envId: string, fnRoot: string): CloudTarget {
  const deployMode = (name: string) => (fs.statSync(path.join(fnRoot, name, 'index.js')).size < INLINE_ZIP_BYTES ? 'zip' : 'cos');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS `export =` module
  const CloudBase = require('@cloudbase/manager-node') as new (cfg: object) => Any;
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a CAM key with CloudBase rights; see docs/deploy.md)');
  const app: Any = new CloudBase({ secretId, secretKey, token: process.env.TENCENTCLOUD_SESSIONTOKEN, envId });
  const tcb: Any = app.commonService('tcb', '2018-06-08');

  async function functionState(name: string): Promise<FunctionState & { envValues: Record<string, string> }> {
    const d: Any = await app.functions.getFunctionDetail(name);
    const vars: Array<{ Key: string; Value: string }> = d.Environment?.Variables ?? [];
    return {
      runtime: d.Runtime,
      memorySize: d.MemorySize,
      timeout: d.Timeout,
      env: Object.fromEntries(vars.map((v) => [v.Key, valueHash(v.Value)])),
      envValues: Object.fromEntries(vars.map((v) => [v.Key, v.Value])),
      triggers: (d.Triggers ?? []).filter((t: Any) => t.Type === 'timer').map((t: Any): TriggerDecl => ({ name: t.TriggerName, type: 'timer', config: t.TriggerDesc })),
      codeHash: CODE_TAG.exec(d.Description ?? '')?.[1] ?? '',
    };
  }

  return {
    async read() {
      const state: DeployState = { collections: {}, storageRule: null, functions: {} };
      const listed: Any = await app.database.listCollections({ MgoLimit: 1000, MgoOffset: 0 });
      for (const c of listed.Collections ?? []) {
        const name: string = c.CollectionName;
        const table: Any = await app.database.describeCollection(name);
        const indexes: Record<string, IndexState> = {};
        for (const i of table.Indexes ?? []) {
          indexes[i.Name] = { keys: (i.Keys ?? []).map((k: Any) => [k.Name, Number(k.Direction) === -1 ? -1 : 1]), unique: Boolean(i.Unique) };
        }
        const acl: Any = await tcb.call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: name } });
        state.collections[name] = { indexes, rule: ruleOf(acl) };
      }
      const storage: Any = await app.storage.getStorageAcl({ withRule: true });
      state.storageRule = storage.rule ?? { acl: storage.acl };
      const fns: Array<Record<string, string>> = await app.functions.listAllFunctions({ envId });
      for (const f of fns) {
        const name = f.FunctionName;
        if (!name) continue;
        const { envValues: _values, ...s } = await functionState(name);
        state.functions[name] = s;
      }
      return state;
    },

    async apply(step, env) {
      switch (step.kind) {
        case 'collection.create':
          return void (await app.database.createCollectionIfNotExists(step.collection));
        case 'index.replace':
        case 'index.create':
          // Replacing drops the index and builds it under its new keys; no document is touched.
          if (step.kind === 'index.replace') await app.database.updateCollection(step.collection, { DropIndexes: [{ IndexName: step.index }] });
          return void (await app.database.updateCollection(step.collection, {
            CreateIndexes: [
              {
                IndexName: step.index,
                MgoKeySchema: { MgoIsUnique: step.spec.unique, MgoIndexKeys: step.spec.keys.map(([Name, d]) => ({ Name, Direction: String(d) })) },
              },
            ],
          }));
        case 'rule.set':
          return void (await tcb.call({ Action: 'ModifySafeRule', Param: { EnvId: envId, CollectionName: step.collection, ...aclOf(step.rule) } }));
        case 'storage.rule':
          return void (await app.storage.setStorageAcl('CUSTOM', step.rule));
        case 'function.create': {
          const f = step.fn;
          return void (await app.functions.createFunction({
            func: {
              name: f.name,
              runtime: f.runtime,
              handler: f.handler,
              timeout: f.timeout,
              memorySize: f.memorySize,
              installDependency: true,
              envVariables: Object.fromEntries(step.env.map((n) => [n, env[n]])),
              triggers: f.triggers,
              description: describe(f.codeHash),
            },
            functionRootPath: fnRoot,
            deployMode: deployMode(f.name),
            force: false,
          }));
        }
        case 'function.code':
          await app.functions.updateFunctionCode({ func: { name: step.fn.name, handler: step.fn.handler, installDependency: true }, functionRootPath: fnRoot, deployMode: deployMode(step.fn.name) });
          return void (await app.functions.updateFunctionConfig({ name: step.fn.name, description: describe(step.fn.codeHash) }));
        case 'function.config': {
          // envVariables replaces the whole set: keep every variable the environment has, change only ours.
          const { envValues } = await functionState(step.fn.name);
          const envVariables = { ...envValues, ...Object.fromEntries(step.env.map((n) => [n, env[n]])) };
          return void (await app.functions.updateFunctionConfig({ name: step.fn.name, timeout: step.fn.timeout, memorySize: step.fn.memorySize, envVariables }));
        }
        case 'trigger.replace':
        case 'trigger.create':
          // A timer's cron cannot be edited: the trigger is recreated under its name.
          if (step.kind === 'trigger.replace') await app.functions.deleteFunctionTrigger(step.fn, step.trigger.name);
          return void (await app.functions.createFunctionTriggers(step.fn, [step.trigger]));
        case 'note':
          return;
      }
    },
  };
}
