import { showError } from './feedback';

interface Loadable {
  setData(data: Record<string, unknown>): void;
}

/**
 * The one way a page loads its data: `loading` while the call travels, then the page's fields,
 * or `failed` with the failure shown to the resident. Pages render from these two flags.
 */
export async function loadInto<T>(page: Loadable, fetch: () => Promise<T>, toData: (result: T) => Record<string, unknown>): Promise<void> {
  page.setData({ loading: true, failed: false });
  try {
    const result = await fetch();
    page.setData({ loading: false, ...toData(result) });
  } catch (err) {
    page.setData({ loading: false, failed: true });
    showError(err);
  }
}

