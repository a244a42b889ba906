import { CASE_CATEGORIES } from '../case/categories';
import { catalogueFindings, guideEntryInputSchema } from './catalogue';
import { DEFAULT_GUIDE } from './defaults';
import { arrangePlaces, type Place } from './directory';
import { explainMaterials, rankMissing, servicesOf } from './notice';

describe('the default catalogue', () => {
  it('has an entry for every service, each with a material and a cited time limit', () => {
    expect(DEFAULT_GUIDE.map((e) => e.service).sort()).toEqual([...CASE_CATEGORIES].sort());
    expect(catalogueFindings(DEFAULT_GUIDE)).toEqual([]);
  });

  it('passes the contract a staff edit is held to', () => {
    for (const entry of DEFAULT_GUIDE) expect(guideEntryInputSchema.safeParse(entry).success).toBe(true);
  });

  it('fails for a service with no entry, no material or no source', () => {
    const without = DEFAULT_GUIDE.filter((e) => e.service !== 'notary');
    const noMaterial = DEFAULT_GUIDE.map((e) => (e.service === 'mediation' ? { ...e, materials: [] } : e));
    const uncited = DEFAULT_GUIDE.map((e) => (e.service === 'complaint' ? { ...e, timeLimit: { text: '5个工作日内答复', source: '规定' } } : e));
    expect(catalogueFindings(without)).toEqual(['notary: no entry']);
    expect(catalogueFindings(noMaterial)).toEqual(['mediation: no material']);
    expect(catalogueFindings(uncited)).toEqual(['complaint: time limit without a cited source']);
  });

  it('marks what 告知承诺 and data sharing remove', () => {
    const legalAid = DEFAULT_GUIDE.find((e) => e.service === 'legalAid');
    expect(legalAid?.materials.filter((m) => m.removedBy).map((m) => [m.id, m.removedBy])).toEqual([
      ['hardshipProof', 'promise'],
      ['assistanceCard', 'dataSharing'],
    ]);
  });
});

describe('一次性告知 from the catalogue', () => {
  it('explains exactly the ticked items, in the order ticked', () => {
    const notice = explainMaterials(['notary.kinshipProof', 'notary.idCard', 'notary.kinshipProof'], DEFAULT_GUIDE);
    expect(notice.map((m) => m.name)).toEqual(['亲属关系证明', '身份证']);
    expect(notice[0]).toEqual({ ref: 'notary.kinshipProof', name: '亲属关系证明', why: expect.stringContaining('继承'), replaceWith: expect.stringContaining('承诺书') });
    expect(servicesOf(['notary.idCard', 'legalAid.idCard', 'bogus.x1'])).toEqual(['notary', 'legalAid']);
  });

  it('refuses an item the catalogue does not have', () => {
    expect(() => explainMaterials(['notary.passportPhoto'], DEFAULT_GUIDE)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { reason: 'unknown_material', ref: 'notary.passportPhoto' } }));
  });

  it('ranks the most often missing items by name', () => {
    expect(rankMissing([{ ref: 'notary.idCard', count: 2 }, { ref: 'legalAid.hardshipProof', count: 5 }], DEFAULT_GUIDE)).toEqual([
      { ref: 'legalAid.hardshipProof', service: '法律援助', name: '经济困难证明', count: 5 },
      { ref: 'notary.idCard', service: '公证服务', name: '身份证', count: 2 },
    ]);
  });
});

describe('places on the map', () => {
  const place = (id: string, type: Place['type'], stationId: string | null, lat?: number): Place => ({
    type, id, name: id, kindLabel: '', address: '', phone: '', hours: '', services: [], stationId, distanceKm: null,
    location: lat === undefined ? null : { lat, lng: 112.33 },
  });
  const places = [place('qs-dongpo', 'unit', 'qs-station', 28.5), place('lh-station', 'unit', 'lh-station', 28.3), place('qs-station', 'unit', 'qs-station', 28.46), place('qh-center', 'unit', null, 28.45), place('notary', 'provider', 'qs-station')];

  it('lists by township with no location: the center, then each station before its rooms and providers', () => {
    expect(arrangePlaces(places).map((p) => p.id)).toEqual(['qh-center', 'lh-station', 'qs-station', 'qs-dongpo', 'notary']);
  });

  it('puts the nearest first when the resident shares where they are, places with no position last', () => {
    const near = arrangePlaces(places, { lat: 28.451, lng: 112.33 });
    expect(near.map((p) => p.id)).toEqual(['qh-center', 'qs-station', 'qs-dongpo', 'lh-station', 'notary']);
    expect(near[0]?.distanceKm).toBe(0.1);
    expect(near[4]?.distanceKm).toBeNull();
  });
});
