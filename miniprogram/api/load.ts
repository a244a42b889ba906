import { AppError } from '@core';
import { showError } from './feedback';

interface Loadable {
  setData(data: Record<string, unknown>): void;
}

type Load = () => Promise<boolean>;

/** Per page: the latest load from each place in its code, and the ones whose last try failed. */
const remembered = new WeakMap<object, { latest: Map<string, Load>; failed: Set<string> }>();

function memoryOf(page: object) {
  let memory = remembered.get(page);
  if (!memory) {
    memory = { latest: new Map(), failed: new Set() };
    remembered.set(page, memory);
  }
  return memory;
}

/** Worth trying again: the service was not reached. A refusal (无权查看, 没有找到) would only repeat. */
function retryable(err: unknown): boolean {
  return !(err instanceof AppError) || err.code === 'NETWORK' || err.code === 'INTERNAL';
}

/**
 * The one way a page loads its data: `loading` while the call travels, then the page's fields,
 * or `failed` with `canRetry` (the service was not reached, so 重试 may help). A resident's page
 * also hears the failure as a toast; a staff screen passes `failure` to show its own failure line
 * (api/feedback failureLine) in its fields instead. Answers whether the data came, so a page can
 * go on from there. Each load is remembered for the page: `retryLoads` sends the failed ones again
 * (重试, or the network coming back), `refreshLoads` all of them (pull-to-refresh); the
 * behaviors/loadable behavior wires both to the page.
 */
export async function loadInto<T>(
  page: Loadable,
  fetch: () => Promise<T>,
  toData: (result: T) => Record<string, unknown>,
  failure?: (err: unknown) => Record<string, unknown>,
): Promise<boolean> {
  // Keyed by the code that asks: a later load from the same place (the next page of a list) replaces it.
  const site = String(fetch);
  const memory = memoryOf(page);
  memory.latest.set(site, () => loadInto(page, fetch, toData, failure));
  page.setData({ loading: true, failed: false });
  try {
    const result = await fetch();
    memory.failed.delete(site);
    page.setData({ loading: false, ...toData(result) });
    return true;
  } catch (err) {
    memory.failed.add(site);
    page.setData({ loading: false, failed: true, canRetry: retryable(err), ...failure?.(err) });
    if (!failure) showError(err);
    return false;
  }
}

/** Sends again what failed on this page; answers whether all of it came. */
export async function retryLoads(page: object): Promise<boolean> {
  const memory = memoryOf(page);
  const again = [...memory.failed].map((site) => memory.latest.get(site)).filter((l): l is Load => l !== undefined);
  return (await Promise.all(again.map((load) => load()))).every(Boolean);
}

/** Loads everything on this page afresh: its own `load()` when it has one, else each remembered load. */
export async function refreshLoads(page: object): Promise<boolean> {
  const own = (page as { load?: () => Promise<unknown> }).load;
  if (typeof own === 'function') {
    await own.call(page);
    return !memoryOf(page).failed.size;
  }
  return (await Promise.all([...memoryOf(page).latest.values()].map((load) => load()))).every(Boolean);
}
