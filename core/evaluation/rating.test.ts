// The shared 好差评 model, and the case's 评价 built on it: dimensions, 问题解决了吗, read back.
import { Story, inProgress, refusal } from '../case/testing';
import { applicantTimeline, ledgerRow } from '../case/views';
import { describeRating, needsReturnVisit, readRating } from './rating';

function resolved(): Story {
  return inProgress().do('handler', { type: 'resolve', result: '已调解' });
}

describe('readRating', () => {
  it('keeps what was answered and normalises the rest', () => {
    expect(readRating({ satisfaction: 2, dimensions: { speed: 1 }, solved: false, comment: ' 等太久 ' })).toEqual({
      satisfaction: 2,
      dimensions: { speed: 1 },
      solved: false,
      comment: '等太久',
    });
    expect(readRating({ satisfaction: 5 })).toEqual({ satisfaction: 5, dimensions: {}, solved: null, comment: '' });
  });

  it('refuses a level or a dimension outside 1 to 5, and a dimension the survey does not ask', () => {
    expect(() => readRating({ satisfaction: 0 })).toThrow(expect.objectContaining(refusal('VALIDATION_FAILED', 'satisfaction_range')));
    expect(() => readRating({ satisfaction: 3, dimensions: { attitude: 6 } })).toThrow(expect.objectContaining(refusal('VALIDATION_FAILED', 'dimension_range')));
    expect(() => readRating({ satisfaction: 3, dimensions: { price: 3 } as never })).toThrow(expect.objectContaining(refusal('VALIDATION_FAILED', 'dimension_range')));
    expect(() => readRating({ satisfaction: 3, comment: '长'.repeat(201) })).toThrow(expect.objectContaining(refusal('VALIDATION_FAILED', 'text_too_long')));
  });

  it('calls for a return visit at 不满意 or worse only', () => {
    expect([1, 2, 3, 4, 5].map(needsReturnVisit)).toEqual([true, true, false, false, false]);
  });

  it('describes a rating in one line', () => {
    expect(describeRating({ satisfaction: 2, dimensions: { attitude: 5, speed: 1 }, solved: false, comment: '等太久' })).toBe('不满意；问题未解决；服务态度5分、办理速度1分：等太久');
    expect(describeRating({ satisfaction: 4, comment: '' })).toBe('满意');
  });
});

describe('评价 of a case with the survey', () => {
  const survey = { type: 'evaluate', satisfaction: 1, dimensions: { attitude: 2, speed: 1, professionalism: 3 }, solved: false, comment: '没解决' } as const;

  it('keeps the dimensions and 问题解决了吗 on the event and the case, and the resident reads them back', () => {
    const story = resolved().do('applicant', survey);
    expect(story.state.evaluation).toMatchObject({ satisfaction: 1, dimensions: { attitude: 2, speed: 1, professionalism: 3 }, solved: false, enteredBy: 'applicant' });
    const mine = applicantTimeline(story.events).at(-1);
    expect(mine?.detail).toBe('非常不满意；问题未解决；服务态度2分、办理速度1分、专业水平3分：没解决');
    expect(ledgerRow(story.state, story.events).satisfaction).toContain('问题未解决');
  });

  it('refuses a dimension outside 1 to 5', () => {
    expect(resolved().fails('applicant', { ...survey, dimensions: { speed: 9 } })).toMatchObject(refusal('VALIDATION_FAILED', 'dimension_range'));
  });

  it('rates once', () => {
    expect(resolved().do('applicant', survey).fails('applicant', survey)).toMatchObject(refusal('INVALID_STATE', 'already_evaluated'));
  });
});
