import { FUNCTIONS, ROLES, type ActionContract, type Role, type Scope } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/**
 * The authorization matrix: every action × every role. The table below is the reviewed policy;
 * the test fails when a contract's access differs from it or when an action has no row, so a new
 * action cannot ship without someone deciding who may call it. Scope checks on loaded targets
 * (own / assigned / subtree) are exercised per feature (see identity.functions.test.ts).
 */
const MATRIX: Record<string, Partial<Record<Role, Scope[]>>> = {
  'identity.whoami': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'identity.createInvite': { supervisor: ['subtree'], admin: ['any'] },
  'identity.redeemInvite': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'identity.listInvites': { supervisor: ['subtree'], admin: ['any'] },
  'identity.revokeInvite': { supervisor: ['subtree'], admin: ['any'] },
  'identity.listMembers': { supervisor: ['subtree'], admin: ['any'] },
  'identity.updateMember': { supervisor: ['subtree'], admin: ['any'] },
  'identity.deactivateMember': { supervisor: ['subtree'], admin: ['any'] },
  // Supervisors read who saw or changed what in their subtree; staff never read the audit trail.
  'identity.auditLog': { supervisor: ['subtree'], admin: ['any'] },
  // A resident's own profile and 首页 (U1): everyone, about themselves only.
  'identity.profile': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'identity.saveProfile': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'identity.deleteProfile': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'identity.home': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'org.list': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'org.get': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'org.save': { admin: ['any'] },
  'calendar.get': { advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'calendar.saveYear': { admin: ['any'] },
  // Privacy: everyone about their own data; deletion requests are processed by supervisors and admins.
  'privacy.notice': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'privacy.myData': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'privacy.consent': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'privacy.withdraw': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'privacy.requestDeletion': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'privacy.deletionRequests': { supervisor: ['any'], admin: ['any'] },
  'privacy.processDeletion': { supervisor: ['any'], admin: ['any'] },
  // notify: everyone their own consents and inbox; the alerts of refused sends for supervisors and admins.
  'notify.recordConsent': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'notify.inbox': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'notify.unread': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'notify.markRead': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'notify.settings': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'notify.alerts': { supervisor: ['any'], admin: ['any'] },
  'stats.board': { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'booking.listSlots': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'booking.places': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'booking.book': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['any'] },
  'booking.reschedule': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['any'] },
  'booking.requestHomeVisit': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['any'] },
  'booking.cancel': { resident: ['own'], advisor: ['own', 'subtree'], staff: ['own', 'subtree'], supervisor: ['own', 'subtree'], admin: ['any'] },
  'booking.claim': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['any'] },
  'booking.myBookings': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['any'] },
  'booking.dayBookings': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'booking.checkIn': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'booking.getSchedule': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'booking.saveSchedule': { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'case.submit': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'case.register': { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'case.mine': { resident: ['own'], advisor: ['own', 'assigned'], staff: ['own', 'assigned', 'subtree'], supervisor: ['own', 'assigned', 'subtree'], admin: ['any'] },
  'case.get': { resident: ['own'], advisor: ['own', 'assigned'], staff: ['own', 'assigned', 'subtree'], supervisor: ['own', 'assigned', 'subtree'], admin: ['any'] },
  'case.fileUrl': { resident: ['own'], advisor: ['own', 'assigned'], staff: ['own', 'assigned', 'subtree'], supervisor: ['own', 'assigned', 'subtree'], admin: ['any'] },
  'case.findByCode': { resident: ['own'], advisor: ['own', 'assigned'], staff: ['own', 'assigned', 'subtree'], supervisor: ['own', 'assigned', 'subtree'], admin: ['any'] },
  // 关联 by code + phone (U1): the case becomes the caller's own; the phone's hash is the proof.
  'case.link': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'case.act': { resident: ['own'], advisor: ['own', 'assigned'], staff: ['own', 'assigned', 'subtree'], supervisor: ['own', 'assigned', 'subtree'], admin: ['any'] },
  'case.ledger': { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'case.ledgerFile': { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'case.handlers': { staff: ['assigned', 'subtree'], supervisor: ['assigned', 'subtree'], admin: ['any'] },
  'case.contact': { advisor: ['assigned'], staff: ['assigned', 'subtree'], supervisor: ['assigned', 'subtree'], admin: ['any'] },
  'case.workbench': { advisor: ['assigned'], staff: ['assigned', 'subtree'], supervisor: ['assigned', 'subtree'], admin: ['any'] },
  // Legal aid: anyone may read the self-check's rules and apply; what a worker may then do is the
  // legal-aid post's or the 司法局's (core/legal-aid), checked on the record, not by role alone.
  'legalAid.rules': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'legalAid.saveDraft': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'legalAid.draft': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'legalAid.submit': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'legalAid.get': { resident: ['own'], advisor: ['own', 'assigned'], staff: ['own', 'subtree'], supervisor: ['own', 'subtree'], admin: ['any'] },
  'legalAid.act': { resident: ['own'], advisor: ['own', 'assigned'], staff: ['own', 'subtree'], supervisor: ['own', 'subtree'], admin: ['any'] },
  'legalAid.queue': { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'legalAid.stats': { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'legalAid.settings': { admin: ['any'] },
  'legalAid.saveSettings': { admin: ['any'] },
  // Village groups: everyone calls them; membership or a grant on the village is checked on the group.
  // Joining and ordering a lecture are a villager's; answering, approving, converting and notices the village's workers'.
  'group.mine': { resident: ['own'], advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.open': { resident: ['own'], advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.poll': { resident: ['own'], advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.join': { resident: ['own'] },
  'group.post': { resident: ['own'], advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.moderate': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.closeQuestion': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'group.convert': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.workspace': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.saveQuickReplies': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.postNotice': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.home': { resident: ['own'], advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.setRole': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.fileUrl': { resident: ['own'], advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  'group.requestLecture': { resident: ['own'] },
  'group.updateLecture': { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  // 服务指南 and 服务地图: public reading; edits by the center's staff (the handler checks the grant is on the center).
  'guide.catalogue': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'guide.entry': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'guide.saveEntry': { staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'guide.places': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'guide.provider': { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'guide.providers': { staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'guide.saveProvider': { staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'guide.missingTally': { advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
  'evaluation.returnVisits': { supervisor: ['subtree'], admin: ['any'] },
  'evaluation.recordReturnVisit': { supervisor: ['subtree'], admin: ['any'] },
  'evaluation.selfAssessment': { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  // 好差评 of a booking or group question and the 知晓率 questionnaire: each person for their own (the handler checks they were served).
  'evaluation.rate': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'evaluation.myRatings': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'evaluation.awarenessSurvey': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'evaluation.answerAwareness': { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  'evaluation.awareness': { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
  // The third-party sample hands out callback contacts: supervisors only, like 回访.
  'evaluation.thirdPartySample': { supervisor: ['subtree'], admin: ['any'] },
};

const PERSONA: Record<Role, string> = {
  resident: 'demo-resident',
  advisor: 'demo-advisor',
  staff: 'demo-staff',
  supervisor: 'demo-supervisor',
  admin: 'demo-admin',
};

const actions = Object.entries(FUNCTIONS).flatMap(([fn, contracts]) =>
  Object.entries(contracts as Record<string, ActionContract>).map(([name, contract]) => ({ fn, name, id: `${fn}.${name}`, contract })),
);

describe('the reviewed matrix matches the contracts', () => {
  it('has a row for every action and no row for an action that does not exist', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(actions.map((a) => a.id).sort());
  });

  it.each(actions)('$id grants exactly the reviewed roles and scopes', ({ id, contract }) => {
    const granted = Object.fromEntries(Object.entries(contract.access).filter(([, scopes]) => (scopes?.length ?? 0) > 0));
    expect(granted).toEqual(MATRIX[id]);
  });
});

describe('the role gate through devcloud', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startTestCloud({ seed: true });
  }, 30000);
  afterAll(async () => {
    await cloud.close();
  });

  const cells = actions.flatMap((a) => ROLES.map((role) => ({ ...a, role, allowed: (MATRIX[a.id]?.[role]?.length ?? 0) > 0 })));

  // By name, not through the typed client: the cells come from the registry, and an empty payload
  // is exactly what the client's types would not let through. `call` still checks every refusal's reason.
  it.each(cells)('$id as $role → allowed: $allowed', async ({ fn, name, role, allowed }) => {
    // An empty payload: refused roles must get FORBIDDEN before any validation happens.
    const { status, body } = await cloud.call<{ ok: boolean; error?: { code: string; details?: { reason?: string } } }>(fn, name, {}, {
      openid: PERSONA[role],
      requestId: 'matrix-probe-0001',
    });
    expect(status).toBeLessThan(500);
    if (allowed) expect(body.error?.code).not.toBe('FORBIDDEN');
    else expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'role_not_allowed' } } });
  });
});
