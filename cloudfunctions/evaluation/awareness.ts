import { awarenessDoc, awarenessPeriod, foldAwareness, refuse, surveyVillages, type AwarenessCount, type AwarenessDoc, type evaluationContracts } from '@core';
import { _, db, getOrNull } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { loadOrgs, type OrgDoc } from '../_runtime/orgs';
import { isDuplicate } from '../_runtime/outbox';
import { lookupHash } from '../_runtime/protect';
import { scopeUnit } from './scope';

type Contracts = typeof evaluationContracts;
const answers = () => db.collection<AwarenessDoc>('awareness_answers');

/**
 * The answer's id: a keyed hash (HMAC under FIELD_HASH_KEY) of the quarter and the person, so one
 * answer per person per quarter is enforced and nothing stored names them. The openid goes in as
 * hex, which the hash's phone normalisation leaves as it is; the prefix keeps it apart from phones.
 */
function answerKey(period: string, openid: string): string {
  return lookupHash('phone', `awareness${period}${Buffer.from(openid, 'utf8').toString('hex')}`);
}

const answered = async (ctx: ActionContext, period: string) => (await getOrNull(answers().doc(answerKey(period, ctx.actor.openid)))) !== null;

/** A county's open units (a center, a dozen or two stations, a few hundred rooms) fit one read. */
const UNITS_READ = 1000;

export const awarenessSurvey: Handler<Contracts['awarenessSurvey']> = async (_input, ctx) => {
  const period = awarenessPeriod(ctx.now());
  const [already, { data }] = await Promise.all([
    answered(ctx, period),
    // Rooms and their townships: the picker's names, in the screen's one call.
    db.collection<OrgDoc>('orgs').where({ active: true }).field({ _id: true, name: true, tier: true, parentId: true, active: true }).orderBy('_id', 'asc').limit(UNITS_READ).get(),
  ]);
  return { period, answered: already, villages: already ? [] : surveyVillages(data) };
};

export const answerAwareness: Handler<Contracts['answerAwareness']> = async (input, ctx) => {
  const period = awarenessPeriod(ctx.now());
  const [unit] = await loadOrgs([input.orgId]);
  if (!unit) throw refuse('NOT_FOUND', 'unit_not_found', '所选的村或单位不存在');
  const key = answerKey(period, ctx.actor.openid);
  const doc = awarenessDoc(key, period, { id: unit._id, path: unit.path }, { knowsAdvisor: input.knowsAdvisor, knowsService: input.knowsService, firstChoice: input.firstChoice }, await answered(ctx, period));
  try {
    await answers().add({ data: doc });
  } catch (err) {
    // Two taps at once: the second finds the first's answer under the same key.
    if (isDuplicate(err)) throw refuse('CONFLICT', 'already_answered', '这一季度的问卷您已经答过了，谢谢');
    throw err;
  }
  return { period, answered: true };
};

/** Aggregates answer 20 rows unless told otherwise; a county's villages × answer combinations stay far below this. */
const ROWS = 10000;
const MAX_UNITS = 1000;

export const awareness: Handler<Contracts['awareness']> = async (input, ctx) => {
  const scope = await scopeUnit(ctx, input.orgId);
  const period = input.period ?? awarenessPeriod(ctx.now());
  const $ = _.aggregate;
  const [orgs, grouped] = await Promise.all([
    db.collection<OrgDoc>('orgs').where({ path: scope._id }).orderBy('_id', 'asc').limit(MAX_UNITS).get(),
    // orgPath holds the unit itself and its ancestors: one match finds the whole subtree's answers.
    answers()
      .aggregate()
      .match({ orgPath: scope._id, period })
      .project({ orgId: 1, knowsAdvisor: 1, knowsService: 1, firstChoice: 1 })
      .group({ _id: { orgId: '$orgId', knowsAdvisor: '$knowsAdvisor', knowsService: '$knowsService', firstChoice: '$firstChoice' }, count: $.sum(1) })
      .limit(ROWS)
      .end(),
  ]);
  if (grouped.list.length >= ROWS) throw refuse('PAYLOAD_TOO_LARGE', 'too_many_rows', '问卷数据太多，请选下级单位');
  const rows: AwarenessCount[] = (grouped.list as unknown as Array<{ _id: Omit<AwarenessCount, 'count'>; count: number }>).map(({ _id, count }) => ({ ..._id, count }));
  const units = [scope, ...orgs.data].map((o) => ({ id: o._id, name: o.name, parentId: o.parentId, path: o.path, tier: o.tier }));
  return { orgId: scope._id, name: scope.name, period, ...foldAwareness({ id: scope._id }, units, rows) };
};
