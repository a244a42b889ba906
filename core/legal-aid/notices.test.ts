import { createWorkCalendar } from '../calendar';
import { openAid, decideRoute, type AidApplication } from './application';
import { runAid } from './machine';
import { aidNotices } from './notices';
import { DEFAULT_SETTINGS } from './rules';
import type { AidActor } from './state';

const calendar = createWorkCalendar();
const T0 = new Date('2026-03-02T01:00:00Z');
const applicant: AidActor = { openid: 'o-app', name: '李四', role: 'resident', orgIds: [], posts: [] };
const aid: AidActor = { openid: 'o-aid', name: '钱援助', role: 'staff', orgIds: ['center'], posts: ['aid'] };
const ctx = (actor: AidActor, h: number) => ({ actor, at: new Date(T0.getTime() + h * 3_600_000), settings: DEFAULT_SETTINGS, calendar });

const app: AidApplication = {
  answers: { local: true, noTestGround: 'abuseVictim', ageBand: 'adult', groups: [], inHospital: false },
  applicantKind: 'self',
  applicantName: '李四',
  representativeRelation: null,
  helper: null,
  matter: 'support',
  opponent: '丈夫',
  facts: '家暴',
  urgent: false,
  route: 'noTest',
  household: null,
  promise: null,
  preferredLawyer: null,
  stationOrgId: null,
};

it('tells the applicant of each step others take, with every missing item, and never of their own', () => {
  const opened = openAid({ caseId: 'c1', code: 'FY202603020001', app, decision: decideRoute(app, DEFAULT_SETTINGS, false), applicantIds: ['o-app'] }, ctx(applicant, 0));
  const asked = runAid(opened, { type: 'requestMaterials', items: ['身份证', '报警记录'] }, ctx(aid, 1));
  const [told, ...more] = aidNotices(opened, asked);
  expect(more).toEqual([]);
  expect(told).toMatchObject({ key: `legalAid:c1:${asked.version}:o-app`, to: { openid: 'o-app' }, event: 'case.materialsRequested', push: true });
  expect(told?.body).toContain('身份证、报警记录');
  const withdrawn = runAid(asked, { type: 'withdraw' }, ctx(applicant, 2));
  expect(aidNotices(asked, withdrawn)).toEqual([]);
});

it('pushes the agency’s decisions under their own phrase, and asks for a rating of the lawyer only when the case closes', () => {
  const opened = openAid({ caseId: 'c2', code: 'FY202603020002', app, decision: decideRoute(app, DEFAULT_SETTINGS, false), applicantIds: ['o-app'] }, ctx(applicant, 0));
  const granted = runAid(opened, { type: 'grant', draw: 0.99 }, ctx(aid, 1));
  expect(aidNotices(opened, granted).map((n) => [n.event, n.push, n.data.phrase3])).toEqual([['aid.granted', true, '给予援助']]);
  const dispatched = runAid(granted, { type: 'dispatch', lawyer: { name: '周律师', openid: 'o-lawyer', unit: '青禾正源律师事务所' } }, ctx(aid, 2));
  expect(aidNotices(granted, dispatched).map((n) => [n.event, n.push, n.data.phrase3])).toEqual([['aid.dispatched', true, '已指派律师']]);
  expect(dispatched.history.at(-1)?.text).toContain('已指派律师周律师（青禾正源律师事务所）承办');
  const progress = runAid(dispatched, { type: 'reportProgress', text: '已立案' }, ctx(aid, 3));
  expect(aidNotices(dispatched, progress).map((n) => [n.event, n.push])).toEqual([['case.step', false]]);
  const closed = runAid(progress, { type: 'close', report: '调解结案' }, ctx(aid, 4));
  expect(aidNotices(progress, closed).map((n) => [n.event, n.key])).toEqual([
    ['case.step', `legalAid:c2:${closed.version}:o-app`],
    ['survey.invite', 'legalAid:c2:rate:o-app'],
  ]);
  const rated = runAid(closed, { type: 'rate', rating: { satisfaction: 5, comment: '律师很负责' } }, ctx(applicant, 5));
  expect(rated.rating).toMatchObject({ satisfaction: 5, comment: '律师很负责', solved: null });
  expect(() => runAid(rated, { type: 'rate', rating: { satisfaction: 1 } }, ctx(applicant, 6))).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: 'already_rated' }) }));
  expect(() => runAid(closed, { type: 'rate', rating: { satisfaction: 5 } }, ctx(aid, 6))).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: 'not_applicant' }) }));
  const refused = runAid(opened, { type: 'refuse', reasons: '不属于援助范围' }, ctx(aid, 1));
  expect(aidNotices(opened, refused).map((n) => [n.event, n.data.phrase3])).toEqual([['aid.refused', '不予援助']]);
});
