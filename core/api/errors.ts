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

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** A failure the caller can act on; anything else is reported as INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
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
