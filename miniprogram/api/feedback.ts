import { AppError, ERROR_MESSAGES, invalidFields } from '@core';

/** Shows a failure the way a resident can act on it: short ones as a toast, form errors as a dialog. */
export function showError(err: unknown): void {
  const error = err instanceof AppError ? err : new AppError('INTERNAL', ERROR_MESSAGES.INTERNAL);
  const fields = error.code === 'VALIDATION_FAILED' ? invalidFields(error) : [];
  if (fields.length > 0) {
    wx.showModal({ title: '请检查填写内容', content: fields.map((f) => f.message).join('\n'), showCancel: false, confirmText: '知道了' });
    return;
  }
  wx.showToast({ title: error.message, icon: 'none', duration: 3000 });
}

/**
 * A screen's failure line: the server's own words (a refusal, a bad period), else that the service
 * was not reached. A refusal is not worth retrying; `forbidden` words it for the screen if given.
 */
export function failureLine(err: unknown, forbidden?: string): { failText: string; canRetry: boolean } {
  if (!(err instanceof AppError) || err.code === 'NETWORK' || err.code === 'INTERNAL') return { failText: '没有连上服务，', canRetry: true };
  if (err.code === 'FORBIDDEN') return { failText: forbidden ?? err.message, canRetry: false };
  return { failText: invalidFields(err)[0]?.message ?? err.message, canRetry: true };
}
