// 评价: who may rate a case, and how a rating a worker records for a visitor is marked.
import { availableCommands } from './guard';
import { replay } from './machine';
import { STATION, Story, inProgress, newCase, people, refusal } from './testing';
import type { CaseEvent, EventData } from './types';
import { applicantTimeline, ledgerRow, staffTimeline } from './views';

/** A walk-in with no WeChat, registered at the window by 李前台 and handled by 张律师. */
const walkIn = { channel: 'walkIn' as const, applicant: { openid: null, name: '李奶奶', phone: '0710-1234567' }, proxy: null };

function resolvedWalkIn(): Story {
  const handler = { openid: people.handler.openid, name: people.handler.name };
  return new Story(newCase(walkIn, 'reception'))
    .do('reception', { type: 'assign', handler })
    .do('handler', { type: 'accept' })
    .do('handler', { type: 'start' })
    .do('handler', { type: 'resolve', result: '已当场解答' });
}

const rate = { type: 'evaluate', satisfaction: 5, comment: '很耐心' } as const;

describe('a rating a worker records for a visitor with no WeChat', () => {
  it('is allowed to a worker who did not handle the case, and marked as theirs on the event and the case', () => {
    const story = resolvedWalkIn().do('other', rate);
    expect(story.state.status).toBe('evaluated');
    expect(story.last).toMatchObject({ type: 'evaluated', actor: { openid: 'o-other', role: 'advisor' }, data: { satisfaction: 5, enteredBy: 'worker' } });
    expect(story.state.evaluation).toEqual({ satisfaction: 5, comment: '很耐心', enteredBy: 'worker', recordedBy: { openid: 'o-other', name: '赵顾问' } });
    // Replaying the ledger gives the same marked rating: it is the event's, not the store's.
    expect(replay(story.events).evaluation).toEqual(story.state.evaluation);
  });

  it('is refused to the handler, and the button is not offered them', () => {
    const story = resolvedWalkIn();
    expect(story.fails('handler', rate)).toMatchObject(refusal('FORBIDDEN', 'handler_cannot_rate'));
    expect(availableCommands(story.state, people.handler)).not.toContain('evaluate');
    expect(availableCommands(story.state, people.other)).toContain('evaluate');
  });

  it('is refused to the first handler (首办) after the case moved to another unit, and to the new handler', () => {
    const moved = new Story(newCase(walkIn, 'reception'))
      .do('reception', { type: 'assign', handler: { openid: people.handler.openid, name: people.handler.name } })
      .do('handler', { type: 'accept' })
      .do('handler', { type: 'transfer', toOrgId: STATION, reason: '属地办理' })
      .do('stationStaff', { type: 'acceptTransfer' })
      .do('stationStaff', { type: 'resolve', result: '调解成功' });
    expect(moved.state.firstHandler?.openid).toBe(people.handler.openid);
    expect(moved.state.handler?.openid).toBe(people.stationStaff.openid);
    expect(moved.fails('handler', rate)).toMatchObject(refusal('FORBIDDEN', 'handler_cannot_rate'));
    expect(moved.fails('stationStaff', rate)).toMatchObject(refusal('FORBIDDEN', 'handler_cannot_rate'));
    moved.do('supervisor', rate);
    expect(moved.state.evaluation).toMatchObject({ enteredBy: 'worker', recordedBy: { name: '周主任' } });
  });

  it('is refused to a resident who is not the applicant side', () => {
    expect(resolvedWalkIn().fails('stranger', rate)).toMatchObject(refusal('FORBIDDEN', 'not_applicant'));
    expect(resolvedWalkIn().fails('system', rate)).toMatchObject(refusal('FORBIDDEN', 'not_applicant'));
  });

  it('says so in the timelines and the ledger, naming the worker', () => {
    const { state, events } = resolvedWalkIn().do('other', rate);
    for (const timeline of [staffTimeline(events), applicantTimeline(events)]) {
      expect(timeline.at(-1)).toMatchObject({ title: '已评价（工作人员代录）', detail: '非常满意：很耐心', by: '赵顾问' });
    }
    expect(ledgerRow(state, events).satisfaction).toBe('5分 非常满意：很耐心（工作人员赵顾问代录）');
  });
});

describe('a case whose applicant side has WeChat', () => {
  it('is rated by the applicant themselves, marked as theirs, and no worker may rate it for them', () => {
    const story = inProgress().do('handler', { type: 'resolve', result: '双方达成调解协议' });
    expect(story.fails('reception', rate)).toMatchObject(refusal('FORBIDDEN', 'applicant_rates_in_app'));
    expect(story.fails('handler', rate)).toMatchObject(refusal('FORBIDDEN', 'applicant_rates_in_app'));
    expect(availableCommands(story.state, people.reception)).not.toContain('evaluate');
    story.do('applicant', rate);
    expect(story.last).toMatchObject({ data: { enteredBy: 'applicant' } });
    expect(story.state.evaluation).toEqual({ satisfaction: 5, comment: '很耐心', enteredBy: 'applicant', recordedBy: { openid: 'o-applicant', name: '王大爷' } });
    expect(staffTimeline(story.events).at(-1)?.title).toBe('已评价');
    expect(ledgerRow(story.state, story.events).satisfaction).toBe('5分 非常满意：很耐心');
  });

  it('counts a 代办 with WeChat as the applicant side even when the applicant has none', () => {
    const story = inProgress({ applicant: { openid: null, name: '王大爷', phone: '13800000000' } }).do('handler', { type: 'resolve', result: '已解答' });
    expect(story.fails('reception', rate)).toMatchObject(refusal('FORBIDDEN', 'applicant_rates_in_app'));
    story.do('proxy', rate);
    expect(story.state.evaluation).toMatchObject({ enteredBy: 'applicant', recordedBy: { openid: 'o-proxy', name: '王小明' } });
  });

  it('takes a worker’s own case, filed in the app, as their own rating', () => {
    const own = { applicant: { openid: people.other.openid, name: '赵顾问', phone: '13800000001' }, proxy: null };
    const story = new Story(newCase(own, 'other'))
      .do('reception', { type: 'assign', handler: { openid: people.handler.openid, name: people.handler.name } })
      .do('handler', { type: 'accept' })
      .do('handler', { type: 'resolve', result: '已解答' });
    story.do('other', rate);
    expect(story.state.evaluation?.enteredBy).toBe('applicant');
  });
});

describe('a ledger written before ratings were marked', () => {
  it('replays an unmarked rating as a worker’s when a worker recorded it, and as the applicant’s when they did', () => {
    const unmark = (events: CaseEvent[]) =>
      events.map((e) => {
        if (e.type !== 'evaluated') return e;
        const { enteredBy: _dropped, ...data } = e.data;
        void _dropped;
        return { ...e, data: data as EventData['evaluated'] };
      });
    expect(replay(unmark(resolvedWalkIn().do('other', rate).events)).evaluation?.enteredBy).toBe('worker');
    const own = inProgress().do('handler', { type: 'resolve', result: '已解答' }).do('applicant', rate);
    expect(replay(unmark(own.events)).evaluation?.enteredBy).toBe('applicant');
  });
});

describe('a legal-aid case', () => {
  // 办结 is the agency's decision (recordAidDecision); the 受援人 rates the lawyer's work at closing, on the legal-aid record.
  const decided = () => new Story(newCase({ category: 'legalAid', code: 'FY202603020001' })).do('system', { type: 'recordAidDecision', granted: true, result: '决定给予法律援助' });

  it('offers no 评价 on its decision, to anyone, and refuses one with its reason', () => {
    const story = decided();
    expect(story.state.status).toBe('resolved');
    for (const who of ['applicant', 'proxy', 'other', 'supervisor'] as const) expect(availableCommands(story.state, people[who])).not.toContain('evaluate');
    expect(story.fails('proxy', rate)).toMatchObject(refusal('INVALID_STATE', 'legal_aid_rated_at_closing'));
  });

  it('is never closed as unrated by the timer, while any other resolved case is', () => {
    expect(decided().fails('system', { type: 'autoClose' })).toMatchObject(refusal('INVALID_STATE', 'legal_aid_rated_at_closing'));
    expect(availableCommands(decided().state, people.system)).not.toContain('autoClose');
    const consultation = inProgress().do('handler', { type: 'resolve', result: '已解答' });
    expect(availableCommands(consultation.state, people.system)).toContain('autoClose');
    expect(availableCommands(consultation.state, people.proxy)).toContain('evaluate');
  });
});
