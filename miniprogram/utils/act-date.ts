import { CATEGORY_INFO, type CaseCategory, type WindowKey } from '@core';

/** The windows a category carries (core's table); none for a category without one. */
export function windowsOf(category: CaseCategory | ''): WindowKey[] {
  return category ? [...CATEGORY_INFO[category].windows] : [];
}

/**
 * What a request sends for the resident's own window: a date kept in a draft from another
 * category is not sent for this one, and the window is named only when it is not the first.
 */
export function actOnPayload(category: CaseCategory | '', actOn: string, window: string): { actOn?: string; window?: WindowKey } {
  const windows = windowsOf(category);
  if (windows.length === 0 || actOn === '') return {};
  return windows.includes(window as WindowKey) ? { actOn, window: window as WindowKey } : { actOn };
}
