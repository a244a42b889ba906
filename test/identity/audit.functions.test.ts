/**
 * 操作记录 (identity.auditLog): who saw or changed what, when and why. A supervisor sees the entries
 * of her subtree's units (the acting member's and those a change or refused call named), an admin
 * all of them, staff none.
 */
import { addDays, formatShanghai, type AuditEntry } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

const refusal = (code: string, reason: string) => ({ code, details: { reason } });
const today = () => formatShanghai(cloud.clock.now(), 'YYYY-MM-DD');
const period = () => ({ from: addDays(today(), -7), to: today() });

/** Every entry over all pages, following nextCursor. */
async function allEntries(openid: string, filter: { what?: 'personalData' | 'members' | 'refused'; orgId?: string } = {}): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const got = await cloud.api(openid).identity.auditLog({ ...period(), ...filter, ...(cursor && { cursor }) });
    out.push(...got.entries);
    if (!got.nextCursor) return out;
    cursor = got.nextCursor;
  }
  throw new Error('too many pages');
}

describe('identity.auditLog', () => {
  let qsCode: string;
  let lhCode: string;

  beforeAll(async () => {
    // 青石镇's station gets a supervisor of its own.
    const { code } = await cloud.api('demo-admin').identity.createInvite({ role: 'supervisor', orgIds: ['qs-station'] });
    await cloud.api('qs-chief').identity.redeemInvite({ code, displayName: '青石所长', phone: '13700000004' });
    const qs = await cloud.api('audit-resident-1').case.submit({ category: 'consultation', summary: '邻居占了我家的宅基地，想咨询怎么办', orgId: 'qs-station', applicant: { name: '柳大姐', phone: '13800001111' } });
    const lh = await cloud.api('audit-resident-2').case.submit({ category: 'consultation', summary: '工钱拖了半年没给，想咨询怎么办', orgId: 'lh-station', applicant: { name: '何大哥', phone: '13800002222' } });
    qsCode = qs.code;
    lhCode = lh.code;
    // Each township's staff reveals their own applicant's phone, more often than one page holds.
    for (let i = 0; i < 16; i++) {
      await cloud.api('seed-staff-qs').case.contact({ caseId: qs.id });
      await cloud.api('seed-staff-lh').case.contact({ caseId: lh.id });
    }
    // The center's staff looks at 青石镇's applicant too; 柳河乡's staff tries to.
    await cloud.api('demo-staff').case.contact({ caseId: qs.id });
    await expect(cloud.api('seed-staff-lh').case.contact({ caseId: qs.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // An advisor of 青石镇's villages reaches for the ledger, which is not theirs.
    await expect(cloud.api('demo-advisor').case.ledger({ from: today(), to: today() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // 柳河乡's staff reaches into 青石镇's ledger.
    await expect(cloud.api('seed-staff-lh').case.ledger({ from: today(), to: today(), orgId: 'qs-station' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
  });

  it('shows a supervisor who revealed a phone in her subtree, when, and nothing of the other township', async () => {
    const seen = await allEntries('qs-chief', { what: 'personalData' });
    const reveal = seen.find((e) => e.subject === `案件 ${qsCode}` && e.actor === 'seed-staff-qs');
    expect(reveal).toMatchObject({ act: 'case.contact.read', refused: false, refusal: null });
    expect(reveal?.when).toMatch(new RegExp(`^${today()} \\d{2}:\\d{2}$`));
    expect(Math.abs(new Date(reveal?.at ?? 0).getTime() - cloud.clock.now().getTime())).toBeLessThan(60_000);
    expect(seen.some((e) => e.subject === `案件 ${lhCode}` || e.actor === 'seed-staff-lh')).toBe(false);
  });

  it('shows a supervisor who from outside her subtree looked at her subtree’s case, or tried to', async () => {
    const seen = await allEntries('qs-chief');
    const onCase = seen.filter((e) => e.subject === `案件 ${qsCode}`);
    expect(onCase).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'demo-staff', act: 'case.contact.read', refused: false }),
        expect.objectContaining({ actor: 'seed-staff-lh', act: 'call.refused', refusal: { action: 'case.contact', cause: 'out_of_reach' }, refused: true }),
      ]),
    );
  });

  it('shows a supervisor the refused reaches made by or into her subtree, with their reason', async () => {
    const refused = await allEntries('qs-chief', { what: 'refused' });
    expect(refused.every((e) => e.refused && e.act === 'call.refused')).toBe(true);
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'demo-advisor', refusal: { action: 'case.ledger', cause: 'role_not_allowed' } }),
        expect.objectContaining({ actor: 'seed-staff-lh', refusal: { action: 'case.ledger', cause: 'out_of_reach' } }),
      ]),
    );
  });

  it('shows her own grant as a member change, phones masked', async () => {
    const changes = await allEntries('qs-chief', { what: 'members' });
    const redeemed = changes.find((e) => e.act === 'invite.redeem' && e.actor === 'qs-chief');
    // The grant is named by its unit, as people read it.
    expect(redeemed?.detail).toContain('青石镇');
    // Entry ids are hex and may hold eleven digits in a row: only what a person reads is checked.
    expect(JSON.stringify(changes.map(({ id: _id, ...shown }) => shown))).not.toMatch(/1\d{10}/);
  });

  it('shows an admin everything, both townships included, a page at a time without repeats', async () => {
    const all = await allEntries('demo-admin');
    const subjects = all.map((e) => e.subject);
    expect(subjects).toEqual(expect.arrayContaining([`案件 ${qsCode}`, `案件 ${lhCode}`]));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    const first = await cloud.api('demo-admin').identity.auditLog({ ...period(), what: 'personalData' });
    expect(first.entries).toHaveLength(30);
    expect(first.nextCursor).toEqual(expect.any(String));
    const reads = await allEntries('demo-admin', { what: 'personalData' });
    expect(reads.filter((e) => e.act === 'case.contact.read')).toHaveLength(33);
    expect(new Set(reads.map((e) => e.id)).size).toBe(reads.length);
  });

  it('narrows an admin to one unit’s subtree', async () => {
    const lh = await allEntries('demo-admin', { orgId: 'lh-station', what: 'personalData' });
    expect(lh.map((e) => e.subject)).toContain(`案件 ${lhCode}`);
    expect(lh.map((e) => e.subject)).not.toContain(`案件 ${qsCode}`);
  });

  it('answers edge asks plainly: a cursor from nowhere, a period still to come, a unit that does not exist', async () => {
    const api = cloud.api('demo-admin').identity;
    await expect(api.auditLog({ ...period(), cursor: '1_zz' })).resolves.toEqual({ entries: [], nextCursor: null });
    // A cursor past every entry (an _id with an underscore in it too) pages from the newest.
    expect((await api.auditLog({ ...period(), cursor: '999999999999999_a_b' })).entries.length).toBe(30);
    await expect(api.auditLog({ from: addDays(today(), 1), to: addDays(today(), 2) })).resolves.toEqual({ entries: [], nextCursor: null });
    await expect(api.auditLog({ ...period(), orgId: 'no-such-unit' })).rejects.toMatchObject(refusal('NOT_FOUND', 'unit_not_found'));
    await expect(api.auditLog({ ...period(), cursor: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses staff, a unit outside the supervisor’s subtree, and a period over 92 days', async () => {
    await expect(cloud.api('seed-staff-qs').identity.auditLog(period())).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_allowed'));
    await expect(cloud.api('qs-chief').identity.auditLog({ ...period(), orgId: 'lh-station' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    await expect(cloud.api('demo-admin').identity.auditLog({ from: addDays(today(), -92), to: today() })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [expect.objectContaining({ rule: 'period_too_long' })] },
    });
    // The staff's refused look is itself on record, for the admin.
    const refused = await allEntries('demo-admin', { what: 'refused' });
    expect(refused).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'seed-staff-qs', refusal: { action: 'identity.auditLog', cause: 'role_not_allowed' } })]));
  });
});
