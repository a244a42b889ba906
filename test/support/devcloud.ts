import { startDevcloud, type Devcloud, type DevcloudOptions } from '../../devcloud/server';
import { httpCaller, seedDemoCounty } from '../../scripts/seed/seed';

export interface CallOptions {
  openid?: string;
  requestId?: string;
}

export interface TestCloud extends Devcloud {
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
    async data(fn, action, payload, callOpts) {
      const { body } = await call<{ ok: boolean; data?: never; error?: { code: string; message: string } }>(fn, action, payload, callOpts);
      if (!body.ok) throw new Error(`${fn}.${action} failed: ${body.error?.code} ${body.error?.message}`);
      return body.data as never;
    },
  };
}
