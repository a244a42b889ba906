import { randomInt } from 'node:crypto';
import { AppError, DATA_SOURCES, addDays, clockTallies, dayStart, queueOrder, runAid, shanghaiDay, verificationWithdrawn, type AidCommand, type ConsentRecord, type SourceAnswer, type legalAidContracts } from '@core';
import { loadCalendar } from '../_runtime/calendar';
import { _, db } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import type { ActionContext } from '../_runtime/function';
import { reveal, sealedOf } from '../_runtime/protect';
import { barIds, contextOf } from './apply';
import { syncCase } from './case-sync';
import { askAll, dataSharing } from './data-sharing';
import { changeAid, factsFor, loadAid, loadSettings, reaches, tellPosts, viewOf, type AidDoc } from './store';

type Contracts = typeof legalAidContracts;

/** One legal-aid application as the caller may see it. */
export const get: Handler<Contracts['get']> = async (input, ctx) => {
  const aidCtx = await contextOf(ctx);
  const doc = await loadAid(input.caseId, aidCtx.actor);
  return viewOf(doc, aidCtx, await factsFor(ctx, doc, aidCtx.actor));
};

type ActCommand = Parameters<Handler<Contracts['act']>>[0]['command'];

/**
 * The core command of a step: the grant's verification draw is made here (a uniform number core
 * compares with the configured share), and a data-source check carries the registers' answers the
 * function got itself, so neither can be chosen by the caller.
 */
async function commandOf(input: ActCommand, doc: () => Promise<AidDoc>, ctx: ActionContext, onAidPost: boolean): Promise<AidCommand> {
  if (input.type === 'grant') return { ...input, draw: randomInt(0, 1_000_000) / 1_000_000 };
  if (input.type === 'checkSources') {
    // Nobody else's ID number is opened for a check core would refuse anyway (not the post, nothing pending).
    const found = await doc();
    return onAidPost && found.verificationPending ? sourceCheck(ctx, found) : { type: 'checkSources', answers: [] };
  }
  if (input.type === 'rate') {
    const { type, ...rating } = input;
    return { type, rating };
  }
  return input;
}

/** The applicant side's answers to the verification consent, this application's or all (indexed by openid; a person answers a handful). */
async function consentWithdrawn(doc: AidDoc): Promise<boolean> {
  const { data } = await db
    .collection<ConsentRecord>('consents')
    .where({ openid: _.in(doc.applicantIds), purpose: 'legal_aid_verification', ref: _.in([doc.caseId, null]) })
    .orderBy('at', 'desc')
    .limit(50)
    .get();
  return verificationWithdrawn(data, doc.caseId);
}

/**
 * The check as the function runs it: the consent re-read first, so a withdrawn authorization
 * (PIPL Art 15) keeps the ID number closed and the registers unasked, and a person verifies.
 */
async function sourceCheck(ctx: ActionContext, doc: AidDoc): Promise<AidCommand> {
  if (await consentWithdrawn(doc)) return { type: 'checkSources', answers: [], consentWithdrawn: true };
  return { type: 'checkSources', answers: await askSources(ctx, doc) };
}

/**
 * 数据共享和在线核验: the registers are asked by the ID number, opened through the one audited
 * path (the applicant authorized it with the promise, and has not withdrawn it). Without an ID number nothing can be asked,
 * and core sends the task to a person with that reason.
 */
async function askSources(ctx: ActionContext, doc: AidDoc): Promise<SourceAnswer[]> {
  const field = doc.sealed?.idNumber;
  if (!field) return DATA_SOURCES.map((source) => ({ source, answered: false, reason: '申请时没有填写身份证号' }));
  const [idNumber] = await reveal(ctx, { purpose: 'case.legalAid.read', subject: doc.caseId, owners: doc.applicantIds, units: [doc.orgId] }, [sealedOf(field)]);
  if (!idNumber) return DATA_SOURCES.map((source) => ({ source, answered: false, reason: '身份证号无法读取' }));
  return askAll(dataSharing, { idNumber, name: doc.applicantName });
}

/** What follows a committed step outside its transaction: the Art 64 bar, the posts' work, the case row. */
async function afterStep(doc: AidDoc, step: AidCommand['type'], aidCtx: AidContextOf): Promise<void> {
  // Art 64: a promise found false closes the promise route to this person next time.
  if (doc.falsePromise) {
    const ids = barIds(doc.applicantIds, doc.sealed?.idNumber?.hash);
    await Promise.all(ids.map((id) => db.collection('legal_aid_bars').doc(id).set({ data: { caseId: doc.caseId, at: aidCtx.at } })));
  }
  await tellPosts(doc, step, aidCtx.at);
  await syncCase(doc, step, aidCtx.at, aidCtx.calendar, aidCtx.actor);
}

type AidContextOf = Awaited<ReturnType<typeof contextOf>>;

/** One step; a sampled promise-route grant is checked against the data sources at once (先审批、后核查). */
export const act: Handler<Contracts['act']> = async (input, ctx) => {
  const aidCtx = await contextOf(ctx);
  const command = await commandOf(input.command, () => loadAid(input.caseId, aidCtx.actor), ctx, aidCtx.actor.posts.includes('aid'));
  let doc = await changeAid(input.caseId, aidCtx, (state) => runAid(state, command, aidCtx));
  await afterStep(doc, command.type, aidCtx);
  if (command.type === 'grant' && doc.verificationPending) {
    const check = await sourceCheck(ctx, doc);
    doc = await changeAid(input.caseId, aidCtx, (state) => runAid(state, check, aidCtx));
    await afterStep(doc, 'checkSources', aidCtx);
  }
  return viewOf(doc, aidCtx, await factsFor(ctx, doc, aidCtx.actor));
};

/** A queue holds a county's open legal-aid work: tens at a time, never near one read's 1,000. */
const QUEUE_READ = 200;

const QUEUE_FILTERS = {
  station: { status: _.in(['atStation', 'awaitingMaterials']) },
  review: { status: _.in(['underReview', 'awaitingMaterials', 'granted']) },
  dispatched: { status: 'dispatched' },
  objections: { objectionPending: true },
  verification: { verificationPending: true },
  returnVisits: { returnVisitPending: true },
} as const;

/** The office's queue with its clocks, urgent and green channel first, then the nearest deadline. */
export const queue: Handler<Contracts['queue']> = async (input, ctx) => {
  const aidCtx = await contextOf(ctx);
  const { data } = await db.collection<AidDoc>('legal_aid').where(QUEUE_FILTERS[input.which]).limit(QUEUE_READ).get();
  const mine = data.filter((d) => reaches(d, aidCtx.actor) && (input.which !== 'station' || d.stationOrgId !== null));
  return { items: mine.sort(queueOrder(aidCtx.calendar)).map((d) => viewOf(d, aidCtx)) };
};

/** A county files hundreds of applications a year: a month's, or a year's, fit one read. */
const STATS_READ = 1000;

/** 按期 per named clock for the applications filed in a period the caller reaches (this month by default). */
export const stats: Handler<Contracts['stats']> = async (input, ctx) => {
  const aidCtx = await contextOf(ctx);
  const today = shanghaiDay(aidCtx.at);
  const from = input.from ?? `${today.slice(0, 8)}01`;
  const to = input.to ?? today;
  const { data } = await db
    .collection<AidDoc>('legal_aid')
    .where({ receivedAt: _.gte(dayStart(from)).and(_.lt(dayStart(addDays(to, 1)))) })
    .limit(STATS_READ)
    .get();
  const mine = data.filter((d) => reaches(d, aidCtx.actor));
  return { from, to, applications: mine.length, clocks: clockTallies(mine, aidCtx.at, aidCtx.calendar) };
};

/** Hourly: applications whose materials deadline passed are deemed withdrawn (Art 43), and the applicant is told on the timeline. */
export async function expireMaterials(ctx: { now(): Date }): Promise<{ withdrawn: number }> {
  const at = ctx.now();
  const [settings, { calendar }] = await Promise.all([loadSettings(), loadCalendar(at)]);
  const { data } = await db.collection<AidDoc>('legal_aid').where({ status: 'awaitingMaterials' }).limit(QUEUE_READ).get();
  const system = { openid: 'system', name: '系统', role: 'system' as const, orgIds: [], posts: ['aid' as const] };
  let withdrawn = 0;
  for (const doc of data) {
    const named = doc.clocks.materials;
    if (!named || named.stoppedAt) continue;
    try {
      const after = await changeAid(doc.caseId, { actor: system, at, settings, calendar }, (s) => runAid(s, { type: 'expireMaterials' }, { actor: system, at, settings, calendar }));
      await syncCase(after, 'expireMaterials', at, calendar);
      withdrawn++;
    } catch (err) {
      // Not due yet, or changed meanwhile: the next run looks again. Anything else is a fault to see.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return { withdrawn };
}
