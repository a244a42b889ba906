import { AppError, ERROR_MESSAGES } from '@core';

/** Shows a failure the way a resident can act on it: short ones as a toast, form errors as a dialog. */
export function showError(err: unknown): void {
  const error = err instanceof AppError ? err : new AppError('INTERNAL', ERROR_MESSAGES.INTERNAL);
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details) && error.details.length > 0) {
    const lines = (error.details as Array<{ message: string }>).map((d) => d.message);
    wx.showModal({ title: '请检查填写内容', content: lines.join('\n'), showCancel: false, confirmText: '知道了' });
    return;
  }
  wx.showToast({ title: error.message, icon: 'none', duration: 3000 });
}
