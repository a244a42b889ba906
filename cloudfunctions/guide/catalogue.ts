import { DEFAULT_GUIDE, toGuideEntry, type CaseCategory, type GuideEntry, type GuideEntryInput } from '@core';
import { _, db } from '../_runtime/cloud';

export type GuideDoc = GuideEntryInput & { _id: string; updatedAt: Date; updatedBy: string };

function inputOf(doc: GuideDoc): GuideEntryInput {
  const { _id, updatedAt: _at, updatedBy: _by, ...input } = doc;
  return input;
}

/**
 * The catalogue as it stands: each service's edited entry, or the built-in default where the
 * center has edited none (a new county starts with the default and needs no seeding to be complete).
 */
export async function loadCatalogue(services?: readonly CaseCategory[]): Promise<{ inputs: GuideEntryInput[]; entries: GuideEntry[] }> {
  const wanted = services ?? DEFAULT_GUIDE.map((e) => e.service);
  const { data } = wanted.length ? await db.collection<GuideDoc>('guide_entries').where({ _id: _.in([...wanted]) }).limit(wanted.length).get() : { data: [] };
  const stored = new Map(data.map((d) => [d._id, d]));
  const inputs: GuideEntryInput[] = [];
  const entries: GuideEntry[] = [];
  for (const service of wanted) {
    const doc = stored.get(service);
    const fallback = DEFAULT_GUIDE.find((e) => e.service === service);
    const input = doc ? inputOf(doc) : fallback;
    if (!input) continue;
    inputs.push(input);
    entries.push(toGuideEntry(input, doc ? { at: new Date(doc.updatedAt), by: doc.updatedBy } : null));
  }
  return { inputs, entries };
}
