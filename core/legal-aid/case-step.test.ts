import { caseStepFor } from './case-step';

const decided = (granted: boolean) => ({ status: granted ? ('granted' as const) : ('refused' as const), decision: { granted, reasons: granted ? '' : '已判决执行完毕', at: new Date(0), by: 'aid', provisional: false } });

describe('what the case records of its legal-aid record', () => {
  it('records the post’s grant or refusal as the case’s 办结, with the reasons of a refusal', () => {
    expect(caseStepFor(decided(true), 'grant')).toMatchObject({ type: 'recordAidDecision', granted: true });
    expect(caseStepFor(decided(false), 'refuse')).toEqual({ type: 'recordAidDecision', granted: false, result: '决定不予法律援助：已判决执行完毕' });
    // A decision whose first recording was lost is recorded at dispatch.
    expect(caseStepFor({ ...decided(true), status: 'dispatched' }, 'dispatch')).toMatchObject({ type: 'recordAidDecision', granted: true });
  });

  it('withdraws the case with the record, saying whether the applicant withdrew or the materials came too late', () => {
    expect(caseStepFor({ status: 'withdrawn', decision: null }, 'withdraw')).toEqual({ type: 'withdraw', reason: '申请人撤回法律援助申请' });
    expect(caseStepFor({ status: 'withdrawn', decision: null }, 'expireMaterials')).toEqual({ type: 'withdraw', reason: '逾期未补齐材料，法律援助申请视为撤回' });
  });

  it('records nothing before a decision, or after the lawyer’s own steps', () => {
    expect(caseStepFor({ status: 'underReview', decision: null }, 'forward')).toBeNull();
    expect(caseStepFor({ status: 'awaitingMaterials', decision: null }, 'requestMaterials')).toBeNull();
    expect(caseStepFor({ ...decided(true), status: 'dispatched' }, 'reportProgress')).toBeNull();
  });
});
