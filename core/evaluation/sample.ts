// The third-party evaluation sample: closed cases drawn at random, for supervisors to call back
// (seed 000 §14's 第三方评价). The draw is uniform without replacement.

/** How many cases a sample draws unless the supervisor asks for another size. */
export const DEFAULT_SAMPLE_SIZE = 10;
/** Days back the sample looks by default: a quarter's closed cases. */
export const SAMPLE_DAYS = 90;

/** `size` of `items` at random (a partial Fisher–Yates shuffle over a copy); all of them when fewer. */
export function drawSample<T>(items: readonly T[], size: number, random: () => number = Math.random): T[] {
  const pool = [...items];
  const n = Math.min(Math.max(0, Math.floor(size)), pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, n);
}
