import { DATA_SOURCES, type DataSource, type SourceAnswer, type SourceFacts } from '@core';

/**
 * 数据共享和在线核验 (seed 004): what the 民政, 人社, 不动产 and 车辆 registers hold on a person,
 * asked through the county's gateway to the 政务信息资源共享交换平台. Like the platform calls in
 * _runtime/ports.ts it sits behind a small port: a deployment names its gateway in
 * DATA_SHARING_URL; devcloud answers from seeded records (devcloud/ports/data-sharing.ts).
 */
export interface DataSharingPort {
  ask(source: DataSource, subject: { idNumber: string; name: string }): Promise<SourceAnswer>;
}

/** The gateway's answer: errcode 0 with what the register holds, else why it could not answer. */
interface GatewayAnswer {
  errcode: number;
  errmsg?: string;
  facts?: SourceFacts;
}

/** A register slower than this is taken as silent: the task goes to a person rather than keep the step waiting. */
const ASK_TIMEOUT_MS = 3000;

export function httpDataSharing(url: string): DataSharingPort {
  return {
    async ask(source, subject) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ source, ...subject }),
          signal: AbortSignal.timeout(ASK_TIMEOUT_MS),
        });
        const body = (await res.json()) as GatewayAnswer;
        if (body.errcode !== 0 || !body.facts) return { source, answered: false, reason: body.errmsg || '数据源暂不可用' };
        return { source, answered: true, facts: body.facts };
      } catch (err) {
        const timedOut = (err as { name?: string }).name === 'TimeoutError';
        return { source, answered: false, reason: timedOut ? '查询超时' : '数据源暂不可用' };
      }
    },
  };
}

/** No gateway configured: every register is silent, so every check goes to a person. */
export const notConnected: DataSharingPort = {
  async ask(source) {
    return { source, answered: false, reason: '本县尚未接入数据共享平台' };
  },
};

/** Each register once, side by side: a slow one costs the step its timeout, not four. */
export function askAll(port: DataSharingPort, subject: { idNumber: string; name: string }): Promise<SourceAnswer[]> {
  return Promise.all(DATA_SOURCES.map((s) => port.ask(s, subject)));
}

const devcloudOrigin = process.env.DEVCLOUD_SERVICE_URL ? new URL(process.env.DEVCLOUD_SERVICE_URL).origin : null;
const gateway = process.env.DATA_SHARING_URL?.trim();

export const dataSharing: DataSharingPort = devcloudOrigin
  ? httpDataSharing(`${devcloudOrigin}/devcloud/openapi/dataSharing.query`)
  : gateway
    ? httpDataSharing(gateway)
    : notConnected;
