import { cloud } from './cloud';

/**
 * Platform calls that are not database calls travel as protobuf multipart on CloudBase, which
 * devcloud does not speak; they sit behind these small ports with one adapter per platform.
 */
export interface SendMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface PlatformResult {
  errcode: number;
  errmsg: string;
}

export interface Messenger {
  send(msg: SendMessage): Promise<PlatformResult>;
}

export type Suggest = 'pass' | 'review' | 'risky';

export interface ContentGuard {
  check(input: { content: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ suggest: Suggest; label: number }>;
}

interface WxOpenApi {
  subscribeMessage: { send(args: Record<string, unknown>): Promise<{ errCode?: number; errMsg?: string }> };
  security: {
    msgSecCheck(args: Record<string, unknown>): Promise<{ errCode?: number; result?: { suggest: Suggest; label: number } }>;
  };
}

/** wx-server-sdk throws on a non-zero errcode; the port answers it instead, so callers can branch on 43101. */
function errorResult(err: unknown): PlatformResult {
  const e = err as { errCode?: number; errMsg?: string; message?: string };
  return { errcode: typeof e.errCode === 'number' ? e.errCode : -1, errmsg: e.errMsg ?? e.message ?? String(err) };
}

export function wxMessenger(openapi: WxOpenApi, miniprogramState: 'developer' | 'trial' | 'formal'): Messenger {
  return {
    async send(msg) {
      try {
        const res = await openapi.subscribeMessage.send({
          touser: msg.touser,
          templateId: msg.templateId,
          page: msg.page,
          data: msg.data,
          miniprogramState,
          lang: 'zh_CN',
        });
        return { errcode: res.errCode ?? 0, errmsg: res.errMsg ?? 'ok' };
      } catch (err) {
        return errorResult(err);
      }
    },
  };
}

/** No verdict: held for review under msgSecCheck's label 21000, 其他 (other), since no category is known. */
const UNCHECKED = { suggest: 'review', label: 21000 } as const;

export function wxContentGuard(openapi: WxOpenApi): ContentGuard {
  return {
    async check({ content, openid, scene }) {
      const res = await openapi.security.msgSecCheck({ content, openid, scene, version: 2 });
      // No verdict means the check could not run: hold the text for a person rather than publish it.
      return res.result ?? { ...UNCHECKED };
    },
  };
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as T;
}

export function devcloudMessenger(origin: string): Messenger {
  return { send: (msg) => postJson<PlatformResult>(`${origin}/devcloud/openapi/subscribeMessage.send`, msg) };
}

export function devcloudContentGuard(origin: string): ContentGuard {
  return {
    async check({ content, openid, scene }) {
      const res = await postJson<{ errcode: number; result?: { suggest: Suggest; label: number } }>(
        `${origin}/devcloud/openapi/security.msgSecCheck`,
        { content, openid, scene, version: 2 },
      );
      return res.result ?? { ...UNCHECKED };
    },
  };
}

const devcloudOrigin = process.env.DEVCLOUD_SERVICE_URL ? new URL(process.env.DEVCLOUD_SERVICE_URL).origin : null;
const openapi = cloud.openapi as unknown as WxOpenApi;

export const messenger: Messenger = devcloudOrigin
  ? devcloudMessenger(devcloudOrigin)
  : wxMessenger(openapi, (process.env.MINIPROGRAM_STATE as 'developer' | 'trial' | 'formal' | undefined) ?? 'formal');
export const contentGuard: ContentGuard = devcloudOrigin ? devcloudContentGuard(devcloudOrigin) : wxContentGuard(openapi);
