/* eslint-disable @typescript-eslint/no-explicit-any -- the fake API takes and keeps loose JSON, as the real one does */
import path from 'node:path';
import { buildDeployment } from '../../scripts/deploy';
import { managerNodeTarget } from '../../scripts/deploy/cloudbase';
import type { DatabaseManifest, Manifest } from '../../scripts/deploy/manifest';
import { plan, stepLine } from '../../scripts/deploy/plan';

/*
 * The deploy's manager-node adapter against a Tencent Cloud API that lives in this process: every
 * request manager-node 5.6.5 signs is answered by `fakeCloud` instead of the network (its one request
 * method, as shared/reference/tooling-2026.md recorded it), which keeps what a CloudBase environment
 * would keep. Applying a plan and reading the environment back must plan nothing.
 */

interface FakeFunction {
  Runtime: string;
  MemorySize: number;
  Timeout: number;
  Description: string;
  Environment: { Variables: Array<{ Key: string; Value: string }> };
  Triggers: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>;
}

function fakeCloud() {
  const tables = new Map<string, Array<{ Name: string; Keys: Array<{ Name: string; Direction: string }>; Unique: boolean }>>();
  const rules = new Map<string, { AclTag: string; Rule?: string }>();
  const functions = new Map<string, FakeFunction>();
  let storage: { AclTag: string; Rule?: string } = { AclTag: 'READONLY' };
  const calls: string[] = [];
  const missing = (what: string) => Object.assign(new Error(`${what} not found`), { code: 'ResourceNotFound' });
  const answer = (action: string, p: Record<string, any>): object => {
    switch (action) {
      case 'DescribeEnvInfo':
        return { EnvInfo: { EnvBaseInfo: { EnvId: p.EnvId, Databases: [{ InstanceId: 'tnt-db' }], Storages: [{ Bucket: 'b-1250000000', Region: 'ap-shanghai' }], Functions: [{ Namespace: 'xft' }], LogServices: [] } } };
      case 'ListTables':
        return { Tables: [...tables.keys()].map((TableName) => ({ TableName })), Pager: { Total: tables.size } };
      case 'DescribeTable':
        if (!tables.has(p.TableName)) throw missing(p.TableName);
        return { Indexes: tables.get(p.TableName), IndexNum: tables.get(p.TableName)!.length };
      case 'CreateTable':
        tables.set(p.TableName, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }]);
        return {};
      case 'UpdateTable': {
        const indexes = tables.get(p.TableName)!;
        for (const d of p.DropIndexes ?? []) indexes.splice(indexes.findIndex((i) => i.Name === d.IndexName), 1);
        for (const c of p.CreateIndexes ?? []) indexes.push({ Name: c.IndexName, Keys: c.MgoKeySchema.MgoIndexKeys, Unique: c.MgoKeySchema.MgoIsUnique });
        return {};
      }
      case 'DescribeSafeRule':
        return rules.get(p.CollectionName) ?? { AclTag: 'PRIVATE' };
      case 'ModifySafeRule':
        rules.set(p.CollectionName, { AclTag: p.AclTag, Rule: p.Rule });
        return {};
      case 'DescribeStorageSafeRule':
        return storage;
      case 'ModifyStorageSafeRule':
        storage = { AclTag: p.AclTag, Rule: p.Rule };
        return {};
      case 'ListFunctions':
        return { Functions: [...functions].map(([FunctionName, f]) => ({ FunctionName, Runtime: f.Runtime, Status: 'Active' })), TotalCount: functions.size };
      case 'GetFunction': {
        const f = functions.get(p.FunctionName);
        if (!f) throw missing(p.FunctionName);
        return { FunctionName: p.FunctionName, Status: 'Active', ...f };
      }
      case 'CreateFunction':
        expect(p.Code.ZipFile).toEqual(expect.any(String));
        functions.set(p.FunctionName, {
          Runtime: p.Runtime,
          MemorySize: p.MemorySize,
          Timeout: p.Timeout,
          Description: p.Description ?? '',
          Environment: p.Environment ?? { Variables: [] },
          Triggers: [],
        });
        return {};
      case 'UpdateFunctionCode':
        expect(p.Code.ZipFile).toEqual(expect.any(String));
        return {};
      case 'UpdateFunctionConfiguration': {
        const f = functions.get(p.FunctionName)!;
        for (const k of ['MemorySize', 'Timeout', 'Description', 'Environment'] as const) if (p[k] !== undefined) (f as any)[k] = p[k];
        return {};
      }
      case 'BatchCreateTrigger': {
        const f = functions.get(p.FunctionName)!;
        for (const t of JSON.parse(p.Triggers)) f.Triggers.push({ TriggerName: t.name ?? t.TriggerName, Type: t.type ?? t.Type, TriggerDesc: t.config ?? t.TriggerDesc });
        return {};
      }
      case 'DeleteTrigger': {
        const f = functions.get(p.FunctionName)!;
        f.Triggers = f.Triggers.filter((t) => t.TriggerName !== p.TriggerName);
        return {};
      }
      default:
        return {};
    }
  };
  return {
    calls,
    functions,
    async request(this: { service: string }, action: string, data: Record<string, any> = {}) {
      calls.push(action);
      return { RequestId: 'r', ...answer(action, data) };
    },
  };
}

let database: DatabaseManifest;
let manifest: Manifest;
const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist', 'deploy-adapter-test');
const cloud = fakeCloud();

beforeAll(async () => {
  ({ database, manifest } = await buildDeployment(DIST));
  // Two functions keep the run short: manager-node polls each new function once a second until it is active.
  manifest = { ...manifest, functions: manifest.functions.filter((f) => f.name === 'calendar' || f.name === 'stats') };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- manager-node's one request method, not a public API
  const { CloudService } = require('@cloudbase/manager-node/lib/utils/cloud-api-request') as { CloudService: { prototype: { request: unknown } } };
  CloudService.prototype.request = cloud.request;
  process.env.TENCENTCLOUD_SECRETID = 'AKIDtest';
  process.env.TENCENTCLOUD_SECRETKEY = 'test';
}, 60_000);

it('applies a whole plan through manager-node, and the environment read back plans nothing', async () => {
  const target = managerNodeTarget('xft-test', path.join(DIST, 'cloudfunctions'));
  const env = { ADMIN_OPENIDS: 'o-admin' };
  const first = plan({ database, manifest, current: await target.read(), env });
  expect(first.length).toBeGreaterThan(database.collections.length);
  for (const step of first) if (step.kind !== 'note') await target.apply(step, env);
  // What the API was asked to write: tables, indexes, rules, the storage rule, functions; never a drop.
  expect(cloud.calls).toEqual(expect.arrayContaining(['CreateTable', 'UpdateTable', 'ModifySafeRule', 'ModifyStorageSafeRule', 'CreateFunction']));
  expect(cloud.calls.filter((a) => /^Delete/.test(a))).toEqual([]);
  expect(cloud.functions.get('calendar')).toMatchObject({ Runtime: manifest.functions[0]!.runtime, Timeout: manifest.functions[0]!.timeout, Description: expect.stringContaining(manifest.functions[0]!.codeHash) });
  const again = plan({ database, manifest, current: await target.read(), env });
  expect(again.map(stepLine)).toEqual([]);

  // A longer timeout and a new variable value: one config update, the variables the environment had kept.
  const next = { ...manifest, functions: manifest.functions.map((f) => (f.name === 'stats' ? { ...f, timeout: 9 } : f)) };
  const steps = plan({ database, manifest: next, current: await target.read(), env: { ADMIN_OPENIDS: 'o-admin,o-second' } });
  expect(steps.map(stepLine)).toEqual(['~ function calendar env ADMIN_OPENIDS', '~ function stats timeout 5s → 9s; env ADMIN_OPENIDS']);
  for (const step of steps) await target.apply(step, { ADMIN_OPENIDS: 'o-admin,o-second' });
  expect(cloud.functions.get('stats')).toMatchObject({ Timeout: 9, Environment: { Variables: [{ Key: 'ADMIN_OPENIDS', Value: 'o-admin,o-second' }] } });
  expect(plan({ database, manifest: next, current: await target.read(), env: { ADMIN_OPENIDS: 'o-admin,o-second' } })).toEqual([]);
}, 60_000);
