/**
 * npm run import -- <file.xlsx|file.csv> [--env <envId>] [--devcloud <url>]
 *
 * Loads a county's structure (units with their 公示栏 and coordinates, advisors' and staff's
 * invites, holiday years, the provider directory's 服务机构 sheet) from a spreadsheet shaped like docs/import-template.xlsx, through
 * @cloudbase/node-sdk: into the CloudBase environment --env names (credentials from
 * TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY), or else into the devcloud at --devcloud
 * (default http://127.0.0.1:8787, what `npm start` runs). Prints what it created and updated, each
 * invite's code to hand on, and every rejected row with its line and reason; exits 1 if any row was
 * rejected. Running it again with the same file changes nothing new. CloudBase refuses writes to a
 * collection that does not exist: deploy first (npm run deploy), which creates them.
 */
import path from 'node:path';
import { importCounty, type CountyStore, type ImportReport, type InviteRecord } from './import/county';
import { readSpreadsheet } from './import/sheets';

/* eslint-disable @typescript-eslint/no-explicit-any -- node-sdk's database typings are loose. */
type Any = any;

export interface Target {
  envId?: string;
  devcloudUrl?: string;
}

/** A node-sdk database for CloudBase (envId) or devcloud (its admin endpoint, as the functions reach it). */
export function nodeSdkDatabase(target: Target): Any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS package without ESM typings
  const tcb = require('@cloudbase/node-sdk') as Any;
  if (target.envId) {
    const secretId = process.env.TENCENTCLOUD_SECRETID;
    const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
    if (!secretId || !secretKey) throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY to import into CloudBase (docs/deploy.md)');
    return tcb.init({ env: target.envId, secretId, secretKey, sessionToken: process.env.TENCENTCLOUD_SESSIONTOKEN }).database();
  }
  const url = target.devcloudUrl ?? 'http://127.0.0.1:8787';
  return tcb.init({ env: 'devcloud', serviceUrl: `${url}/admin`, secretId: 'devcloud', secretKey: 'devcloud' }).database();
}

/** The import's reads and writes, each on a declared index or by _id. */
export function countyStore(db: Any): CountyStore {
  const _ = db.command;
  return {
    async orgs(ids) {
      if (!ids.length) return [];
      return (await db.collection('orgs').where({ _id: _.in(ids) }).limit(1000).get()).data;
    },
    async saveOrg(id, doc) {
      await db.collection('orgs').doc(id).set(doc);
    },
    async inviteByKey(importKey) {
      const { data } = await db.collection('invites').where({ importKey }).limit(1).get();
      return (data[0] as InviteRecord | undefined) ?? null;
    },
    async addInvite(doc) {
      await db.collection('invites').add(doc);
    },
    async updateInvite(code, patch) {
      await db.collection('invites').doc(code).update(patch);
    },
    async calendar() {
      const { data } = await db.collection('settings').where({ _id: 'calendar' }).limit(1).get();
      return { overrides: data[0]?.overrides ?? [], years: data[0]?.years ?? [] };
    },
    async saveCalendar(doc) {
      await db.collection('settings').doc('calendar').set(doc);
    },
    async providerIds(ids) {
      if (!ids.length) return [];
      return (await db.collection('providers').where({ _id: _.in(ids) }).field({ _id: true }).limit(1000).get()).data.map((p: { _id: string }) => p._id);
    },
    async saveProvider(id, doc) {
      await db.collection('providers').doc(id).set(doc);
    },
  };
}

export function reportLines(report: ImportReport): string[] {
  const lines = [`单位：新建 ${report.units.created.length}，更新 ${report.units.updated.length}`];
  for (const i of report.invites) lines.push(`邀请码 ${i.code}  ${i.name}（${i.role}：${i.orgIds.join('、')}）${{ created: '新建', updated: '已更新', redeemed: '已使用' }[i.state]}`);
  if (report.years.length) lines.push(`节假日：${report.years.join('、')} 年已录入`);
  if (report.providers.created.length + report.providers.updated.length) lines.push(`服务机构：新建 ${report.providers.created.length}，更新 ${report.providers.updated.length}`);
  for (const r of report.rejected) lines.push(`未导入 ${r.sheet} 第${r.line}行 [${r.reason}] ${r.message}`);
  return lines;
}

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a, i) => !a.startsWith('--') && !['--env', '--devcloud'].includes(argv[i - 1] ?? ''));
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  if (!file) throw new Error('usage: npm run import -- <file.xlsx|file.csv> [--env <envId>] [--devcloud <url>]');
  const db = nodeSdkDatabase({ envId: value('--env'), devcloudUrl: value('--devcloud') ?? process.env.DEVCLOUD_URL });
  const report = await importCounty(readSpreadsheet(path.resolve(file)), countyStore(db));
  for (const line of reportLines(report)) console.log(line);
  return report.rejected.length ? 1 : 0;
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
