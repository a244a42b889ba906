import http from 'node:http';

export interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

let calls = 0;

/**
 * POST /fn/<name> on a fresh connection each time. fetch keeps connections alive, and after a
 * long generation the server has closed them (keepAliveTimeout): the next fetch on a reused
 * socket fails with ECONNRESET. A new connection per call costs well under a millisecond.
 */
export function postFunction(base: string, fn: string, action: string, payload: unknown, openid: string): Promise<Envelope> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ action, payload, requestId: `bench${(calls++).toString(36).padStart(6, '0')}` });
    const req = http.request(
      `${base}/fn/${fn}`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-devcloud-openid': openid } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
