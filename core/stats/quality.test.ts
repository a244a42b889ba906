import { foldQuality } from './quality';

describe('foldQuality', () => {
  it('computes 调解成功率, 回访完成率 and 差评整改率 from plain counts', () => {
    const q = foldQuality({
      mediation: [
        { outcome: 'success', count: 6 },
        { outcome: 'failure', count: 2 },
        { outcome: null, count: 5 },
      ],
      returnVisits: [
        { kind: 'dissatisfied', status: 'done', rectified: true, count: 3 },
        { kind: 'dissatisfied', status: 'done', rectified: false, count: 1 },
        { kind: 'dissatisfied', status: 'open', rectified: null, count: 2 },
        { kind: 'sample', status: 'done', rectified: null, count: 4 },
      ],
    });
    expect(q).toEqual({
      mediationRecorded: 8,
      mediationSucceeded: 6,
      mediationSuccessRate: 0.75,
      returnVisits: 10,
      returnVisitsDone: 8,
      returnVisitsDoneRate: 0.8,
      dissatisfiedVisited: 4,
      rectified: 3,
      rectifiedRate: 0.75,
      sampled: 4,
    });
  });

  it('answers null rates when nothing was recorded', () => {
    expect(foldQuality({ mediation: [], returnVisits: [] })).toMatchObject({ mediationSuccessRate: null, returnVisitsDoneRate: null, rectifiedRate: null });
  });
});
