import type { CallRequest, CallResponse } from '../../core';
import { createApi, type Api } from '../../miniprogram/api/client';
import type { Transport } from '../../miniprogram/api/transport';
import { startDevcloud, type Devcloud, type DevcloudOptions } from '../../devcloud/server';
import { httpCaller, seedDemoCounty } from '../../scripts/seed/seed';

export interface CallOptions {
  openid?: string;
  requestId?: string;
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

/** One in-memory devcloud per test file, strict about indexes so a missing one fails here. */
export async function startTestCloud(opts: DevcloudOptions & { seed?: boolean } = {}): Promise<TestCloud> {
  const cloud = await startDevcloud({ strict: true, ...opts });
  if (opts.seed) await seedDemoCounty(httpCaller(cloud.url));
  const call: TestCloud['call'] = async (fn, action, payload = {}, callOpts = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (callOpts.openid) headers['x-devcloud-openid'] = callOpts.openid;
    const res = await fetch(`${cloud.url}/fn/${fn}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action, payload, requestId: callOpts.requestId }),
    });
    return { status: res.status, body: (await res.json()) as never };
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

/** The client's Transport over Node's fetch: POST /fn/<name> with the persona header, as httpTransport does in the app. */
export function nodeTransport(baseUrl: string, openid: string): Transport {
  return async (fn: string, request: CallRequest): Promise<CallResponse<unknown>> => {
    const res = await fetch(`${baseUrl}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-devcloud-openid': openid },
      body: JSON.stringify(request),
    });
    return (await res.json()) as CallResponse<unknown>;
  };
}
