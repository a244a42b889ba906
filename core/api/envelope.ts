import type { ErrorBody } from './errors';

/** What the client sends to every function, over either transport. */
export interface CallRequest {
  action: string;
  payload?: unknown;
  /** Client-generated id that makes a retried write return its first result. */
  requestId?: string;
}

export type CallResponse<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
