import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface FunctionConfig {
  /** Seconds, 1–60; CloudBase's default is 3. */
  timeout?: number;
  triggers?: Array<{ name: string; type: 'timer'; config: string }>;
}

export interface InvokeOptions {
  openid?: string;
  source: 'wx_client' | 'wx_trigger';
  clockOffsetMs: number;
}

export interface CallRecord {
  id: number;
  fn: string;
  action: string | null;
  source: InvokeOptions['source'];
  openid: string | null;
  at: string;
  cold: boolean;
  /** Time to load the function in a fresh instance (require of index.js and the SDK). */
  coldStartMs: number | null;
  ms: number;
  ok: boolean;
  code: string | null;
}

export type HostAnswer =
  | { kind: 'result'; result: unknown; record: CallRecord }
  | { kind: 'timeout'; record: CallRecord }
  | { kind: 'crash'; record: CallRecord };

interface Instance {
  worker: Worker;
  ready: Promise<{ loadMs: number; error: string | null }>;
  used: boolean;
}

const WORKER_FILE = path.join(__dirname, 'worker.cjs');
/** Keys the platform sets per invocation; cleared between calls so nothing leaks across callers. */
const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_SOURCE'];
/**
 * getWXContext reads SOURCE from TCB_SOURCE (wx_client for a mini-program call, wx_trigger for a
 * timer), so it is cleared and set with the context keys: a function that runs timer work only
 * for SOURCE wx_trigger can trust that no earlier call's value survives into this one.
 */
const CLEARED_PER_CALL = [...CONTEXT_KEYS, 'TCB_SOURCE'];
const DEFAULT_MAX_INSTANCES = 4;
const CALL_LOG_SIZE = 500;

/**
 * Runs built cloud functions as CloudBase does: one request at a time per instance, an instance per
 * concurrent request (up to a cap, then requests queue), cold starts timed, timeouts enforced by
 * ending the instance.
 */
export class FunctionHost {
  private readonly idle = new Map<string, Instance[]>();
  private readonly live = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly calls: CallRecord[] = [];
  private readonly logs: Array<{ fn: string; line: string }> = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly functionsDir: string,
    private readonly env: Record<string, string>,
    private readonly maxInstances = DEFAULT_MAX_INSTANCES,
  ) {}

  has(name: string): boolean {
    return /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name) && fs.existsSync(path.join(this.functionsDir, name, 'index.js'));
  }

  names(): string[] {
    if (!fs.existsSync(this.functionsDir)) return [];
    return fs.readdirSync(this.functionsDir).filter((n) => this.has(n));
  }

  config(name: string): FunctionConfig {
    const file = path.join(this.functionsDir, name, 'config.json');
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfig) : {};
  }

  recentLogs(): Array<{ fn: string; line: string }> {
    return [...this.logs].reverse();
  }

  recentCalls(): CallRecord[] {
    return [...this.calls].reverse();
  }

  async invoke(name: string, event: Record<string, unknown>, opts: InvokeOptions): Promise<HostAnswer> {
    const instance = await this.acquire(name);
    const cold = !instance.used;
    instance.used = true;
    const { loadMs, error } = await instance.ready;
    const record: CallRecord = {
      id: this.nextId++,
      fn: name,
      action: typeof event.action === 'string' ? event.action : null,
      source: opts.source,
      openid: opts.openid ?? null,
      at: new Date(Date.now() + opts.clockOffsetMs).toISOString(),
      cold,
      coldStartMs: cold ? loadMs : null,
      ms: 0,
      ok: false,
      code: null,
    };
    this.remember(record);
    if (error) {
      this.retire(name, instance);
      record.code = 'INTERNAL';
      return { kind: 'crash', record };
    }
    const timeoutMs = Math.min(Math.max(this.config(name).timeout ?? 3, 1), 60) * 1000;
    const started = Date.now();
    const id = record.id;
    const env: Record<string, string> = {
      WX_CONTEXT_KEYS: CONTEXT_KEYS.join(','),
      WX_APPID: 'wxdevcloud0000000',
      WX_CLIENTIP: '127.0.0.1',
      TCB_SOURCE: opts.source,
      DEVCLOUD_CLOCK_OFFSET_MS: String(opts.clockOffsetMs),
    };
    if (opts.openid) env.WX_OPENID = opts.openid;
    return new Promise<HostAnswer>((resolve) => {
      const timer = setTimeout(() => {
        instance.worker.off('message', onMessage);
        this.retire(name, instance);
        record.ms = Date.now() - started;
        record.code = 'TIMEOUT';
        resolve({ kind: 'timeout', record });
      }, timeoutMs);
      const onMessage = (msg: { type: string; id?: number; result?: unknown }) => {
        if (msg.id !== id) return;
        clearTimeout(timer);
        instance.worker.off('message', onMessage);
        record.ms = Date.now() - started;
        if (msg.type === 'result') {
          const result = msg.result as { ok?: boolean; error?: { code?: string } } | undefined;
          record.ok = result?.ok === true;
          record.code = result?.ok === false ? (result.error?.code ?? null) : null;
          this.release(name, instance);
          resolve({ kind: 'result', result: msg.result, record });
        } else {
          record.code = 'INTERNAL';
          this.retire(name, instance);
          resolve({ kind: 'crash', record });
        }
      };
      instance.worker.on('message', onMessage);
      try {
        instance.worker.postMessage({ type: 'invoke', id, event, context: {}, env, clearEnv: CLEARED_PER_CALL });
      } catch {
        // An event the structured clone cannot copy (too deep for its stack) never reached the
        // instance: it is free at once, rather than held until the timeout for an answer that cannot come.
        clearTimeout(timer);
        instance.worker.off('message', onMessage);
        record.ms = Date.now() - started;
        record.code = 'INTERNAL';
        this.release(name, instance);
        resolve({ kind: 'crash', record });
      }
    });
  }

  /** Ends every instance, so the next call to each function starts cold. */
  async coolDown(): Promise<void> {
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    for (const [name] of this.live) this.live.set(name, 0);
    await Promise.all(all.map((i) => i.worker.terminate()));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.coolDown();
  }

  private keepLog(fn: string, line: string): void {
    this.logs.push({ fn, line });
    if (this.logs.length > CALL_LOG_SIZE) this.logs.shift();
    if (process.env.DEVCLOUD_ECHO_LOGS === '1') process.stdout.write(`[${fn}] ${line}\n`);
  }

  private remember(record: CallRecord): void {
    this.calls.push(record);
    if (this.calls.length > CALL_LOG_SIZE) this.calls.shift();
  }

  private async acquire(name: string): Promise<Instance> {
    for (;;) {
      if (this.closed) throw new Error('function host is closed');
      const pool = this.idle.get(name);
      const ready = pool?.pop();
      if (ready) return ready;
      const live = this.live.get(name) ?? 0;
      if (live < this.maxInstances) {
        this.live.set(name, live + 1);
        return this.spawn(name);
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(name) ?? [];
        queue.push(resolve);
        this.waiting.set(name, queue);
      });
    }
  }

  private spawn(name: string): Instance {
    const worker = new Worker(WORKER_FILE, {
      workerData: { file: path.join(this.functionsDir, name, 'index.js') },
      env: { ...process.env, ...this.env, SCF_FUNCTIONNAME: name },
      // Captured, not inherited: the console shows each function's logs, and tests stay quiet.
      stdout: true,
      stderr: true,
    });
    worker.unref();
    const capture = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.keepLog(name, line);
    };
    worker.stdout.on('data', capture);
    worker.stderr.on('data', capture);
    const ready = new Promise<{ loadMs: number; error: string | null }>((resolve) => {
      worker.once('message', (msg: { type: string; loadMs: number; error: string | null }) => resolve(msg));
      worker.once('error', (err) => resolve({ loadMs: 0, error: String(err) }));
    });
    return { worker, ready, used: false };
  }

  private release(name: string, instance: Instance): void {
    // A call that was still running when the host closed: its worker would keep the process alive.
    if (this.closed) return void instance.worker.terminate();
    const pool = this.idle.get(name) ?? [];
    pool.push(instance);
    this.idle.set(name, pool);
    this.waiting.get(name)?.shift()?.();
  }

  private retire(name: string, instance: Instance): void {
    void instance.worker.terminate();
    this.live.set(name, Math.max(0, (this.live.get(name) ?? 1) - 1));
    this.waiting.get(name)?.shift()?.();
  }
}
