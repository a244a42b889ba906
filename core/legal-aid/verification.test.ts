import { DEFAULT_SETTINGS } from './rules';
import type { ConsentRecord } from '../privacy/consent';
import { judgeSources, verificationWithdrawn, type SourceAnswer } from './verification';

const standard = DEFAULT_SETTINGS.standard; // 1,200 yuan a head a month, 50,000 yuan of assets
const nothing: SourceAnswer[] = [
  { source: 'civilAffairs', answered: true, facts: { lowIncomeList: false } },
  { source: 'humanResources', answered: true, facts: { monthlyIncome: 0 } },
  { source: 'realEstate', answered: true, facts: { extraProperties: 0, propertyValue: 0 } },
  { source: 'vehicles', answered: true, facts: { vehicles: 0, vehicleValue: 0 } },
];
const replace = (a: SourceAnswer) => nothing.map((n) => (n.source === a.source ? a : n));

describe('先审批、后核查 by data sharing', () => {
  it('a household on the 低保 list with nothing else held: consistent', () => {
    const judged = judgeSources(replace({ source: 'civilAffairs', answered: true, facts: { lowIncomeList: true } }), 2, standard);
    expect(judged).toMatchObject({ outcome: 'consistent', manualReason: null });
    expect(judged.findings[0]?.text).toBe('在低保、特困名单内');
  });

  it('a car, a second flat or a wage over the standard: the promise was false', () => {
    expect(judgeSources(replace({ source: 'vehicles', answered: true, facts: { vehicles: 1, vehicleValue: 150000 } }), 2, standard).outcome).toBe('inconsistent');
    expect(judgeSources(replace({ source: 'realEstate', answered: true, facts: { extraProperties: 1, propertyValue: 300000 } }), 3, standard).outcome).toBe('inconsistent');
    // 3,000 a month for a household of two is 1,500 a head: over 1,200; for four it is 750, within.
    expect(judgeSources(replace({ source: 'humanResources', answered: true, facts: { monthlyIncome: 3000 } }), 2, standard).outcome).toBe('inconsistent');
    expect(judgeSources(replace({ source: 'humanResources', answered: true, facts: { monthlyIncome: 3000 } }), 4, standard).outcome).toBe('consistent');
  });

  it('assets spread over registers count together', () => {
    const answers = replace({ source: 'realEstate', answered: true, facts: { extraProperties: 1, propertyValue: 30000 } }).map((n): SourceAnswer =>
      n.source === 'vehicles' ? { source: 'vehicles', answered: true, facts: { vehicles: 1, vehicleValue: 30000 } } : n,
    );
    expect(judgeSources(answers, 2, standard).outcome).toBe('inconsistent');
  });

  it('a register that does not answer leaves the task to a person, naming it; unless another already shows the promise false', () => {
    const down = replace({ source: 'vehicles', answered: false, reason: '数据源暂不可用' });
    expect(judgeSources(down, 2, standard)).toMatchObject({ outcome: 'manual', manualReason: '车辆登记没有答复，请人工核查' });
    const downButFlat = down.map((n): SourceAnswer => (n.source === 'realEstate' ? { ...n, answered: true, facts: { extraProperties: 2, propertyValue: 900000 } } : n));
    expect(judgeSources(downButFlat, 2, standard).outcome).toBe('inconsistent');
  });

  it('the verification consent: the latest answer about this application, or about all, decides whether the registers may be asked', () => {
    const answer = (given: boolean, minute: number, ref: string | null = 'c1'): ConsentRecord => ({
      openid: 'u',
      purpose: 'legal_aid_verification',
      version: 'v',
      given,
      at: new Date(Date.UTC(2026, 2, 2, 1, minute)),
      minor: null,
      guardianRelation: null,
      ref,
    });
    expect(verificationWithdrawn([], 'c1')).toBe(false);
    expect(verificationWithdrawn([answer(true, 0)], 'c1')).toBe(false);
    expect(verificationWithdrawn([answer(false, 5), answer(true, 0)], 'c1')).toBe(true);
    expect(verificationWithdrawn([answer(true, 0), answer(false, 5, 'c2')], 'c1')).toBe(false);
    expect(verificationWithdrawn([answer(true, 0), answer(false, 5, null)], 'c1')).toBe(true);
  });
});
