import {
  addDays,
  arrangePlaces,
  daysBetween,
  dayEnd,
  dayStart,
  guideContracts,
  inNetwork,
  providerPlace,
  rankMissing,
  refuse,
  shanghaiDay,
  toGuideEntry,
  unitPlace,
  type Place,
  type Provider,
  type ProviderInput,
} from '@core';
import { audit } from '../_runtime/audit';
import { _, db } from '../_runtime/cloud';
import { defineFunction, type ActionContext } from '../_runtime/function';
import { loadOrgs, toOrg, type OrgDoc } from '../_runtime/orgs';
import { loadCatalogue } from './catalogue';

/** A county has a center, a dozen or two stations, a few hundred rooms and a few hundred providers. */
const MAX_UNITS = 500;
const MAX_PROVIDERS = 1000;
/** The tally shows the items asked for most; the rest are a long tail nobody acts on. */
const TALLY_ROWS = 30;
const TALLY_DEFAULT_DAYS = 90;
const PAGE = 1000;
const MAX_PAGES = 20;

type ProviderDoc = Omit<ProviderInput, 'id'> & { _id: string; updatedAt: Date; updatedBy: string };

function toProvider(doc: ProviderDoc): Provider {
  const { _id, updatedAt, updatedBy: _by, ...rest } = doc;
  return { ...rest, id: _id, updatedAt: new Date(updatedAt).toISOString() };
}

/** The catalogue and directory are the county's: only the center's own staff (or an admin) edit them. */
async function assertCenterEditor(ctx: ActionContext): Promise<void> {
  if (ctx.actor.roles.includes('admin')) return;
  const units = ctx.actor.grants.filter((g) => g.role === 'staff' || g.role === 'supervisor').map((g) => g.orgId);
  if (!(await loadOrgs(units)).some((o) => o.tier === 'center')) {
    throw refuse('FORBIDDEN', 'not_center_staff', '只有县公共法律服务中心的工作人员可以修改');
  }
}

export const main = defineFunction('guide', guideContracts, {
  async catalogue() {
    return { entries: (await loadCatalogue()).entries };
  },

  async entry(input) {
    const [entry] = (await loadCatalogue([input.service])).entries;
    if (!entry) throw refuse('INTERNAL', 'no_default_entry');
    return entry;
  },

  async saveEntry(input, ctx) {
    await assertCenterEditor(ctx);
    const now = ctx.now();
    const [before] = (await loadCatalogue([input.service])).inputs;
    await db.collection('guide_entries').doc(input.service).set({ data: { ...input, updatedAt: now, updatedBy: ctx.actor.displayName ?? ctx.actor.openid } });
    await audit(ctx, 'guide.saveEntry', input.service, {
      materialsBefore: before?.materials.map((m) => m.id) ?? [],
      materialsAfter: input.materials.map((m) => m.id),
      timeLimit: input.timeLimit,
    });
    return toGuideEntry(input, { at: now, by: ctx.actor.displayName ?? ctx.actor.openid });
  },

  async places(input) {
    const [orgs, providers] = await Promise.all([
      // The network's units only: the 司法局 (tier bureau) is no place of 服务地图.
      input.type === 'provider' ? [] : db.collection<OrgDoc>('orgs').where({ active: true }).limit(MAX_UNITS).get().then((r) => r.data.map(toOrg).filter(inNetwork)),
      input.type === 'unit'
        ? []
        : db
            .collection<ProviderDoc>('providers')
            .where({ active: true, ...(input.stationId && { stationId: input.stationId }) })
            .limit(MAX_PROVIDERS)
            .get()
            .then((r) => r.data.map(toProvider)),
    ]);
    const townships = orgs
      .filter((o) => o.tier === 'station')
      .map((o) => ({ id: o.id, name: o.name.replace(/公共法律服务工作站$/, '') }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const places: Place[] = [
      ...orgs.filter((o) => !input.service || (o.services as readonly string[]).includes(input.service)).map(unitPlace),
      ...providers.filter((p) => !input.service || p.services.includes(input.service)).map(providerPlace),
    ].filter((p) => !input.stationId || p.stationId === input.stationId);
    return { places: arrangePlaces(places, input.near ?? null), townships };
  },

  async provider(input) {
    const { data } = await db.collection<ProviderDoc>('providers').where({ _id: input.id }).limit(1).get();
    const doc = data[0];
    if (!doc?.active) throw refuse('NOT_FOUND', 'provider_not_found', '没有这个服务机构');
    return toProvider(doc);
  },

  async providers(input) {
    // A county's few hundred providers in one read; the kind is picked here rather than by an index.
    const { data } = await db.collection<ProviderDoc>('providers').limit(MAX_PROVIDERS).get();
    return { providers: data.map(toProvider).filter((p) => !input.kind || p.kind === input.kind).sort((a, b) => a.id.localeCompare(b.id)) };
  },

  async saveProvider(input, ctx) {
    await assertCenterEditor(ctx);
    if (input.stationId) {
      const [station] = await loadOrgs([input.stationId]);
      if (station?.tier !== 'station') throw refuse('VALIDATION_FAILED', 'unknown_station', '所属乡镇不对');
    }
    const now = ctx.now();
    const { id, ...rest } = input;
    await db.collection('providers').doc(id).set({ data: { ...rest, updatedAt: now, updatedBy: ctx.actor.displayName ?? ctx.actor.openid } });
    await audit(ctx, 'guide.saveProvider', id, { kind: input.kind, active: input.active, licence: input.licence });
    return { ...input, updatedAt: now.toISOString() };
  },

  async missingTally(input, ctx) {
    const to = input.to ?? shanghaiDay(ctx.now());
    const from = input.from ?? addDays(to, -(TALLY_DEFAULT_DAYS - 1));
    if (from > to || daysBetween(from, to) > 366) throw refuse('VALIDATION_FAILED', 'bad_period', '时间段不对：开始日期要早于结束日期，最长一年');
    const match = { at: _.gte(dayStart(from)).and(_.lte(dayEnd(to))), type: 'materialsRequested' };
    // Only the refs are read (no names, no case): a year of a county's notices is a few thousand.
    const counts = new Map<string, number>();
    let notices = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { data } = await db
        .collection<{ data: { explained?: Array<{ ref: string }> } }>('case_events')
        .where(match)
        .field({ 'data.explained.ref': true })
        .orderBy('at', 'asc')
        .skip(page * PAGE)
        .limit(PAGE)
        .get();
      notices += data.length;
      for (const e of data) for (const m of e.data?.explained ?? []) counts.set(m.ref, (counts.get(m.ref) ?? 0) + 1);
      if (data.length < PAGE) break;
    }
    const { inputs } = await loadCatalogue();
    return { from, to, notices, items: rankMissing([...counts].map(([ref, count]) => ({ ref, count })), inputs).slice(0, TALLY_ROWS) };
  },
});
