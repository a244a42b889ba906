import { type AidOutcomeCount, CONVERTING_STATUSES, dayEnd, dayStart, FORMAL_CATEGORIES, foldServices, GUIDANCE_CATEGORIES, STATS_DAY_MS, type DayKey, type QualityInput, type Services } from '@core';
import { _, db, type Doc } from '../_runtime/cloud';
import type { ActionContext } from '../_runtime/function';
import type { OrgDoc } from '../_runtime/orgs';
import { inUnit, scopeUnit } from './board';

/** As for the board: a cut answer would be a wrong figure, so the rows asked for are far above what a county makes. */
const ROWS = 10000;
const MAX_UNITS = 1000;

type Row = Doc & { count: number };

const rows = async (pipeline: { limit(n: number): { end(): Promise<{ list: Doc[] }> } }) => (await pipeline.limit(ROWS).end()).list as Row[];

/**
 * 指引服务转化率, the median handling days, legal aid, bookings and group questions for the unit
 * and those under it (and the mediation outcomes 调解成功率 needs, and the legal-aid records' ratings
 * of the lawyer's work that 评价率 and 满意率 count): five grouped aggregates, each
 * counting by plain fields or whole-day (hour) bins. Answers the fold, to be given the board's own
 * count of 咨询 received (the aggregates run beside the board's, not after it).
 */
export async function statsServices(
  ctx: ActionContext,
  input: { from: DayKey; to: DayKey; orgId?: string },
): Promise<{ mediation: QualityInput['mediation']; aid: AidOutcomeCount[]; fold: (guidance: number) => Services }> {
  const scope = await scopeUnit(ctx, input.orgId);
  const period = _.gte(dayStart(input.from)).and(_.lte(dayEnd(input.to)));
  const $ = _.aggregate;
  const counted = { count: $.sum(1) };
  const inScope = (more: object) => inUnit(scope, more);
  const cases = () => db.collection('cases').aggregate();
  const below = await db.collection<OrgDoc>('orgs').where({ path: scope._id }).limit(MAX_UNITS).get();
  const units = [scope._id, ...below.data.map((o) => o._id)];
  const [converted, handling, legalAid, bookings, questions] = await Promise.all([
    // The follow-on names the earlier case's unit and receipt: the earlier case's period counts it.
    // Core's lists say which follow-ons convert; the database answers how many 咨询 they name.
    rows(
      cases()
        .match({
          'followOf.units': scope._id,
          'followOf.receivedAt': period,
          'followOf.category': _.in([...GUIDANCE_CATEGORIES]),
          category: _.in([...FORMAL_CATEGORIES]),
          status: _.in([...CONVERTING_STATUSES]),
        })
        .project({ guidanceId: '$followOf.caseId' })
        .group({ _id: '$guidanceId' })
        .group({ _id: null, ...counted }),
    ),
    // One pass over the period's cases for two plain fields: the whole days to 办结 (kept at 办结)
    // and a mediation's outcome (统计's 调解成功率), the board's cheap shape ($project → $group).
    rows(cases().match(inScope({ receivedAt: period })).project({ days: '$handlingDays', outcome: '$mediation.outcome' }).group({ _id: { days: '$days', outcome: '$outcome' }, ...counted })),
    // A county decides hundreds of applications a year: computing each one's days here is cheap.
    rows(
      db
        .collection('legal_aid')
        .aggregate()
        .match(inScope({ receivedAt: period }))
        // Its unit, status, lawyer and the 受援人's rating too: 评价率 and 满意率 count legal aid by the lawyer's work.
        .project({
          orgId: 1,
          status: 1,
          lawyer: '$lawyer.name',
          rating: '$rating.satisfaction',
          granted: '$decision.granted',
          verification: '$verification.result',
          days: $.floor($.divide([$.subtract(['$decision.at', '$receivedAt']), STATS_DAY_MS])),
        })
        .group({
          _id: { orgId: '$orgId', status: '$status', lawyer: '$lawyer', rating: '$rating', granted: '$granted', verification: '$verification', days: '$days' },
          ...counted,
        }),
    ),
    rows(
      db
        .collection('bookings')
        .aggregate()
        .match({ orgId: _.in(units), day: _.gte(input.from).and(_.lte(input.to)) })
        .project({ status: 1 })
        .group({ _id: '$status', ...counted }),
    ),
    // Questions live in village groups; one held for review is not asked yet.
    rows(
      db
        .collection('group_messages')
        .aggregate()
        .match({ orgId: _.in(units), kind: 'question', moderation: 'visible', createdAt: period })
        .project({ hours: $.floor($.divide(['$answerSeconds', 3600])) })
        .group({ _id: '$hours', ...counted }),
    ),
  ]);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  type Keyed<K> = { _id: K; count: number };
  const passed = handling as unknown as Array<Keyed<{ days?: number | null; outcome?: string | null }>>;
  type AidKey = { orgId: string; status: string; lawyer?: string | null; rating?: number | null; granted?: boolean | null; verification?: string | null; days?: number | null };
  const aidRows = legalAid as unknown as Array<Keyed<AidKey>>;
  return {
    mediation: passed.filter((p) => p._id.outcome != null).map((p) => ({ outcome: p._id.outcome ?? null, count: p.count })),
    aid: aidRows.map(({ _id, count }) => ({
      orgId: _id.orgId,
      decided: typeof _id.granted === 'boolean',
      status: _id.status,
      lawyered: typeof _id.lawyer === 'string' && _id.lawyer !== '',
      satisfaction: num(_id.rating),
      count,
    })),
    fold: (guidance) =>
      foldServices({
        guidance,
        converted: converted[0]?.count ?? 0,
        handling: passed.map((h) => ({ days: num(h._id.days), count: h.count })),
        legalAid: aidRows.map(({ _id, count }) => ({
          granted: typeof _id.granted === 'boolean' ? _id.granted : null,
          verification: _id.verification ?? null,
          days: num(_id.days),
          count,
        })),
        bookings: bookings.map((b) => ({ status: String(b._id), count: b.count })),
        questions: questions.map((q) => ({ hours: num(q._id), count: q.count })),
      }),
  };
}
