import { db, getOrNull } from '../_runtime/cloud';
import { loadSettings, type AidDoc } from './store';

/**
 * 投诉 about a legal-aid case (Art 56: 受援人 … 可以向司法行政部门投诉): it goes to the 司法局, not to
 * the agency complained of. The unit is the one the settings name for the 司法局 (`bureauOrgId`;
 * the county center, whose supervisors answer for the bureau, when none is named), and the
 * agency's own people — the legal-aid post and the assigned lawyer — are the complained parties,
 * kept off it by core like any complained handler. The 司法局's own posts stay free to handle it.
 */
export async function aidComplaintRoute(caseId: string): Promise<{ unitId: string | null; parties: string[] }> {
  const [settings, doc] = await Promise.all([loadSettings(), getOrNull<AidDoc>(db.collection<AidDoc>('legal_aid').doc(caseId))]);
  const agency = [...settings.aidPosts, ...(doc?.lawyer?.openid ? [doc.lawyer.openid] : [])];
  return { unitId: settings.bureauOrgId ?? null, parties: [...new Set(agency.filter((id) => !settings.bureauPosts.includes(id)))] };
}
