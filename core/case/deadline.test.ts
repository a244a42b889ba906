import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkCalendar } from '../calendar/calendar';
import { shanghaiDay } from '../clock';
import { CATEGORY_INFO, commitmentOf, OUTSIDE_BODIES, parseCountyCommitments, RESIDENT_WINDOWS } from './categories';
import { caseDueAt, caseWindow, closedInTime, outsideExpectedBy, referralStepText, timeLimitTables } from './deadline';
import { decide, execute, intake, replay } from './machine';
import { ctx, intakeInput, refusal, type Who } from './testing';
import type { CaseCommand, CaseState } from './types';
import { toSummary, type StoredCase } from './views';

const calendar = createWorkCalendar();
const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);

function run(state: CaseState, steps: Array<[Who, CaseCommand, string]>): CaseState {
  return steps.reduce((s, [who, command, when]) => execute(s, command, ctx(who, bj(when))).state, state);
}

const notary = () => replay([intake(intakeInput({ code: 'GZ202603020001', category: 'notary' }), ctx('proxy', bj('2026-03-02 09:00')))]);
const signed: Array<[Who, CaseCommand, string]> = [
  ['handler', { type: 'assign', handler: { openid: 'o-handler', name: '李律师' } }, '2026-03-02 09:10'],
  ['handler', { type: 'accept' }, '2026-03-02 09:20'],
];

describe("the center's clock and the outside body's period", () => {
  it("judges a notarization by the center's referral commitment, not by the notary office's 15 working days", () => {
    expect(CATEGORY_INFO.notary.ends).toBe('referral');
    expect(OUTSIDE_BODIES.notaryOffice.period?.limit).toEqual({ amount: 15, unit: 'workingDays' });
    const referred = run(notary(), [...signed, ['handler', { type: 'refer', body: 'notaryOffice' }, '2026-03-03 10:00']]);
    expect(caseDueAt(referred, calendar)).toBeNull(); // the center's clock stopped: nothing of the office's can be overdue
    const accepted = run(referred, [['handler', { type: 'recordAcceptance', acceptedOn: '2026-03-05' }, '2026-03-05 16:00']]);
    expect(accepted.referral).toMatchObject({ body: 'notaryOffice', acceptedOn: '2026-03-05' });
    // 15 working days after Thu 03-05: Thu 03-26.
    expect(outsideExpectedBy(accepted.referral!, calendar)).toBe('2026-03-26');
    // Resolved five weeks later, past the office's period: still 按期 for the center, which referred in time.
    const resolved = run(accepted, [['handler', { type: 'resolve', result: '公证书已出具' }, '2026-04-10 10:00']]);
    expect(closedInTime(resolved, calendar)).toBe(true);
  });

  it('gives core/notify the sentence to tell the resident at each of the two steps', () => {
    const events = [
      { type: 'referred', at: bj('2026-03-03 10:00'), data: { body: 'notaryOffice' } },
      { type: 'outsideAccepted', at: bj('2026-03-05 16:00'), data: { body: 'reviewBody', acceptedOn: '2026-03-05', simplified: true } },
    ] as unknown as Parameters<typeof referralStepText>[0][];
    expect(referralStepText(events[0]!)).toBe('已转交公证处。公证处受理后15个工作日内出具公证书（不可抗力、补充证明材料、核实有关情况所需时间不计入）。');
    expect(referralStepText(events[1]!)).toContain('行政复议机关已于3月5日受理，30日内作出行政复议决定');
  });

  it('counts a late referral against the center, however fast the office is', () => {
    const late = run(notary(), [
      ...signed,
      ['handler', { type: 'refer', body: 'notaryOffice' }, '2026-03-06 10:00'], // 2 working days ended Wed 03-04
      ['handler', { type: 'resolve', result: '公证书已出具' }, '2026-03-07 10:00'],
    ]);
    expect(closedInTime(late, calendar)).toBe(false);
  });

  it('refers only to a body that decides the category, once, and takes an acceptance only after it', () => {
    const state = run(notary(), signed);
    const at = ctx('handler', bj('2026-03-03 10:00'));
    expect(decide(state, { type: 'recordAcceptance', acceptedOn: '2026-03-03' }, at)).toMatchObject({ ok: false, error: refusal('INVALID_STATE', 'not_referred') });
    expect(decide(state, { type: 'refer', body: 'reviewBody' }, at)).toMatchObject({ ok: false, error: refusal('VALIDATION_FAILED', 'body_not_for_category') });
    const referred = run(state, [['handler', { type: 'refer', body: 'notaryOffice' }, '2026-03-03 10:00']]);
    expect(decide(referred, { type: 'refer', body: 'notaryOffice' }, at)).toMatchObject({ ok: false, error: refusal('INVALID_STATE', 'already_referred') });
    expect(decide(referred, { type: 'recordAcceptance', acceptedOn: '2026-03-02' }, at)).toMatchObject({ ok: false, error: refusal('VALIDATION_FAILED', 'acceptance_date') });
    expect(decide(referred, { type: 'recordAcceptance', acceptedOn: '2026-03-04' }, at)).toMatchObject({ ok: false, error: refusal('VALIDATION_FAILED', 'acceptance_date') });
    const mediation = run(replay([intake(intakeInput(), ctx('proxy', bj('2026-03-02 09:00')))]), signed);
    expect(decide(mediation, { type: 'refer', body: 'notaryOffice' }, at)).toMatchObject({ ok: false, error: refusal('INVALID_STATE', 'no_outside_body') });
  });
});

describe("the resident's own window", () => {
  it('flags an administrative-review request received 55 days after the act as urgent, with the last day', () => {
    const window = caseWindow('adminReview', '2026-06-01', calendar);
    expect(RESIDENT_WINDOWS.adminReview.period).toEqual({ amount: 60, unit: 'days' });
    const state = replay([
      intake(intakeInput({ code: 'XZ202607260001', category: 'adminReview', window }), ctx('proxy', bj('2026-07-26 10:00'))),
    ]);
    const doc: StoredCase = { ...state, _id: 'c1', dueAt: null };
    const summary = toSummary(doc, { now: bj('2026-07-26 10:00') });
    expect(summary.urgent).toBe(true);
    expect(summary.applyBy).toMatchObject({ kind: 'adminReview', lastDay: '2026-07-31', closed: false });
    // Not urgent on day 40, nor once the matter is closed.
    expect(toSummary(doc, { now: bj('2026-07-11 10:00') }).urgent).toBe(false);
    expect(toSummary({ ...doc, status: 'resolved' }, { now: bj('2026-07-26 10:00') }).urgent).toBe(false);
    expect(shanghaiDay(new Date(summary.applyBy!.endsAt))).toBe('2026-07-31');
  });

  it('refuses a window the category does not carry', () => {
    const window = caseWindow('labourArbitration', '2026-06-01', calendar);
    expect(() => intake(intakeInput({ window }), ctx('proxy', bj('2026-07-26 10:00')))).toThrow(
      expect.objectContaining(refusal('VALIDATION_FAILED', 'window_not_for_category')),
    );
  });
});

describe('docs/time-limits.md', () => {
  it('shows exactly the limits, sources, starts, pauses and owners the code runs', () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'time-limits.md'), 'utf8');
    expect(page).toContain(timeLimitTables());
  });
});

describe("the county's own commitments (CASE_COMMITMENTS)", () => {
  it('override the table for a category, leaving out statutory limits and anything malformed', () => {
    const county = parseCountyCommitments(
      JSON.stringify({ notary: { amount: 3, unit: 'workingDays' }, legalAid: { amount: 30, unit: 'calendarDays' }, lawyer: { amount: -1, unit: 'workingDays' }, nope: { amount: 1, unit: 'hours' } }),
    );
    expect(county).toEqual({ notary: { amount: 3, unit: 'workingDays' } });
    expect(commitmentOf('notary', county)).toEqual({ amount: 3, unit: 'workingDays' });
    expect(commitmentOf('lawyer', county)).toEqual(CATEGORY_INFO.lawyer.limit);
    expect(parseCountyCommitments('not json')).toEqual({});
    expect(parseCountyCommitments(undefined)).toEqual({});
    expect(parseCountyCommitments('[1]')).toEqual({});
  });
});
