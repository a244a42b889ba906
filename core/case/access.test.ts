import fc from 'fast-check';
import { ROLES, type Role } from '../identity/roles';
import { SCOPES, type Access, type Subject } from '../policy/policy';
import { caseReachQuery, mayReachCase, workerRoleOn, type CaseReach, type ReachAlternative } from './access';

const UNITS = ['center', 'station-a', 'station-b', 'room-a1', 'room-a2', 'room-b1'];
const PATHS: Record<string, string[]> = {
  center: [],
  'station-a': ['center'],
  'station-b': ['center'],
  'room-a1': ['center', 'station-a'],
  'room-a2': ['center', 'station-a'],
  'room-b1': ['center', 'station-b'],
};
const PEOPLE = ['p1', 'p2', 'p3'];

const person = fc.option(fc.constantFrom(...PEOPLE), { nil: null });
const caseArb: fc.Arbitrary<CaseReach> = fc
  .record({ orgId: fc.constantFrom(...UNITS), applicant: person, proxy: person, handler: person, firstHandler: person })
  .map((c) => ({
    orgId: c.orgId,
    orgPath: PATHS[c.orgId] ?? [],
    applicant: { openid: c.applicant, name: '申请人', phone: '1' },
    proxy: c.proxy ? { openid: c.proxy, name: '代办人', phone: '1', relation: '亲属' } : null,
    handler: c.handler ? { openid: c.handler, name: '承办人' } : null,
    firstHandler: c.firstHandler ? { openid: c.firstHandler, name: '首办人' } : null,
    transfer: null,
    transferPath: null,
  }));
const GRANT_ROLES_HERE = ['advisor', 'staff', 'supervisor', 'admin'] as const;
const subjectArb: fc.Arbitrary<Subject> = fc
  .record({
    openid: fc.constantFrom(...PEOPLE),
    resident: fc.boolean(),
    grants: fc.uniqueArray(fc.record({ role: fc.constantFrom(...GRANT_ROLES_HERE), orgId: fc.constantFrom(...UNITS) }), {
      selector: (g) => `${g.role}@${g.orgId}`,
      maxLength: 5,
    }),
  })
  .map(({ openid, resident, grants }) => {
    const roles: Role[] = [...new Set(grants.map((g) => g.role))];
    return { openid, roles: resident || roles.length === 0 ? ['resident', ...roles] : roles, grants };
  });
const accessArb: fc.Arbitrary<Access> = fc.dictionary(fc.constantFrom(...ROLES), fc.subarray([...SCOPES], { minLength: 1 }));

/** How the database reads an alternative: a scalar field equal to a value, an array field containing one. */
function matches(query: ReachAlternative[] | null, c: CaseReach): boolean {
  if (query === null) return true;
  const read = (field: ReachAlternative['field']): Array<string | null | undefined> => {
    switch (field) {
      case 'applicant.openid':
        return [c.applicant.openid];
      case 'proxy.openid':
        return [c.proxy?.openid];
      case 'handler.openid':
        return [c.handler?.openid];
      case 'firstHandler.openid':
        return [c.firstHandler?.openid];
      case 'orgId':
        return [c.orgId];
      case 'orgPath':
        return [...c.orgPath];
    }
  };
  return query.some((alt) => read(alt.field).some((v) => v != null && alt.values.includes(v)));
}

describe('caseReachQuery', () => {
  it('finds exactly the cases mayReachCase lets the caller reach (pending transfers aside)', () => {
    fc.assert(
      fc.property(subjectArb, accessArb, caseArb, (subject, access, c) => {
        expect(matches(caseReachQuery(subject, access), c)).toBe(mayReachCase(subject, access, c));
      }),
      { numRuns: 2000 },
    );
  });

  it('reaches nothing for a worker with no units and nothing assigned, rather than everything', () => {
    expect(caseReachQuery({ openid: 'p1', roles: ['staff'], grants: [] }, { staff: ['subtree'] })).toEqual([]);
  });

  it('widens a subtree only by the units of the roles that hold it', () => {
    const advisorHereStaffThere: Subject = { openid: 'p1', roles: ['advisor', 'staff'], grants: [{ role: 'advisor', orgId: 'room-a1' }, { role: 'staff', orgId: 'station-b' }] };
    expect(caseReachQuery(advisorHereStaffThere, { advisor: ['assigned'], staff: ['subtree'] })).toEqual(
      expect.arrayContaining([{ field: 'orgId', values: ['station-b'] }, { field: 'orgPath', values: ['station-b'] }]),
    );
  });
});

describe('grants: each role reaches by its own units', () => {
  const access: Access = { advisor: ['assigned'], staff: ['assigned', 'subtree'] };
  const person: Subject = { openid: 'p1', roles: ['advisor', 'staff'], grants: [{ role: 'advisor', orgId: 'room-a1' }, { role: 'staff', orgId: 'station-b' }] };
  const inRoomA1: CaseReach = {
    orgId: 'room-a1',
    orgPath: PATHS['room-a1'] ?? [],
    applicant: { openid: 'p2', name: '申请人', phone: '1' },
    proxy: null,
    handler: null,
    firstHandler: null,
    transfer: null,
    transferPath: null,
  };

  it('does not let a staff grant in one township reach a village of another where the person only advises', () => {
    expect(mayReachCase(person, access, inRoomA1)).toBe(false);
    expect(mayReachCase(person, access, { ...inRoomA1, orgId: 'room-b1', orgPath: PATHS['room-b1'] ?? [] })).toBe(true);
  });

  it('acts on a case in the role whose grant reaches it', () => {
    const assigned = { ...inRoomA1, handler: { openid: 'p1', name: '承办人' } };
    // Assigned in their own village: its advisor, though staff could reach it by being assigned.
    expect(workerRoleOn(person, access, assigned)).toBe('advisor');
    expect(workerRoleOn(person, { advisor: ['assigned'], staff: ['subtree'] }, assigned)).toBe('advisor');
    expect(workerRoleOn(person, { advisor: ['assigned'], staff: ['subtree'] }, { ...inRoomA1, orgId: 'room-b1', orgPath: PATHS['room-b1'] ?? [] })).toBe('staff');
    expect(workerRoleOn(person, access, inRoomA1)).toBeNull();
  });
});
