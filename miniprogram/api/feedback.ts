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
