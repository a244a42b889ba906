import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * case.act reads the caller's member record in the case's own read (contract callerReadBy), not in
 * a read of its own: the record is read fresh on every call, so a member deactivated a moment ago
 * acts as nobody's member, and a refusal is audited under who they are.
 */

let cloud: TestCloud;
const refusal = (code: string, reason: string) => ({ code, details: { reason } });

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 60000);
afterAll(async () => {
  await cloud.close();
});

describe('the caller read with the case', () => {
  it('acts as the member the record says now: a staff member acts, is deactivated, and is refused on the next command', async () => {
    const { id: caseId } = await cloud.api('demo-resident').case.submit({ category: 'consultation', summary: '问问宅基地的事', applicant: { name: '李四', phone: '13800000031' } });
    const noted = await cloud.api('demo-staff').case.act({ caseId, command: { type: 'addNote', text: '已电话联系', visibility: 'internal' } });
    expect(JSON.stringify(noted.timeline)).toContain('已电话联系');

    await cloud.api('demo-admin').identity.deactivateMember({ openid: 'demo-staff', reason: '调离' });
    await expect(cloud.api('demo-staff').case.act({ caseId, command: { type: 'addNote', text: '再记一笔', visibility: 'internal' } })).rejects.toMatchObject(
      refusal('FORBIDDEN', 'out_of_reach'),
    );
    const rows = cloud.db.find('audit_log', { what: 'call.refused', subject: caseId }) as Array<{ actor: string; roles: string[]; detail: { reason: string } }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'demo-staff', roles: ['resident'] });
    expect(rows[0]?.detail.reason).toBe('out_of_reach');
  });

  it('a case that does not exist is refused as missing, whoever asks', async () => {
    await expect(cloud.api('demo-advisor').case.act({ caseId: 'no-such-case', command: { type: 'accept' } })).rejects.toMatchObject(refusal('NOT_FOUND', 'case_not_found'));
  });
});
