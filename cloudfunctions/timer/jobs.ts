import { AppError, AUTO_CLOSE_MS, dueSoonWindow, MATERIALS_DEADLINE_MS, OPEN_STATUSES, SURVEY_ROUNDS, surveyNotices, TIMER_LOOKBACK_MS as LOOKBACK_MS, TIMER_WINDOW_MS as WINDOW_MS, workNotice, type NoticeItem } from '@core';
import { loadCalendar } from '../_runtime/calendar';
import { _, db } from '../_runtime/cloud';
import { log } from '../_runtime/log';
import { pathOf } from '../_runtime/orgs';
import { writeNoticesNow } from '../_runtime/outbox';
import { runCommand, type CaseDoc } from '../case/store';
import { deliverDue } from '../notify/deliver';
import { groupQuestions } from './group';

const SCAN_LIMIT = 1000;
const DAY_MS = 86_400_000;
const SYSTEM = { openid: 'system', role: 'system', name: '系统', orgIds: [] as string[] } as const;

const isDuplicate = (err: unknown) => /E11000|duplicate|exist/i.test(String((err as { errMsg?: string }).errMsg ?? (err as Error).message ?? err));

/** Takes a job's key for this window; false when another run already has it. */
async function claimJob(name: string, at: Date, windowMs: number): Promise<boolean> {
  const window = new Date(Math.floor(at.getTime() / windowMs) * windowMs);
  try {
    await db.collection('timer_jobs').add({ data: { _id: `${name}:${window.toISOString()}`, at } });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/** The unit and those above it, nearest first: whom an overdue case escalates to. */
const chainOf = (c: CaseDoc) => [c.orgId, ...[...c.orgPath].reverse().filter((id) => id !== c.orgId)];

/** 一次性告知 not answered in MATERIALS_DEADLINE_DAYS: the case is deemed withdrawn (its own notice tells the resident). */
async function materialsDeadline(at: Date): Promise<number> {
  const { calendar } = await loadCalendar(at);
  const { data } = await db.collection<CaseDoc>('cases').where({ status: 'awaitingMaterials' }).limit(SCAN_LIMIT).get();
  let withdrawn = 0;
  for (const c of data) {
    const pause = c.clock.pauses[c.clock.pauses.length - 1];
    if (!pause || pause.to || new Date(pause.from).getTime() + MATERIALS_DEADLINE_MS > at.getTime()) continue;
    try {
      await runCommand(c._id, { type: 'withdraw' }, at, { calendar, actorFor: () => SYSTEM, pathOf });
      withdrawn += 1;
    } catch (err) {
      // Supplied or changed meanwhile: the machine refuses, and nothing is withdrawn.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return withdrawn;
}

/**
 * 结案: resolved cases nobody rated within AUTO_CLOSE_DAYS are closed unrated through the case
 * store (the resident hears through the step's own notice). Idempotent: the job's key is per
 * window, and a case closed or rated meanwhile is refused by the machine and left as it is.
 * Legal aid is left out: its 办结 is the agency's decision and what is rated is the lawyer's work
 * at closing (core/case refuses autoClose there too); read, it would be refused every run.
 */
async function autoClose(at: Date): Promise<number> {
  const { calendar } = await loadCalendar(at);
  const { data } = await db
    .collection<CaseDoc>('cases')
    .where({ status: 'resolved', closedAt: _.lte(new Date(at.getTime() - AUTO_CLOSE_MS)), category: _.neq('legalAid') })
    .limit(SCAN_LIMIT)
    .get();
  let closed = 0;
  for (const c of data) {
    try {
      await runCommand(c._id, { type: 'autoClose' }, at, { calendar, actorFor: () => SYSTEM, pathOf });
      closed += 1;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return closed;
}

/** The first run of a scan looks this far back; later runs go on from where the last one stopped. */
const FIRST_SCAN_MS = 7 * DAY_MS;

/**
 * A scan's progress (`timer_jobs` doc `scan:<name>`): each run reads only what entered its window
 * since the last run (less a margin for clock skew), so a case is looked at about once, and a
 * timer that was down for hours catches up on everything it missed rather than a fixed lookback.
 */
async function scanFrom(name: string, at: Date): Promise<Date> {
  const { data } = await db.collection<{ _id: string; until: Date }>('timer_jobs').where({ _id: `scan:${name}` }).limit(1).get();
  const until = data[0]?.until;
  return until ? new Date(new Date(until).getTime() - LOOKBACK_MS) : new Date(at.getTime() - FIRST_SCAN_MS);
}

async function scanDone(name: string, until: Date, at: Date): Promise<void> {
  await db.collection('timer_jobs').doc(`scan:${name}`).set({ data: { until, at } });
}

/** 即将到期 → the handler (or the unit's staff while nobody handles it); 已超期 → the unit's nearest supervisor, once. */
async function deadlines(at: Date): Promise<{ dueSoon: number; overdue: number }> {
  const { calendar } = await loadCalendar(at);
  const { until } = dueSoonWindow(at, calendar);
  const open = [...OPEN_STATUSES];
  const soonFrom = new Date(Math.max(at.getTime(), (await scanFrom('dueSoon', at)).getTime()));
  const lateFrom = await scanFrom('overdue', at);
  const soon = (await db.collection<CaseDoc>('cases').where({ status: _.in(open), dueAt: _.gt(soonFrom).and(_.lte(until)) }).limit(SCAN_LIMIT).get()).data;
  const late = (await db.collection<CaseDoc>('cases').where({ status: _.in(open), dueAt: _.gte(lateFrom).and(_.lt(at)) }).orderBy('dueAt', 'asc').limit(SCAN_LIMIT).get()).data;
  const notices: NoticeItem[] = [
    ...soon.map((c) => {
      const dueAt = new Date(c.dueAt as Date);
      const to = c.handler ? { openid: c.handler.openid } : { orgIds: [c.orgId], roles: ['staff' as const] };
      return workNotice('work.dueSoon', c._id, c, to, `work:dueSoon:${c._id}:${dueAt.getTime()}`, at, dueAt);
    }),
    ...late.map((c) => workNotice('work.overdue', c._id, c, { orgIds: chainOf(c), roles: ['supervisor'], nearest: true }, `work:overdue:${c._id}`, at, new Date(c.dueAt as Date))),
  ];
  await writeNoticesNow(notices, at);
  // A full page means more remain: the next run goes on from the last one read.
  const lastLate = late[late.length - 1];
  await scanDone('overdue', late.length === SCAN_LIMIT && lastLate ? new Date(lastLate.dueAt as Date) : at, at);
  if (soon.length < SCAN_LIMIT) await scanDone('dueSoon', until, at);
  return { dueSoon: soon.length, overdue: late.length };
}

/** The rating invitation and its one reminder, to resolved cases nobody has rated. */
async function surveys(at: Date): Promise<number> {
  let written = 0;
  for (const { round, afterMs } of SURVEY_ROUNDS) {
    const to = new Date(at.getTime() - afterMs);
    const from = new Date((await scanFrom(`survey${round}`, at)).getTime() - afterMs);
    const { data } = await db.collection<CaseDoc>('cases').where({ status: 'resolved', closedAt: _.gte(from).and(_.lte(to)) }).limit(SCAN_LIMIT).get();
    const notices = data.flatMap((c) => surveyNotices(c._id, { ...c, closedAt: c.closedAt ? new Date(c.closedAt) : null }, at, round));
    await writeNoticesNow(notices, at);
    await scanDone(`survey${round}`, at, at);
    written += notices.length;
  }
  return written;
}

/**
 * Each job with the window its key covers: deadlines every run (a due-soon or overdue notice should
 * not wait), the scans that read every case awaiting materials or resolved every half hour (a
 * withdrawal or an invitation half an hour late costs nothing; reading them all every 2 minutes does).
 */
const HALF_HOUR_MS = 30 * 60_000;
const JOBS: Array<[string, (at: Date) => Promise<unknown>, number]> = [
  ['materialsDeadline', materialsDeadline, HALF_HOUR_MS],
  ['deadlines', deadlines, WINDOW_MS],
  ['surveys', surveys, HALF_HOUR_MS],
  ['autoClose', autoClose, HALF_HOUR_MS],
  ['groupQuestions', groupQuestions, WINDOW_MS],
];

/** One run: the case jobs once per window, then delivery of whatever is due (the jobs' own notices included). */
export async function tick(ctx: { now(): Date }): Promise<Record<string, unknown>> {
  const at = ctx.now();
  const report: Record<string, unknown> = {};
  for (const [name, job, windowMs] of JOBS) {
    if (!(await claimJob(name, at, windowMs))) {
      report[name] = 'done_in_this_window';
      continue;
    }
    try {
      report[name] = await job(at);
    } catch (err) {
      // One job's failure must not keep the others, or delivery, from running.
      log('error', 'timer job failed', { job: name, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      report[name] = 'failed';
    }
  }
  report.deliver = await deliverDue(at);
  return report;
}
