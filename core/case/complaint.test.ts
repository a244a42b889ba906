// 投诉: the complained party is refused every worker command on the complaint; nobody may hand it to them.
import { COMMAND_TYPES } from './types';
import { guard } from './guard';
import { Story, newCase, people, refusal, STATION } from './testing';
import type { ComplaintAbout } from './complaint';

const aboutHandler: ComplaintAbout = { kind: 'person', caseId: null, label: people.handler.name, parties: [people.handler.openid], unitId: null };

function complaint(about: ComplaintAbout = aboutHandler): Story {
  return new Story(newCase({ category: 'complaint', code: 'TS202603020001', about }, 'proxy'));
}

describe('a complaint about a worker', () => {
  it('keeps `about` on the case from its first event', () => {
    expect(complaint().state.complaint).toEqual(aboutHandler);
  });

  it('offers the complained person no command at all, in any status', () => {
    const story = complaint();
    expect(COMMAND_TYPES.filter((c) => guard(story.state, c, people.handler) === null)).toEqual([]);
    expect(story.fails('handler', { type: 'accept' })).toMatchObject(refusal('FORBIDDEN', 'complained_party'));
  });

  it('cannot be assigned to them, nor moved to the unit complained about', () => {
    expect(complaint().fails('reception', { type: 'assign', handler: { openid: people.handler.openid, name: people.handler.name } })).toMatchObject(
      refusal('FORBIDDEN', 'complained_party_assigned'),
    );
    const aboutUnit: ComplaintAbout = { kind: 'unit', caseId: null, label: '工作站', parties: [], unitId: STATION };
    expect(complaint(aboutUnit).fails('reception', { type: 'transfer', toOrgId: STATION, reason: '属地' })).toMatchObject(refusal('FORBIDDEN', 'complained_unit'));
  });

  it('refuses `about` on a request that is not a complaint', () => {
    expect(() => newCase({ about: aboutHandler })).toThrow(expect.objectContaining(refusal('VALIDATION_FAILED', 'about_not_complaint')));
  });
});
