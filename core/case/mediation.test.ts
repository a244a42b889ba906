// 人民调解 outcomes: agreement kept (written or oral), routes told on failure, 司法确认 window, performance.
import { inProgress, refusal } from './testing';
import { applicantTimeline } from './views';
import { MEDIATION_FAILURE_ROUTES } from './commands/mediation';

describe('调解结果', () => {
  it('调解成功 keeps the agreement and the 30-day window for 司法确认 (Art 33), told to the parties', () => {
    const story = inProgress().do('handler', { type: 'recordMediation', outcome: 'success', agreement: { form: 'oral', content: '张家赔偿李家三千元' } });
    // T0 is Monday 2 March 2026 (Beijing); inProgress moves a few minutes on.
    expect(story.state.mediation).toMatchObject({ outcome: 'success', agreement: { form: 'oral', content: '张家赔偿李家三千元' }, confirmationBy: '2026-04-01', performance: null });
    expect(applicantTimeline(story.events).at(-1)).toMatchObject({ title: '调解成功', detail: expect.stringContaining('2026-04-01前共同向人民法院申请司法确认') });
  });

  it('调解成功 without an agreement is refused', () => {
    expect(inProgress().fails('handler', { type: 'recordMediation', outcome: 'success' })).toMatchObject(refusal('VALIDATION_FAILED', 'agreement_missing'));
  });

  it('调解不成 tells the other routes (Art 26) and allows no performance follow-up', () => {
    const story = inProgress().do('handler', { type: 'recordMediation', outcome: 'failure' });
    expect(story.state.mediation).toMatchObject({ outcome: 'failure', agreement: null, routesTold: MEDIATION_FAILURE_ROUTES });
    expect(applicantTimeline(story.events).at(-1)).toMatchObject({ title: '调解不成', detail: expect.stringContaining('仲裁、行政、司法') });
    story.do('handler', { type: 'resolve', result: '调解不成，已告知其他途径' });
    expect(story.fails('handler', { type: 'recordPerformance', performed: 'full' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(story.fails('handler', { type: 'recordMediation', outcome: 'failure' })).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('follows up the agreement’s performance after 办结 (Art 31), once recorded only for mediation', () => {
    const story = inProgress()
      .do('handler', { type: 'recordMediation', outcome: 'success', agreement: { form: 'written', content: '协议书一份' } })
      .do('handler', { type: 'resolve', result: '调解成功' })
      .do('handler', { type: 'recordPerformance', performed: 'partial', text: '已付一半' });
    expect(story.state.mediation?.performance).toMatchObject({ performed: 'partial', text: '已付一半' });
    expect(story.state.status).toBe('resolved');
    expect(inProgress({ category: 'consultation', code: 'ZX202603020001' }).fails('handler', { type: 'recordMediation', outcome: 'failure' })).toMatchObject({ code: 'FORBIDDEN' });
  });
});
