import { refusal } from '../case/testing';
import { awarenessDoc, awarenessPeriod, foldAwareness, type AwarenessCount } from './awareness';
import { drawSample } from './sample';

describe('the 知晓率/首选率 questionnaire', () => {
  it('counts one answer per quarter, in Beijing time', () => {
    expect(awarenessPeriod(new Date('2026-03-31T15:59:59Z'))).toBe('2026Q1');
    expect(awarenessPeriod(new Date('2026-03-31T16:00:00Z'))).toBe('2026Q2');
    expect(awarenessPeriod(new Date('2026-12-31T10:00:00Z'))).toBe('2026Q4');
  });

  it('refuses a second answer in the quarter, and keeps the unit with its ancestors', () => {
    const answer = { knowsAdvisor: true, knowsService: false, firstChoice: 'advisor' } as const;
    expect(awarenessDoc('k', '2026Q2', { id: 'v', path: ['c', 's'] }, answer, false)).toEqual({ _id: 'k', period: '2026Q2', orgId: 'v', orgPath: ['c', 's', 'v'], ...answer });
    expect(() => awarenessDoc('k', '2026Q2', { id: 'v', path: [] }, answer, true)).toThrow(expect.objectContaining(refusal('CONFLICT', 'already_answered')));
  });

  it('folds counts into 知晓率 and 首选率 for the unit and each child', () => {
    const units = [
      { id: 's', name: '站', parentId: 'c', path: ['c'] },
      { id: 'v1', name: '一村', parentId: 's', path: ['c', 's'] },
      { id: 'v2', name: '二村', parentId: 's', path: ['c', 's'] },
    ];
    const rows: AwarenessCount[] = [
      { orgId: 'v1', knowsAdvisor: true, knowsService: true, firstChoice: 'advisor', count: 3 },
      { orgId: 'v1', knowsAdvisor: false, knowsService: false, firstChoice: 'family', count: 1 },
      { orgId: 's', knowsAdvisor: false, knowsService: true, firstChoice: 'hotline', count: 1 },
    ];
    const f = foldAwareness({ id: 's' }, units, rows);
    expect(f).toMatchObject({ respondents: 5, knowsAdvisor: 3, knowsService: 4, aware: 4, firstPublic: 4, awarenessRate: 0.8, advisorAwarenessRate: 0.6, firstChoiceRate: 0.8 });
    expect(f.units).toMatchObject([
      { orgId: 'v1', respondents: 4, aware: 3, firstPublic: 3, awarenessRate: 0.75 },
      { orgId: 'v2', respondents: 0, awarenessRate: null, firstChoiceRate: null },
    ]);
  });
});

describe('the third-party sample draw', () => {
  it('draws the size asked without repeats, all when fewer', () => {
    const ids = Array.from({ length: 20 }, (_x, i) => `c${i}`);
    const drawn = drawSample(ids, 5, () => 0.5);
    expect(new Set(drawn).size).toBe(5);
    expect(drawn.every((d) => ids.includes(d))).toBe(true);
    expect(drawSample(ids.slice(0, 3), 10).sort()).toEqual(['c0', 'c1', 'c2']);
    expect(drawSample(ids, 0)).toEqual([]);
  });

  it('gives every case the same chance', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const hits = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const d of drawSample(['a', 'b', 'c', 'd'], 1, random)) hits.set(d, (hits.get(d) ?? 0) + 1);
    for (const n of hits.values()) expect(n).toBeGreaterThan(850);
  });
});
