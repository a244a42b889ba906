import type { PriorityGroup } from '../case/categories';
import { DEFAULT_SETTINGS, type LegalAidSettings } from './rules';
import { evaluateSelfCheck, nextQuestion, type QuestionId, type SelfCheckAnswers } from './self-check';
import { assessHousehold, sampledForVerification } from './hardship';
import { decisionForm, householdForm, noticeForm, promiseForm } from './forms';

const S = DEFAULT_SETTINGS;

/** Walks the self-check answering from `pick` until it ends; returns the ids asked, in order. */
function walk(pick: Partial<Record<QuestionId, unknown>>, settings: LegalAidSettings = S): { asked: QuestionId[]; answers: SelfCheckAnswers } {
  const answers: Record<string, unknown> = {};
  const asked: QuestionId[] = [];
  for (let q = nextQuestion(answers, settings); q; q = nextQuestion(answers, settings)) {
    asked.push(q.id);
    if (!(q.id in pick)) throw new Error(`asked ${q.id} without an answer`);
    answers[q.id] = pick[q.id];
  }
  return { asked, answers: answers as SelfCheckAnswers };
}

describe('self-check (自助预检)', () => {
  it('a migrant worker owed pay: exempt with proof (Art 42), never asked about income', () => {
    const { asked, answers } = walk({ local: true, matter: 'labour', noTestGround: 'none', ageBand: 'adult', groups: ['migrantWorker'], inHospital: false, exemption: 'migrantWorker' });
    expect(asked).not.toContain('underStandard');
    const r = evaluateSelfCheck(answers, S);
    expect(r).toMatchObject({ outcome: 'likely', route: 'exempt', exemption: 'migrantWorker', greenChannel: true, homeVisit: false });
    expect(r.bring.join()).toContain('工资条');
  });

  it('the migrant-worker exemption holds only for pay or work injury', () => {
    const { asked, answers } = walk({ local: true, matter: 'support', noTestGround: 'none', ageBand: 'adult', groups: ['migrantWorker'], inHospital: false, exemption: 'migrantWorker', underStandard: true });
    expect(asked).toContain('underStandard');
    expect(evaluateSelfCheck(answers, S).route).toBe('promise');
  });

  it('a domestic-violence victim is never asked about income or exemptions (Art 32)', () => {
    const { asked, answers } = walk({ local: true, matter: 'support', noTestGround: 'abuseVictim', ageBand: 'adult', groups: ['women'], inHospital: false });
    expect(asked).toEqual(['local', 'matter', 'noTestGround', 'ageBand', 'groups', 'inHospital']);
    expect(evaluateSelfCheck(answers, S)).toMatchObject({ outcome: 'likely', route: 'noTest' });
  });

  it('a 72-year-old is offered a home visit and the green channel', () => {
    const { answers } = walk({ local: true, matter: 'support', noTestGround: 'none', ageBand: 'elder70', groups: [], inHospital: false, exemption: 'noFixedIncome' });
    expect(evaluateSelfCheck(answers, S)).toMatchObject({ outcome: 'likely', route: 'exempt', homeVisit: true, greenChannel: true, priorityGroups: ['elderly'] });
  });

  it('not here: a referral (Art 38), no more questions', () => {
    const { asked, answers } = walk({ local: false });
    expect(asked).toEqual(['local']);
    expect(evaluateSelfCheck(answers, S)).toMatchObject({ outcome: 'elsewhere', route: null });
    expect(evaluateSelfCheck(answers, S).referral).toContain('12348');
  });

  it('an uncovered matter is covered for groups whose limit seed 004 lifts', () => {
    const base = { local: true, matter: 'other', noTestGround: 'none', groups: [] as PriorityGroup[], inHospital: false, exemption: 'none', underStandard: true } as const;
    expect(evaluateSelfCheck(walk({ ...base, ageBand: 'adult' }).answers, S).outcome).toBe('notCovered');
    expect(evaluateSelfCheck(walk({ ...base, ageBand: 'elder60' }).answers, S).outcome).toBe('likely');
    const narrower = { ...S, matterLimitLiftedFor: [] };
    expect(evaluateSelfCheck(walk({ ...base, ageBand: 'elder60' }, narrower).answers, narrower).outcome).toBe('notCovered');
  });

  it('above the standard: unlikely, and the question names the configured figure', () => {
    const settings = { ...S, standard: { ...S.standard, monthlyIncomePerHead: 987 } };
    const answers = { local: true, matter: 'labour', noTestGround: 'none', ageBand: 'adult', groups: [] as PriorityGroup[], inHospital: false, exemption: 'none' } as const;
    expect(nextQuestion(answers, settings)?.title).toContain('987');
    expect(evaluateSelfCheck({ ...answers, underStandard: false }, settings).outcome).toBe('unlikely');
  });
});

describe('hardship', () => {
  it('measures the household per head against the standard (Art 34)', () => {
    const members = [
      { relation: '本人', monthlyIncome: 1500, assets: 10000 },
      { relation: '配偶', monthlyIncome: 600, assets: 0 },
    ];
    expect(assessHousehold(members, S.standard)).toEqual({ members: 2, incomePerHead: 1050, assets: 10000, meetsStandard: true });
    expect(assessHousehold(members, { ...S.standard, monthlyIncomePerHead: 1000 }).meetsStandard).toBe(false);
    expect(assessHousehold([], S.standard).meetsStandard).toBe(false);
  });

  it('samples promise-route grants by the configured share, flagged ones always', () => {
    expect(sampledForVerification('promise', 0.2, 0.19, false)).toBe(true);
    expect(sampledForVerification('promise', 0.2, 0.2, false)).toBe(false);
    expect(sampledForVerification('promise', 0, 0.5, true)).toBe(true);
    expect(sampledForVerification('exempt', 1, 0, true)).toBe(false);
  });

  it('prints the three seed-004 forms', () => {
    expect(noticeForm(S).title).toBe('法律援助申请告知书');
    expect(noticeForm(S).lines.join()).toContain('三千元以下罚款');
    expect(promiseForm('李四', '2026-03-02', '王主任').lines.join()).toContain('见证人：王主任');
    expect(householdForm('李四', [{ relation: '本人', monthlyIncome: 800, assets: 0 }]).lines.join()).toContain('人均：800元');
    const at = new Date('2026-03-02T01:00:00Z');
    expect(decisionForm({ code: 'FY1', applicantName: '李四', decision: null, lawyer: null })).toBeNull();
    expect(decisionForm({ code: 'FY1', applicantName: '李四', decision: { granted: false, reasons: '不属于援助事项', at, by: '钱援助' }, lawyer: null })?.lines).toContain('理由：不属于援助事项');
    expect(decisionForm({ code: 'FY1', applicantName: '李四', decision: { granted: true, reasons: '', at, by: '钱援助' }, lawyer: { name: '周律师' } })?.lines.join()).toContain('承办律师：周律师');
  });
});
