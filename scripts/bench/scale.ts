/**
 * The scale part of `npm run bench`: the county's cases at 10k and 100k, loaded straight into
 * devcloud's Database, then the 工作台, the 台账 and 办事进度 called through the real functions over
 * HTTP, in strict index mode. Runs alone too: `npx tsx scripts/bench/scale.ts 10000 100000`.
 */
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isDeepStrictEqual } from 'node:util';
import { addDays, CASE_STATUSES, dayEnd, dayStart, FORMAL_CATEGORIES, GUIDANCE_CATEGORIES, replay as replayLedger, shanghaiDay, type CaseEvent } from '../../core';
import { startDevcloud, type Devcloud } from '../../devcloud/server';
import { httpCaller, seedDemoCounty } from '../seed/seed';
import { insertGenerated, type GenerationSummary } from './generate-cases';
import { postFunction } from './http';

export interface ScaleRow {
  metric: string;
  value: number;
  unit: string;
  target?: { text: string; ok: boolean };
  note?: string;
}

export interface ScaleOptions {
  sizes: number[];
  /** Warm calls measured per action (after one warm-up call). */
  runs: number;
  /** Also measure with devcloud scanning every document (indexed candidates off): the "before". */
  compareScan: boolean;
  /** When set, called as each row is known (the table comes at the end). */
  onRow?: (row: ScaleRow) => void;
}

/** The issue's target for statistics and queues over 100k cases. */
const TARGET_MS = 2000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/** The last whole month before `now`, as Beijing day keys (the 台账 a station exports monthly). */
function lastMonth(now: Date): { from: string; to: string } {
  const beijing = new Date(now.getTime() + 8 * 3_600_000);
  const y = beijing.getUTCFullYear();
  const m = beijing.getUTCMonth(); // the previous month, 1-based
  const [year, month] = m === 0 ? [y - 1, 12] : [y, m];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

/** The `days` days up to today in Beijing, as the board's input (its widest period). */
function lastDays(now: Date, days: number): { from: string; to: string } {
  const to = shanghaiDay(now);
  return { from: addDays(to, -(days - 1)), to };
}

/**
 * Heap in use after a full collection, so the figure is the data and its indexes rather than the
 * generator's garbage. V8's gc() is exposed at run time (the documented --expose-gc flag, set late)
 * because `npm run bench` runs under tsx, which gives no place for node flags.
 */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** The functions over HTTP as the mini-program's local transport calls them; a refusal throws. */
function caller(base: string) {
  return async (fn: string, action: string, payload: unknown, openid: string): Promise<unknown> => {
    const answer = await postFunction(base, fn, action, payload, openid);
    if (!answer.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${answer.error?.code} ${answer.error?.message}`);
    return answer.data;
  };
}

interface Measured<T> {
  ms: number;
  ops: number;
  dbMs: number;
  result: T;
  /** The read requests the last call made, for replaying against the engine alone. */
  reads: Array<Record<string, unknown>>;
}

const READS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments']);

/** `warmUp` calls, then `runs` timed calls: median wall time, median devcloud time, most operations per call. */
async function measure<T>(cloud: Devcloud, runs: number, warmUp: number, call: () => Promise<T>): Promise<Measured<T>> {
  let result: T | undefined;
  for (let i = 0; i < warmUp; i++) result = await call();
  const times: number[] = [];
  const dbTimes: number[] = [];
  const ops: number[] = [];
  let reads: Array<Record<string, unknown>> = [];
  for (let i = 0; i < runs; i++) {
    cloud.db.resetCounters();
    const seen: Array<Record<string, unknown>> = [];
    const stop = cloud.db.onRequest((body) => {
      if (READS.has(String(body.action)) && !body.transactionId) seen.push({ ...body });
    });
    const started = performance.now();
    try {
      result = await call();
    } finally {
      stop();
    }
    times.push(performance.now() - started);
    dbTimes.push(cloud.db.busyMs());
    ops.push(Object.values(cloud.db.counters()).reduce((a, b) => a + b, 0));
    reads = seen;
  }
  return { ms: median(times), dbMs: median(dbTimes), ops: Math.max(...ops), result: result as T, reads };
}

/**
 * The engine alone, before and after: the read requests an action made, replayed straight into
 * devcloud's Database with indexed candidates off (every query scans) and on. Median of up to 3
 * passes; a pass over 5 s is not repeated.
 */
async function replay(cloud: Devcloud, reads: Array<Record<string, unknown>>, indexed: boolean): Promise<number> {
  cloud.db.setIndexedQueries(indexed);
  try {
    const passes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      for (const body of reads) {
        const answer = await cloud.db.handle(body);
        if (answer.body.code) throw new Error(`replay of ${String(body.action)} failed: ${String(answer.body.code)} ${String(answer.body.message)}`);
      }
      passes.push(performance.now() - started);
      if (passes[0] as number > 5000) break;
    }
    return median(passes);
  } finally {
    cloud.db.setIndexedQueries(true);
  }
}

/**
 * The generated cases are what the functions would have written: for a few of every status, the
 * stored case equals the replay of its events (as the store keeps it), and case.get serves
 * it within its output contract.
 */
async function verifySample(cloud: Devcloud, call: ReturnType<typeof caller>): Promise<number> {
  let checked = 0;
  for (const status of CASE_STATUSES) {
    for (const found of cloud.db.find('cases', { status }, { limit: 3 })) {
      const { _id, dueAt, closedInTime, orgPath, transferPath, ...state } = found as Record<string, unknown> & { _id: string };
      void [dueAt, closedInTime, orgPath, transferPath];
      const events = cloud.db.find('case_events', { caseId: _id }, { sort: { seq: 1 } }) as unknown as CaseEvent[];
      const ledger = events.map(({ _id: eventId, caseId, seq, ...event }: CaseEvent & { _id?: unknown; caseId?: unknown; seq?: unknown }) => {
        void [eventId, caseId, seq];
        return event as CaseEvent;
      });
      if (!isDeepStrictEqual(replayLedger(ledger), state)) throw new Error(`generated case ${_id} is not the replay of its events`);
      await call('case', 'get', { caseId: _id }, 'demo-admin');
      checked += 1;
    }
  }
  return checked;
}

interface Workbench {
  counts: Record<string, number>;
  cases: unknown[];
}

async function oneSize(n: number, opts: ScaleOptions, emit: (row: ScaleRow) => void): Promise<void> {
  const cloud = await startDevcloud({ strict: true });
  try {
    await seedDemoCounty(httpCaller(cloud.url));
    const call = caller(cloud.url);
    const now = new Date();
    const started = performance.now();
    const made: GenerationSummary = await insertGenerated(cloud.db, { cases: n, now });
    const genMs = performance.now() - started;
    const heapLoaded = heapAfterGc();
    const verified = await verifySample(cloud, call);
    const s = label(n);
    const statuses = Object.entries(made.byStatus)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    emit({
      metric: `scale ${s}: generate + insert ${made.cases} cases, ${made.events} events`,
      value: genMs,
      unit: 'ms',
      note: `${statuses}; overdue ${made.overdue}, paused ${made.paused}; ${verified} checked against their ledgers and case.get`,
    });

    const month = lastMonth(now);
    const year = lastDays(now, 366);
    const receivedIn = (p: { from: string; to: string }) =>
      cloud.db.find('cases', { receivedAt: { $gte: dayStart(p.from), $lte: dayEnd(p.to) } }).length;
    /** The county's services figures counted straight from the data, to hold the board's aggregates to. */
    const servicesIn = (p: { from: string; to: string }) => {
      const period = { $gte: dayStart(p.from), $lte: dayEnd(p.to) };
      const followOns = cloud.db.find('cases', { 'followOf.receivedAt': period, 'followOf.category': { $in: [...GUIDANCE_CATEGORIES] }, category: { $in: [...FORMAL_CATEGORIES] }, status: { $ne: 'rejected' } });
      const days = (cloud.db.find('cases', { receivedAt: period, handlingDays: { $exists: true } }) as Array<{ receivedAt: Date; closedAt: Date }>)
        .map((c) => (c.closedAt.getTime() - c.receivedAt.getTime()) / 86_400_000)
        .sort((a, b) => a - b);
      const mid = days.length / 2;
      const median = days.length === 0 ? null : days.length % 2 ? (days[Math.floor(mid)] as number) : ((days[mid - 1] as number) + (days[mid] as number)) / 2;
      const booked = cloud.db.find('bookings', { day: { $gte: p.from, $lte: p.to }, status: { $ne: 'rescheduled' } }).length;
      return { converted: new Set(followOns.map((c) => (c as { followOf: { caseId: string } }).followOf.caseId)).size, handled: days.length, median, booked };
    };
    const actions: Array<{ name: string; run: () => Promise<unknown>; note: (r: unknown) => string }> = [
      ...(
        [
          ['demo-staff', 'center staff, whole county'],
          ['seed-staff-qs', 'station staff, 青石镇'],
          ['demo-advisor', 'advisor, 3 villages'],
        ] as const
      ).map(([openid, who]) => ({
        name: `工作台 (7 queue counts + 待分流 list), ${who}`,
        run: () => call('case', 'workbench', { queue: 'new' }, openid),
        note: (r: unknown) => {
          const wb = r as Workbench;
          return `counts ${Object.entries(wb.counts)
            .map(([q, c]) => `${q} ${c}`)
            .join(', ')}; list ${wb.cases.length}`;
        },
      })),
      {
        name: `台账 ${month.from.slice(0, 7)}, whole county`,
        run: () => call('case', 'ledger', { ...month, orgId: 'qh-center' }, 'demo-staff'),
        note: (r: unknown) => {
          const l = r as { rows: unknown[]; truncated: boolean };
          return `${l.rows.length} rows${l.truncated ? ' (truncated at 500: more cases that month)' : ''}`;
        },
      },
      ...(
        [
          [`统计 ${month.from.slice(0, 7)}, whole county`, month, 'demo-staff'],
          ['统计 the last 366 days (every generated case), whole county', year, 'demo-staff'],
          ['统计 the last 366 days, station 青石镇', year, 'seed-staff-qs'],
        ] as const
      ).map(([name, period, openid]) => ({
        name,
        run: () => call('stats', 'board', period, openid),
        note: (r: unknown) => {
          const { totals, units, services: sv } = r as { totals: Record<string, number>; units: unknown[]; services: Record<string, number | null> };
          const county = openid === 'demo-staff';
          const expected = county ? receivedIn(period) : null;
          // The board must count what is there: the county's received equals a direct count of the data.
          if (expected !== null && totals.received !== expected) throw new Error(`统计 counted ${totals.received} received, the data holds ${expected}`);
          const allOverdue = county && period === year ? ` (generator: ${made.overdue})` : '';
          const pct = (x: number | null | undefined) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);
          const direct = county ? servicesIn(period) : null;
          // As for received: the services' aggregates must count what the data holds.
          if (direct && (direct.converted !== sv.guidanceConverted || direct.handled !== sv.handled || direct.booked !== sv.booked)) {
            throw new Error(`统计 services ${JSON.stringify({ converted: sv.guidanceConverted, handled: sv.handled, booked: sv.booked })}, the data holds ${JSON.stringify(direct)}`);
          }
          const exact = direct ? ` (= direct counts; exact median ${direct.median?.toFixed(2)})` : '';
          const services = `converted ${sv.guidanceConverted}/${sv.guidance} 咨询 (${pct(sv.conversionRate)}), handled ${sv.handled}, median ${sv.medianHandlingDays?.toFixed(2)} days to 办结 from day bins${exact}, legal aid ${sv.aidGranted} granted/${sv.aidRefused} refused (median ${sv.aidMedianDecisionDays?.toFixed(1)} days), bookings ${sv.booked} (no-show ${pct(sv.noShowRate)}), questions ${sv.questionsAnswered}/${sv.questionsAsked} answered (median ${sv.medianAnswerHours?.toFixed(1)} h)`;
          return `received ${totals.received}${county ? ' = direct count' : ''}, resolved ${totals.resolved}, on time ${totals.onTime}, overdue ${totals.overdue}${allOverdue}, rated ${totals.evaluated}; ${units.length} unit rows; ${services}`;
        },
      })),
      {
        name: '办事进度 (case.mine), resident with 200 cases',
        run: () => call('case', 'mine', {}, 'demo-resident'),
        note: (r: unknown) => `${(r as { cases: unknown[] }).cases.length} cases listed`,
      },
    ];

    // SCALE_ONLY=统计 measures just the actions whose name holds it (a quicker run while working on one).
    const only = process.env.SCALE_ONLY;
    if (only) actions.splice(0, actions.length, ...actions.filter((a) => a.name.includes(only)));
    // Through the functions, indexed (the engine as it is now). The first call also builds the indexes.
    const reads = new Map<string, Array<Record<string, unknown>>>();
    for (const action of actions) {
      const m = await measure(cloud, opts.runs, 1, action.run);
      reads.set(action.name, m.reads);
      emit({
        metric: `scale ${s}: ${action.name} (median of ${opts.runs} warm calls)`,
        value: m.ms,
        unit: 'ms',
        target: { text: `≤ ${TARGET_MS} ms`, ok: m.ms <= TARGET_MS },
        note: `${m.ops} db ops, ${Math.round(m.dbMs)} ms of it in devcloud's database; ${action.note(m.result)}`,
      });
    }
    const heapQueried = heapAfterGc();
    emit({
      metric: `scale ${s}: devcloud heap in use after the calls (data + built indexes)`,
      value: heapQueried,
      unit: 'MB',
      note: `${Math.round(heapLoaded)} MB after loading, before any index was built; process rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB (function workers are threads of this process)`,
    });

    if (!opts.compareScan) return;
    // Before, through the functions: one warm call each with every query scanning its collection.
    cloud.db.setIndexedQueries(false);
    try {
      for (const action of actions) {
        const started = performance.now();
        let note = '';
        try {
          await action.run();
        } catch (e) {
          note = /TIMEOUT/.test(String(e)) ? 'timed out: over the function’s configured timeout' : `failed: ${String(e)}`;
        }
        const ms = performance.now() - started;
        // No target: this is the engine as it was, for comparison; the indexed rows above are what runs.
        emit({ metric: `scale ${s}, full scan (before): ${action.name} (1 warm call)`, value: ms, unit: 'ms', note: note || 'every query scanning its collection' });
      }
    } finally {
      cloud.db.setIndexedQueries(true);
    }
    // The engine alone: the same read requests replayed with every query scanning, then indexed.
    for (const action of actions) {
      const bodies = reads.get(action.name) ?? [];
      const scan = await replay(cloud, bodies, false);
      const indexed = await replay(cloud, bodies, true);
      emit({
        metric: `scale ${s}: devcloud engine, ${action.name}: its ${bodies.length} reads, full scan (before)`,
        value: scan,
        unit: 'ms',
      });
      emit({
        metric: `scale ${s}: devcloud engine, ${action.name}: its ${bodies.length} reads, indexed (after)`,
        value: indexed,
        unit: 'ms',
        note: `${(scan / Math.max(indexed, 0.01)).toFixed(0)}× faster`,
      });
    }
  } finally {
    await cloud.close();
  }
}

export async function scaleRuns(opts: ScaleOptions): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const emit = (row: ScaleRow) => {
    rows.push(row);
    opts.onRow?.(row);
  };
  for (const n of opts.sizes) await oneSize(n, opts, emit);
  return rows;
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  process.env.TENCENTCLOUD = 'true';
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  scaleRuns({
    sizes: sizes.length ? sizes : [10_000],
    runs: Number(process.env.RUNS ?? 5),
    compareScan: process.env.SCAN !== '0',
    onRow: (r) => console.log(`${r.metric}: ${Math.round(r.value)} ${r.unit}${r.target ? ` [${r.target.text} ${r.target.ok ? 'ok' : 'MISSED'}]` : ''}${r.note ? ` — ${r.note}` : ''}`),
  }).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
