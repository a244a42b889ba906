import {
  AppError,
  FUNCTIONS,
  isErrorCode,
  type ActionContract,
  type FunctionName,
  type InputOf,
  type OutputOf,
} from '@core';
import { defaultTransport, type Transport } from './transport';

export interface CallOptions {
  /** Reuse the id of an earlier attempt (e.g. a saved draft) so the write happens once. */
  requestId?: string;
}

type ActionMethods<C> = {
  [A in keyof C]: C[A] extends ActionContract ? (payload: InputOf<C[A]>, options?: CallOptions) => Promise<OutputOf<C[A]>> : never;
};

/** The typed API: api.identity.whoami({}) — methods derived from core's contracts. */
export type Api = { [F in FunctionName]: ActionMethods<(typeof FUNCTIONS)[F]> };

const NETWORK_RETRIES = 2;

export function newRequestId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createApi(transport: Transport): Api {
  const api = {} as Record<string, Record<string, unknown>>;
  for (const fn of Object.keys(FUNCTIONS) as FunctionName[]) {
    const contracts = FUNCTIONS[fn] as Record<string, ActionContract>;
    api[fn] = {};
    for (const action of Object.keys(contracts)) {
      const contract = contracts[action] as ActionContract;
      api[fn][action] = async (payload: unknown, options: CallOptions = {}) => {
        // One id for every attempt: a retried write is answered with its first result.
        const requestId = contract.write ? (options.requestId ?? newRequestId()) : undefined;
        for (let attempt = 0; ; attempt++) {
          try {
            const res = await transport(fn, { action, payload, requestId });
            if (res.ok) return res.data;
            throw new AppError(isErrorCode(res.error.code) ? res.error.code : 'INTERNAL', res.error.message, res.error.details);
          } catch (err) {
            const retriable = err instanceof AppError && err.code === 'NETWORK' && attempt < NETWORK_RETRIES;
            if (!retriable) throw err;
            await sleep(400 * (attempt + 1));
          }
        }
      };
    }
  }
  return api as unknown as Api;
}

let shared: Api | undefined;

/** The app-wide client over the build's transport. */
export function api(): Api {
  shared ??= createApi(defaultTransport());
  return shared;
}
