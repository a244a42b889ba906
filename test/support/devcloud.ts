import { DISPATCH_REFUSALS, FUNCTIONS, REASON_PATTERN, type ActionContract, type CallRequest, type CallResponse } from '../../core';
import { createApi, type Api } from '../../miniprogram/api/client';
import type { Transport } from '../../miniprogram/api/transport';
import { startDevcloud, type Devcloud, type DevcloudOptions } from '../../devcloud/server';
import { httpCaller, seedDemoCounty } from '../../scripts/seed/seed';
import { shapeRecorder } from '../repo/index-coverage';

export interface CallOptions {
  openid?: string;
  requestId?: string;
  /**
   * The envelope exactly as answered, refusal unchecked: for a test that is itself about what a
   * malformed refusal looks like. Every other call has its refusals checked (see checkRefusal).
   */
  raw?: boolean;
}

export interface TestCloud extends Devcloud {
  /**
   * The mini-program's own typed client (core's contracts → methods), sending as `openid` the way
   * the local transport does: a refusal rejects with AppError carrying `code` and `details.reason`.
   */
  api(openid: string): Api;
  /** POST /fn/<fn> as the mini-program's local transport does; answers status and envelope. */
  call<T = unknown>(fn: string, action: string, payload?: unknown, opts?: CallOptions): Promise<{ status: number; body: T }>;
  /** The envelope's data, or a thrown error naming the code. */
  data<T = unknown>(fn: string, action: string, payload?: unknown, opts?: CallOptions): Promise<T>;
}

/** A function answered a refusal the API does not promise: no reason, a badly spelled one, or one its contract does not list. */
export class RefusalCheckError extends Error {
  constructor(fn: string, action: string, problem: string, body: unknown) {
    super(`${fn}.${action} ${problem}: ${JSON.stringify(body)}`);
    this.name = 'RefusalCheckError';
  }
}

function documentedRefusals(fn: string, action: string): Record<string, { code: string }> | undefined {
  const contracts = (FUNCTIONS as Record<string, Record<string, ActionContract> | undefined>)[fn];
  const contract = contracts && Object.prototype.hasOwnProperty.call(contracts, action) ? contracts[action] : undefined;
  // An action with no list yet (or no such action at all: a garbage probe) is held to the dispatcher's.
  if (contract?.refusals === undefined) return contract ? undefined : DISPATCH_REFUSALS;
  return { ...DISPATCH_REFUSALS, ...contract.refusals };
}

/**
 * Every refusal a function answers (HTTP 200, ok:false) carries a snake_case `details.reason`,
 * and, for an action whose contract lists its refusals, one listed there (or the dispatcher's)
 * under the code listed. Non-200 answers are devcloud standing in for the platform's own failures
 * (no such function, timeout, crash), which the client turns into NETWORK/INTERNAL, not refusals.
 */
export function checkRefusal(fn: string, action: string, status: number, body: unknown): void {
  if (status !== 200 || typeof body !== 'object' || body === null || (body as { ok?: unknown }).ok !== false) return;
  const error = (body as { error?: { code?: unknown; details?: { reason?: unknown } } }).error;
  const reason = error?.details?.reason;
  if (typeof reason !== 'string') throw new RefusalCheckError(fn, action, 'refused without details.reason', body);
  if (!REASON_PATTERN.test(reason)) throw new RefusalCheckError(fn, action, `refused with reason "${reason}", not snake_case`, body);
  const documented = documentedRefusals(fn, action);
  if (!documented) return;
  const entry = Object.prototype.hasOwnProperty.call(documented, reason) ? documented[reason] : undefined;
  if (!entry) throw new RefusalCheckError(fn, action, `refused with reason "${reason}", which its contract's refusals do not list`, body);
  if (entry.code !== error?.code) throw new RefusalCheckError(fn, action, `refused "${reason}" as ${String(error?.code)}, documented as ${entry.code}`, body);
}

/** One in-memory devcloud per test file, strict about indexes so a missing one fails here. */
export async function startTestCloud(opts: DevcloudOptions & { seed?: boolean } = {}): Promise<TestCloud> {
  const cloud = await startDevcloud({ strict: true, ...opts });
  // npm test records every query shape for the index coverage check (test/repo/index-coverage.ts).
  const shapes = process.env.XFT_QUERY_SHAPES ? shapeRecorder(process.env.XFT_QUERY_SHAPES) : null;
  if (shapes) {
    cloud.db.onRequest(shapes.listener);
    const close = cloud.close.bind(cloud);
    cloud.close = async () => {
      shapes.flush();
      await close();
    };
  }
  if (opts.seed) await seedDemoCounty(httpCaller(cloud.url));
  const call: TestCloud['call'] = async (fn, action, payload = {}, callOpts = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (callOpts.openid) headers['x-devcloud-openid'] = callOpts.openid;
    const res = await fetch(`${cloud.url}/fn/${fn}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action, payload, requestId: callOpts.requestId }),
    });
    const body: unknown = await res.json();
    if (!callOpts.raw) checkRefusal(fn, action, res.status, body);
    return { status: res.status, body: body as never };
  };
  return {
    ...cloud,
    call,
    api: (openid) => createApi(nodeTransport(cloud.url, openid)),
    async data(fn, action, payload, callOpts) {
      const { body } = await call<{ ok: boolean; data?: never; error?: { code: string; message: string } }>(fn, action, payload, callOpts);
      if (!body.ok) throw new Error(`${fn}.${action} failed: ${body.error?.code} ${body.error?.message}`);
      return body.data as never;
    },
  };
}

/**
 * The client's Transport over Node's fetch: POST /fn/<name> with the persona header, as
 * httpTransport does in the app, with every refusal checked as `call` checks it.
 */
export function nodeTransport(baseUrl: string, openid: string): Transport {
  return async (fn: string, request: CallRequest): Promise<CallResponse<unknown>> => {
    const res = await fetch(`${baseUrl}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-devcloud-openid': openid },
      body: JSON.stringify(request),
    });
    const body = (await res.json()) as CallResponse<unknown>;
    checkRefusal(fn, request.action, res.status, body);
    return body;
  };
}
