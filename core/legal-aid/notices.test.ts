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
