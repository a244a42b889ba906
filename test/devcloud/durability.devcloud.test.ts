/**
 * Durability of devcloud's data directory (DESIGN §2: "survives restarts and kill -9 of acknowledged
 * writes"). A devcloud child process takes writes from wx-server-sdk, is killed with SIGKILL mid-load,
 * and restarts: every acknowledged write must be there, and no batch or transaction half-applied.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import cloud from 'wx-server-sdk';

type Db = ReturnType<typeof cloud.database>;
interface Row {
  _id: string;
  [field: string]: unknown;
}

const ROOT = path.resolve(__dirname, '..', '..');
const CHILD = path.join(ROOT, 'devcloud', 'db', 'durability-child.ts');
// Small, so snapshot compaction happens several times during the load.
const COMPACT_AFTER_BYTES = 32 * 1024;

let dir: string;
let port: number;
let child: ChildProcess | null = null;
let db: Db;
const savedEnv = { TENCENTCLOUD: process.env.TENCENTCLOUD, SILENCE: process.env.SILENCE };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(p));
    });
  });
}

async function start(): Promise<void> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(port)], {
    cwd: ROOT,
    env: { ...process.env, DEVCLOUD_COMPACT_AFTER_BYTES: String(COMPACT_AFTER_BYTES) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines = readline.createInterface({ input: proc.stdout! });
  await new Promise<void>((resolve, reject) => {
    lines.once('line', () => resolve());
    proc.once('exit', (code) => reject(new Error(`devcloud child exited (${code}): ${stderr}`)));
  });
}

async function kill(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
  child = null;
}

async function allDocs(coll: string): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (let skip = 0; ; skip += 1000) {
    const page = ((await db.collection(coll).orderBy('_id', 'asc').skip(skip).limit(1000).get()) as { data: Row[] }).data;
    for (const row of page) out.set(row._id, row);
    if (page.length < 1000) return out;
  }
}

beforeAll(async () => {
  // See devcloud.db.test.ts: stops the SDK's per-request metadata probe.
  process.env.TENCENTCLOUD = 'true';
  // Requests cut off by the kill leave the SDK's 3 s slow-request warning armed; it is noise here.
  process.env.SILENCE = 'true';
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devcloud-durability-'));
  port = await freePort();
  await start();
  cloud.init({ env: 'devcloud', serviceUrl: `http://127.0.0.1:${port}/admin`, secretId: 'x', secretKey: 'y' } as never);
  db = cloud.database();
}, 20_000);

afterAll(async () => {
  await kill();
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('kill -9 mid-load', () => {
  it('keeps every acknowledged write and no partial batch or transaction', async () => {
    const _ = db.command;
    const WORKERS = 12;
    const KILL_AFTER_ACKS = 400;
    const singles = new Map<string, number>();
    const batches: string[] = [];
    const txPairs: string[] = [];
    const counted = new Map<string, { acked: number; sent: number }>();
    let acks = 0;
    let killed = false;

    for (let w = 0; w < WORKERS; w++) await db.collection('counters').doc(`c${w}`).set({ data: { n: 0 } });

    const worker = async (w: number): Promise<void> => {
      const counter = { acked: 0, sent: 0 };
      counted.set(`c${w}`, counter);
      for (let i = 0; !killed; i++) {
        try {
          const kind = i % 4;
          if (kind === 0) {
            // One insert of three documents: one log line, all or nothing.
            const id = `b${w}-${i}`;
            await db.collection('ledger').add({ data: [0, 1, 2].map((k) => ({ _id: `${id}-${k}`, batch: id, k })) });
            batches.push(id);
          } else if (kind === 1) {
            const id = `t${w}-${i}`;
            await db.runTransaction(async (tx: { collection(n: string): ReturnType<Db['collection']> }) => {
              await tx.collection('ledger').doc(`${id}-a`).set({ data: { pair: id } });
              await tx.collection('ledger').doc(`${id}-b`).set({ data: { pair: id } });
            });
            txPairs.push(id);
          } else if (kind === 2) {
            counter.sent++;
            await db.collection('counters').doc(`c${w}`).update({ data: { n: _.inc(1) } });
            counter.acked++;
          } else {
            const id = `s${w}-${i}`;
            await db.collection('ledger').add({ data: { _id: id, v: i, pad: 'x'.repeat(300), at: new Date(1_700_000_000_000 + i) } });
            singles.set(id, i);
          }
          acks++;
          if (acks >= KILL_AFTER_ACKS && !killed) {
            killed = true;
            await kill();
          }
        } catch {
          if (!killed) throw new Error(`worker ${w} failed before the kill`);
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_v, w) => worker(w)));
    expect(killed).toBe(true);
    expect(fs.existsSync(path.join(dir, 'snapshot.ejson'))).toBe(true);

    // A write cut mid-line by the kill leaves a torn tail: it must be ignored, not fail the load.
    fs.appendFileSync(path.join(dir, 'log.ejsonl'), '{"t":"put","c":"ledger","doc":{"_id":"torn","v":');
    await start();

    const ledger = await allDocs('ledger');
    for (const [id, v] of singles) {
      const row = ledger.get(id);
      expect(row).toMatchObject({ _id: id, v });
      expect((row?.at as Date).getTime()).toBe(1_700_000_000_000 + v);
    }
    for (const id of batches) for (const k of [0, 1, 2]) expect(ledger.get(`${id}-${k}`)).toMatchObject({ batch: id, k });
    for (const id of txPairs) for (const s of ['a', 'b']) expect(ledger.get(`${id}-${s}`)).toMatchObject({ pair: id });
    // Unacknowledged work (in flight at the kill) may have landed, but only whole.
    const batchSizes = new Map<string, number>();
    const pairSizes = new Map<string, number>();
    for (const row of ledger.values()) {
      if (typeof row.batch === 'string') batchSizes.set(row.batch, (batchSizes.get(row.batch) ?? 0) + 1);
      if (typeof row.pair === 'string') pairSizes.set(row.pair, (pairSizes.get(row.pair) ?? 0) + 1);
    }
    for (const size of batchSizes.values()) expect(size).toBe(3);
    for (const size of pairSizes.values()) expect(size).toBe(2);
    expect(ledger.has('torn')).toBe(false);
    const counters = await allDocs('counters');
    for (const [id, { acked, sent }] of counted) {
      const n = counters.get(id)?.n as number;
      expect(n).toBeGreaterThanOrEqual(acked);
      expect(n).toBeLessThanOrEqual(sent);
    }
    expect(singles.size + batches.length + txPairs.length).toBeGreaterThan(100);

    // The log was cut back to its last whole line, so writes after the restart survive the next kill.
    await db.collection('ledger').add({ data: { _id: 'after-restart', ok: true } });
    await kill();
    await start();
    expect(((await db.collection('ledger').doc('after-restart').get()) as { data: Row }).data.ok).toBe(true);
    expect((await allDocs('ledger')).size).toBe(ledger.size + 1);
  }, 30_000);
});
