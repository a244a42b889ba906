import fc from 'fast-check';
import { ROLES, type Role } from '../identity/roles';
import { SCOPES, type Access, type Subject } from '../policy/policy';
import { caseReachQuery, mayReachCase, type CaseReach, type ReachAlternative } from './access';

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
const subjectArb: fc.Arbitrary<Subject> = fc.record({
  openid: fc.constantFrom(...PEOPLE),
  roles: fc.subarray([...ROLES] as Role[], { minLength: 1 }),
  orgIds: fc.subarray(UNITS),
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
    expect(caseReachQuery({ openid: 'p1', roles: ['staff'], orgIds: [] }, { staff: ['subtree'] })).toEqual([]);
  });
});
