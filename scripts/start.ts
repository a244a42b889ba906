/**
 * npm start: build for local mode, start devcloud on 127.0.0.1:8787 (PORT overrides) with its data
 * in .devcloud/ (--data DIR or DEVCLOUD_DATA), run timer triggers on schedule, and print how to use it.
 * `--reset` starts from a fresh data directory. Ctrl-C stops cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startDevcloud } from '../devcloud/server';
import { buildAll, optionsFromArgv, ROOT } from './build';
import { PERSONAS } from './seed/personas';
import { insertGenerated } from './bench/generate-cases';
import { seedDemoGroups } from './seed/groups';
import { httpCaller, seedDemoCounty } from './seed/seed';

const DEMO_HISTORY_CASES = 300;

function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const port = Number(process.env.PORT ?? 8787);
  const dataDir = path.resolve(argValue(argv, '--data') ?? process.env.DEVCLOUD_DATA ?? path.join(ROOT, '.devcloud'));
  if (argv.includes('--reset')) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });

  const t = Date.now();
  await buildAll({ ...optionsFromArgv(argv), devcloudUrl: `http://127.0.0.1:${port}` });
  console.log(`built dist/ in ${Date.now() - t} ms`);

  // Listening at once (liveness), ready only once the demo county is there (readiness: /healthz).
  const cloud = await startDevcloud({ port, dataDir, schedule: true, ready: false });
  const empty = cloud.db.listCollections().every((c) => c.count === 0);
  if (empty) {
    cloud.setReady(false, 'seeding');
    const t2 = Date.now();
    const seeded = await seedDemoCounty(httpCaller(cloud.url));
    // 东坡村's group: a question answered, one waiting, a 法治宣传 notice.
    await seedDemoGroups(httpCaller(cloud.url));
    // Four months of the county's past work, so 工作台, 台账 and 统计 open on something to see. The
    // demo residents keep empty lists: their own cases are the ones you make trying it out.
    const history = await insertGenerated(cloud.db, {
      cases: DEMO_HISTORY_CASES,
      days: 120,
      now: new Date(),
      frequentResident: { openid: 'demo-resident', name: '', phone: '', cases: 0, asProxy: 0 },
    });
    console.log(
      `seeded the demo county (${seeded.orgs} units, ${seeded.members} workers, ${history.cases} past cases) in ${Date.now() - t2} ms`,
    );
  }
  cloud.setReady(true);
  console.log(`
devcloud is running
  console        ${cloud.url}/
  web preview    ${cloud.url}/preview/   (the built mini-program in a phone frame, persona switcher beside it)
  ready          ${cloud.url}/healthz   (503 until the demo county is seeded; /livez: the process answers)
  functions      POST ${cloud.url}/fn/<name>  { action, payload, requestId? }  header x-devcloud-openid: <persona>
  data           ${dataDir}

WeChat DevTools: open this folder (project.config.json points at dist/), turn off
"不校验合法域名" checking (详情 → 本地设置), and the app calls devcloud at ${cloud.url}.

Demo personas (x-devcloud-openid):
${PERSONAS.map((p) => `  ${p.openid.padEnd(16)} ${p.label}`).join('\n')}

Ctrl-C stops.`);

  const stop = async () => {
    console.log('\nstopping devcloud…');
    await cloud.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
