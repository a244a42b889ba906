import { noticeForm, refuse, type legalAidContracts } from '@core';
import { db, getOrNull } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { loadOrgs } from '../_runtime/orgs';
import { loadSettings } from './store';

type Contracts = typeof legalAidContracts;

/** The self-check's settings and the 告知书: public, nothing about who holds which post. */
export const rules: Handler<Contracts['rules']> = async () => {
  const { aidPosts: _a, bureauPosts: _b, bureauOrgId: _u, ...settings } = await loadSettings();
  return { settings, notice: noticeForm(settings) };
};

/** Who may hold a post: active members working as staff, supervisor or admin (a county has tens). */
const CANDIDATES_READ = 300;

export const settings: Handler<Contracts['settings']> = async () => {
  const [saved, { data }, orgs] = await Promise.all([
    loadSettings(),
    db.collection<{ _id: string; displayName: string; roles: string[] }>('members').where({ active: true }).limit(CANDIDATES_READ).get(),
    db.collection<UnitDoc>('orgs').where({ active: true, services: 'complaint' }).limit(UNITS_READ).get(),
  ]);
  const { coveredMatters, matterLimitLiftedFor, standard, verificationShare, countyName, aidPosts, bureauPosts, bureauOrgId } = saved;
  const editable = { coveredMatters, matterLimitLiftedFor, standard, verificationShare, countyName, aidPosts, bureauPosts, bureauOrgId: bureauOrgId ?? null };
  const candidates = data.filter((m) => m.roles.some((r) => r === 'staff' || r === 'supervisor' || r === 'admin')).map((m) => ({ openid: m._id, name: m.displayName }));
  // The center first: it is where complaints go while no 司法局 unit is named.
  const units = [...orgs.data].sort((a, b) => Number(b.tier === 'center') - Number(a.tier === 'center')).map((u) => ({ id: u._id, name: u.name }));
  return { settings: editable, candidates, units };
};

export const saveSettings: Handler<Contracts['saveSettings']> = async (input, ctx) => {
  const at = ctx.now();
  if (input.bureauOrgId) {
    const [unit] = await loadOrgs([input.bureauOrgId]);
    if (!unit?.active) throw refuse('NOT_FOUND', 'unit_not_found', '所选司法局单位不存在');
  }
  await db.collection('legal_aid_settings').doc('current').set({ data: { ...input, savedAt: at } });
  return { savedAt: at.toISOString() };
};

/** A county has a few hundred village rooms and tens of stations: one read. */
const UNITS_READ = 1000;

interface UnitDoc {
  _id: string;
  name: string;
  tier: 'center' | 'station' | 'room';
  parentId: string | null;
  services?: string[];
}

/**
 * The stations that take legal-aid applications, each followed by its villages: a resident picks
 * where they live, a worker at the window their own station; the agency itself is the page's
 * first choice. A station offering no legal aid is left out with its villages.
 */
export function unitTree(units: readonly UnitDoc[]): Array<{ id: string; name: string; tier: 'station' | 'room' }> {
  const stations = units.filter((u) => u.tier === 'station' && (u.services ?? ['legalAid']).includes('legalAid'));
  return stations.flatMap((st) => [
    { id: st._id, name: st.name, tier: 'station' as const },
    ...units.filter((u) => u.tier === 'room' && u.parentId === st._id).map((u) => ({ id: u._id, name: u.name, tier: 'room' as const })),
  ]);
}

interface DraftDoc {
  _id: string;
  step: number;
  draft: unknown;
  savedAt: Date;
}

/** The draft, by person: saved at every step so another device resumes exactly there. */
export const saveDraft: Handler<Contracts['saveDraft']> = async (input, ctx) => {
  const at = ctx.now();
  await db.collection('legal_aid_drafts').doc(ctx.actor.openid).set({ data: { step: input.step, draft: input.draft, savedAt: at } });
  return { step: input.step, savedAt: at.toISOString() };
};

export const draft: Handler<Contracts['draft']> = async (_input, ctx) => {
  const [doc, settings, orgs] = await Promise.all([
    getOrNull<DraftDoc>(db.collection<DraftDoc>('legal_aid_drafts').doc(ctx.actor.openid)),
    loadSettings(),
    db.collection<UnitDoc>('orgs').where({ active: true }).limit(UNITS_READ).get(),
  ]);
  return {
    draft: doc ? { step: doc.step, draft: doc.draft, savedAt: new Date(doc.savedAt).toISOString() } : null,
    notice: noticeForm(settings),
    standard: settings.standard,
    units: unitTree(orgs.data),
  };
};
