/**
 * A booking storm cut by `kill -9`: devcloud runs in its own process on a data directory, residents
 * book, cancel and re-book through POST /fn/booking, and the process is killed with SIGKILL in the
 * middle. Started again on the same data, the booking timer runs (past the reconciliation's grace
 * period): every slot's seats, holders and booking records agree.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startDevcloud } from '../../devcloud/server';
import { httpCaller, seedDemoCounty } from '../../scripts/seed/seed';

const ROOT = path.resolve(__dirname, '..', '..');
const MONDAY = '2026-03-02T02:00:00Z';
/** Past the reconciliation's grace period, still before the Tuesday slots. */
const MONDAY_LATER = '2026-03-02T02:10:00Z';
const ORG = 'qs-shanxia';

let dir: string;
let port: number;
let child: ChildProcess | null = null;

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

/** devcloud with the built functions in a child process on `dir`; resolves once it listens. */
async function start(): Promise<string> {
  // A script file, not `node -e`: the function host's worker threads inherit the process's flags.
  const script = `${dir}.child.mjs`;
  fs.writeFileSync(
    script,
    `const m = await import(${JSON.stringify(path.join(ROOT, 'devcloud', 'server.ts'))});
const startDevcloud = m.startDevcloud ?? m.default.startDevcloud;
const dc = await startDevcloud({ dataDir: ${JSON.stringify(dir)}, port: ${port}, strict: true });
process.stdout.write(dc.url + '\\n');
`,
  );
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    // Not jest's environment (its module hooks and flags): a devcloud as `npm start` runs it.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), TZ: process.env.TZ ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines = readline.createInterface({ input: proc.stdout! });
  return new Promise<string>((resolve, reject) => {
    lines.once('line', (url) => resolve(url.trim()));
    proc.once('exit', (c) => reject(new Error(`devcloud child exited (${c}): ${stderr}`)));
  });
}

async function stop(signal: NodeJS.Signals): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill(signal);
  await exited;
  child = null;
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const setClock = (base: string, now: string) => post(`${base}/devcloud/clock`, { now });
/** Calls answered, and calls the kill cut off (no answer at all). */
const tally = { answered: 0, cut: 0 };
const call = (base: string, action: string, payload: unknown, openid: string) =>
  fetch(`${base}/fn/booking`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-devcloud-openid': openid }, body: JSON.stringify({ action, payload }) })
    .then(async (r) => {
      const body = (await r.json()) as { ok: boolean; data?: { id: string } };
      tally.answered += 1;
      return body;
    })
    .catch(() => {
      tally.cut += 1;
      return { ok: false } as { ok: boolean; data?: { id: string } };
    });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-booking-storm-'));
  port = await freePort();
}, 10000);
afterAll(async () => {
  await stop('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}.child.mjs`, { force: true });
});

it('leaves seats = holders = records in every slot after kill -9 mid-storm and a timer run', async () => {
  let base = await start();
  await seedDemoCounty(httpCaller(base));
  await setClock(base, MONDAY);
  const hours = { orgId: ORG, sessions: [{ weekday: 2, from: '09:00', to: '11:00' }], slotMinutes: 30, capacity: 3, services: ['consultation'], horizonDays: 14, leadMinutes: 0, heldSeats: 1, active: true };
  const saved = await fetch(`${base}/fn/booking`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-devcloud-openid': 'seed-staff-qs' },
    body: JSON.stringify({ action: 'saveSchedule', payload: hours, requestId: 'storm-hours-1' }),
  });
  expect(await saved.json()).toMatchObject({ ok: true });

  const times = ['09:00', '09:30', '10:00', '10:30'];
  const book = (who: string, i: number) =>
    call(base, 'book', { orgId: ORG, day: '2026-03-03', time: times[i % 4], service: 'consultation', applicant: { name: '压测', phone: '13800000000' }, ...(i % 7 === 0 ? { priorityGroups: ['elderly'] } : {}) }, who);
  // Each resident books, cancels and books again, all at once; the kill falls in the middle.
  const storm = Array.from({ length: 40 }, async (_x, i) => {
    const who = `storm-${i}`;
    const first = await book(who, i);
    if (first.ok && first.data) await call(base, 'cancel', { bookingId: first.data.id }, who);
    await book(who, i + 1);
  });
  // Killed once a quarter of the calls have answered: the rest are in flight or not sent yet.
  while (tally.answered < 30) await new Promise((r) => setTimeout(r, 5));
  await stop('SIGKILL');
  await Promise.all(storm);
  expect(tally.cut).toBeGreaterThan(0);

  base = await start();
  await setClock(base, MONDAY_LATER);
  const run = (await (await post(`${base}/trigger/booking`, {})).json()) as { ok: boolean; data: { ok: boolean } };
  expect(run).toMatchObject({ ok: true, data: { ok: true } });
  await stop('SIGTERM');

  // The data directory as the restarted devcloud left it, opened here to read every document.
  const cloud = await startDevcloud({ dataDir: dir, strict: false });
  try {
    const days = cloud.db.find('slot_days', { orgId: ORG }) as Array<{ day: string; times: Record<string, { start: string; capacity: number; free: number; heldFree?: number; holders: string[] }> }>;
    expect(days.length).toBeGreaterThan(0);
    let seated = 0;
    for (const day of days) {
      for (const t of Object.values(day.times)) {
        const records = cloud.db.find('bookings', { orgId: ORG, day: day.day, time: t.start, status: { $in: ['booked', 'attended', 'missed'] } }) as Array<{ holder: string }>;
        expect({ slot: t.start, taken: t.capacity - t.free - (t.heldFree ?? 0), holders: [...t.holders].sort() }).toEqual({
          slot: t.start,
          taken: records.length,
          holders: records.map((r) => r.holder).sort(),
        });
        seated += records.length;
      }
    }
    // The storm got somewhere before the kill.
    expect(seated).toBeGreaterThan(0);
  } finally {
    await cloud.close();
  }
}, 120000);
