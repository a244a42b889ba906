import { showError } from './feedback';

interface Loadable {
  setData(data: Record<string, unknown>): void;
}

/**
 * The one way a page loads its data: `loading` while the call travels, then the page's fields,
 * or `failed`. A resident's page shows the failure as a toast; a staff screen passes `failure`
 * to show its own failure line (api/feedback failureLine) in its fields instead. Answers whether
 * the data came, so a page can go on from there.
 */
export async function loadInto<T>(
  page: Loadable,
  fetch: () => Promise<T>,
  toData: (result: T) => Record<string, unknown>,
  failure?: (err: unknown) => Record<string, unknown>,
): Promise<boolean> {
  page.setData({ loading: true, failed: false });
  try {
    const result = await fetch();
    page.setData({ loading: false, ...toData(result) });
    return true;
  } catch (err) {
    page.setData({ loading: false, failed: true, ...failure?.(err) });
    if (!failure) showError(err);
    return false;
  }
}
