import { newRequestId } from '../api/client';

/**
 * Every form keeps a draft (适老化: nothing typed is lost to a call or a weak network), with the
 * requestId of its submission: a retry after a dropped connection is the same request.
 */
export interface Draft<F> {
  form: F;
  requestId: string;
}

export function loadDraft<F>(key: string, empty: F): Draft<F> {
  const saved = wx.getStorageSync(key) as Draft<F> | '';
  return saved || { form: empty, requestId: newRequestId() };
}

export function saveDraftField<F>(key: string, empty: F, field: keyof F, value: F[keyof F]): Draft<F> {
  const draft = loadDraft(key, empty);
  draft.form = { ...draft.form, [field]: value };
  wx.setStorageSync(key, draft);
  return draft;
}

export function clearDraft(key: string): void {
  wx.removeStorageSync(key);
}
