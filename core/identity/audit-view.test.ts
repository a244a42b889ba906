import { AUDIT_KIND_ACTS, auditEntry, type AuditRow } from './audit-view';

const names = { orgs: new Map<string, string>(), members: new Map([['sup-1', '周主任']]), cases: new Map<string, string>() };
const row = (what: string, detail: Record<string, unknown>): AuditRow => ({
  _id: 'a1',
  actor: 'sup-1',
  roles: ['supervisor'],
  what,
  subject: 'del-123',
  detail,
  at: new Date('2026-12-01T02:00:00Z'),
});

describe('操作记录 of deletion requests', () => {
  it('names a deletion carried out, with what went', () => {
    const e = auditEntry(row('privacy.deletion.done', { categories: ['bookings', 'profile'], deleted: { bookings: 3, profile: 1 } }), names);
    expect(e).toMatchObject({ what: '办理删除申请', who: '周主任（负责人）', subject: '一位群众的删除申请', detail: '已删除：预约记录3条、工作人员资料（姓名、电话）1条' });
  });

  it('names a declined one with its reason, numbers masked', () => {
    const e = auditEntry(row('privacy.deletion.declined', { categories: ['bookings'], deleted: {}, reason: '还在办理，联系13800001234' }), names);
    expect(e.what).toBe('不予删除');
    expect(e.detail).toBe('原因：还在办理，联系138****1234');
  });

  it('files both under personal data', () => {
    expect(AUDIT_KIND_ACTS.personalData).toEqual(expect.arrayContaining(['privacy.deletion.done', 'privacy.deletion.declined']));
  });
});
