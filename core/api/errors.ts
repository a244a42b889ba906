/**
 * Stable error codes and the plain Chinese a resident sees for each.
 * Codes never change once shipped: clients and logs key on them.
 */
export const ERROR_MESSAGES = {
  BAD_REQUEST: '请求格式不对，请更新小程序后再试',
  UNKNOWN_ACTION: '暂不支持这个操作，请更新小程序后再试',
  VALIDATION_FAILED: '填写的内容有误，请检查后再提交',
  UNAUTHENTICATED: '请在微信里打开小程序后再试',
  FORBIDDEN: '您没有权限办理这项操作',
  NOT_FOUND: '没有找到相关记录',
  CONFLICT: '情况已有变化，请刷新后再试',
  INVALID_STATE: '当前状态下不能这样操作',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  SLOT_FULL: '这个时间已约满，请选其他时间',
  PAYLOAD_TOO_LARGE: '提交的内容太多，请精简后再试',
  FUNCTION_NOT_FOUND: '服务暂不可用，请稍后再试',
  TIMEOUT: '办理超时，请稍后再试',
  NETWORK: '网络不太好，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/**
 * What a refusal's details carry: `reason`, a stable snake_case word a client or test branches on
 * (the Chinese message is for people and may be reworded any day), plus any facts of the case.
 */
export interface RefusalDetails {
  reason: string;
  [fact: string]: unknown;
}

/** One way a payload breaks its contract: where, in plain Chinese, and which rule (a zod issue code or a refine's own `params.rule`). */
export interface FieldProblem {
  path: string;
  message: string;
  rule: string;
}

/** How a reason is spelled: lower snake_case, e.g. `out_of_reach`. */
export const REASON_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** A refusal an action documents: the code it answers with and, in English, when. */
export interface Refusal {
  readonly code: ErrorCode;
  readonly when: string;
}

/** Refusals by reason, as contracts document them for docs/api.md. */
export type Refusals = Readonly<Record<string, Refusal>>;

/**
 * The dispatcher's own refusals (cloudfunctions/_runtime): any action may answer these before or
 * around its handler, so docs/api.md lists them once rather than under every action.
 */
export const DISPATCH_REFUSALS = {
  bad_envelope: { code: 'BAD_REQUEST', when: 'the call is not `{ action, payload?, requestId? }` (details.fields says what is wrong)' },
  unknown_action: { code: 'UNKNOWN_ACTION', when: 'the function has no action of that name (an older or newer client)' },
  unknown_trigger: { code: 'UNKNOWN_ACTION', when: 'a timer event names a trigger the function does not run' },
  no_caller: { code: 'UNAUTHENTICATED', when: 'the platform gave no OPENID (the call did not come from the mini-program)' },
  role_not_allowed: { code: 'FORBIDDEN', when: 'none of the caller’s roles may call the action (checked before the payload is read)' },
  invalid_input: { code: 'VALIDATION_FAILED', when: 'the payload breaks the action’s input schema; details.fields lists `{ path, message, rule }`' },
  missing_request_id: { code: 'BAD_REQUEST', when: 'a write came without a requestId' },
  request_in_progress: { code: 'CONFLICT', when: 'an earlier call with the same requestId is still running' },
  idempotency_mismatch: { code: 'CONFLICT', when: 'a requestId already used (within a day) for another payload: a new request needs a new requestId' },
  request_done: {
    code: 'CONFLICT',
    when: 'a retry of a write already carried out whose answer cannot be given again without keeping personal data (identity.updateMember/deactivateMember, booking.cancel): reload to see the result',
  },
  too_many_requests: { code: 'RATE_LIMITED', when: 'the caller used up the action’s rate limit (listed under the action); details.retryAfterSeconds says when a call will be taken again' },
  internal_error: { code: 'INTERNAL', when: 'an unexpected failure; details.traceId finds it in the logs' },
} as const satisfies Refusals;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Always present on a function's answer (a reason); absent on failures the client itself detects (NETWORK). */
  details?: RefusalDetails;
}

/** A failure the caller can act on; anything else is reported as INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: RefusalDetails;

  constructor(code: ErrorCode, message?: string, details?: RefusalDetails) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}

/**
 * A refusal with its reason: `throw refuse('FORBIDDEN', 'out_of_reach', '只能统计本单位或下属单位')`.
 * Same as `new AppError(code, message, { reason, ...facts })`; the message defaults to the code's.
 */
export function refuse(code: ErrorCode, reason: string, message?: string, facts?: Record<string, unknown>): AppError {
  return new AppError(code, message, { ...facts, reason });
}

/**
 * The refusal maker of one table of refusals: the reason picks its own code, so a reason can never
 * travel with a code its table does not give it.
 */
export function refuser<T extends Refusals>(table: T) {
  return (reason: keyof T & string, message: string, facts: Record<string, unknown> = {}): AppError =>
    new AppError((table[reason] as Refusal).code, message, { ...facts, reason });
}

/** The fields a VALIDATION_FAILED (or bad envelope) refusal lists; none for any other error. */
export function invalidFields(err: unknown): FieldProblem[] {
  if (!(err instanceof AppError)) return [];
  const fields = err.details?.fields;
  return Array.isArray(fields) ? fields.filter((f): f is FieldProblem => typeof f === 'object' && f !== null && typeof (f as FieldProblem).message === 'string') : [];
}
