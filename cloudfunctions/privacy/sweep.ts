import { _, db, getOrNull, type Doc } from '../_runtime/cloud';
import { log } from '../_runtime/log';
import { currentKeyId, resealDocument } from '../_runtime/protect';
import { sweepRateLimits } from '../_runtime/rate-limit';

/**
 * Every collection that holds sealed values (phones, and with legal aid ID numbers, incomes and
 * statements). A collection that gains a protected field joins this list; the sweep finds the
 * sealed values in a document wherever they sit, so no field list is kept here.
 */
export const RESEAL_COLLECTIONS = ['members', 'cases', 'case_events', 'bookings', 'legal_aid', 'profiles'] as const;

/** Documents read per page, and per run (a run must end well inside the function's timeout). */
export const RESEAL_PAGE = 100;
export const RESEAL_DOCS_PER_RUN = 500;
/** The per-run budget: RESEAL_DOCS_PER_RUN, or the environment's (a deployment with a longer timeout, or a test). */
function budgetOf(env: string | undefined): number {
  const n = Number(env);
  return Number.isInteger(n) && n > 0 ? n : RESEAL_DOCS_PER_RUN;
}

/**
 * Where the re-seal sweep is (privacy_jobs/reseal). It walks the collections in order by _id; at the
 * end of a pass that re-sealed anything it starts another, and it is done after a whole pass found
 * nothing left under an old key (a value copied back from an old read during the first pass is
 * caught by the next). A new current key id starts it afresh.
 */
export interface ResealJob {
  _id: 'reseal';
  keyId: string;
  /** Position in RESEAL_COLLECTIONS and the last _id done there (null: from the start). */
  index: number;
  cursor: string | null;
  pass: number;
  /** Values re-sealed in this pass (0 at the end of a pass: done). */
  passResealed: number;
  total: number;
  /** Values under a key id the environment no longer has: they cannot be opened, so the old key may not be dropped. */
  unopenable: number;
  done: boolean;
  updatedAt: Date;
}

export interface ResealRun {
  keyId: string;
  docs: number;
  resealed: number;
  skipped: number;
  done: boolean;
}

function fresh(keyId: string, now: Date): ResealJob {
  return { _id: 'reseal', keyId, index: 0, cursor: null, pass: 1, passResealed: 0, total: 0, unopenable: 0, done: false, updatedAt: now };
}

/**
 * One bounded run of the re-seal sweep: at most `budget` documents read, each value under an old key
 * written back under the current one with an update conditioned on the old ciphertext still being
 * there (a value rewritten meanwhile by a function is already under the current key). Re-sealing is
 * deterministic per old value, so a repeated run writes the same bytes: idempotent and resumable.
 */
export async function resealSweep(now: Date, budget = budgetOf(process.env.RESEAL_DOCS_PER_RUN)): Promise<ResealRun> {
  const keyId = currentKeyId();
  const jobs = db.collection<ResealJob>('privacy_jobs');
  const stored = await getOrNull(jobs.doc('reseal'));
  let job: ResealJob = stored && stored.keyId === keyId ? stored : fresh(keyId, now);
  const run: ResealRun = { keyId, docs: 0, resealed: 0, skipped: 0, done: job.done };
  if (job.done) return run;
  let left = budget;
  while (left > 0) {
    const name = RESEAL_COLLECTIONS[job.index];
    if (name === undefined) {
      if (job.passResealed === 0) {
        job.done = true;
        break;
      }
      job = { ...job, index: 0, cursor: null, pass: job.pass + 1, passResealed: 0, unopenable: 0 };
      continue;
    }
    const coll = db.collection<Doc>(name);
    const limit = Math.min(RESEAL_PAGE, left);
    const query = job.cursor === null ? coll.where({}) : coll.where({ _id: _.gt(job.cursor) });
    const { data } = await query.orderBy('_id', 'asc').limit(limit).get();
    for (const doc of data) {
      const found = resealDocument(doc);
      if (!found) continue;
      job.unopenable += found.unopenable.length;
      run.skipped += found.unopenable.length;
      if (found.changes.length === 0) continue;
      const condition = Object.fromEntries(found.changes.map((c) => [`${c.path}.ct`, c.from.ct]));
      const update = Object.fromEntries(found.changes.map((c) => [c.path, _.set(c.to)]));
      const { stats } = await coll.where({ _id: doc._id, ...condition }).update({ data: update });
      if (stats.updated === 1) {
        run.resealed += found.changes.length;
        job.passResealed += found.changes.length;
        job.total += found.changes.length;
      }
    }
    run.docs += data.length;
    left -= data.length;
    if (data.length < limit) job = { ...job, index: job.index + 1, cursor: null };
    else job = { ...job, cursor: String(data[data.length - 1]?._id) };
  }
  // A pass with values nobody can open never ends "done": the old key is still needed.
  if (job.done && job.unopenable > 0) job = { ...job, done: false, index: 0, cursor: null, pass: job.pass + 1 };
  job.updatedAt = now;
  run.done = job.done;
  const { _id: _unused, ...state } = job;
  await jobs.doc('reseal').set({ data: state });
  if (run.skipped > 0) log('error', 'reseal: values under a key id no longer configured', { count: run.skipped, keyId });
  return run;
}

/** The privacy function's hourly timer: expired rate-limit logs go, then one bounded re-seal run. */
export async function sweep({ now }: { now(): Date }): Promise<{ rateLimits: { removed: number; backfilled: number }; reseal: ResealRun }> {
  const rateLimits = await sweepRateLimits({ now });
  const reseal = await resealSweep(now());
  return { rateLimits, reseal };
}
