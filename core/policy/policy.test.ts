import { mayAccess, mayCall, roleReaches, scopesOf, SCOPES, type Access, type Scope, type Subject, type Target } from './policy';
import { ROLES, type Role } from '../identity/roles';

// A township staff member of 青石镇, judged against targets inside and outside each scope.
const subject = (role: Role): Subject => ({ openid: 'me', roles: [role], grants: role === 'resident' ? [] : [{ role, orgId: 'qs-station' }] });

const IN_SCOPE: Record<Scope, Target> = {
  any: { orgId: 'xl-station', orgPath: ['qh-center'] },
  own: { ownerOpenid: 'me' },
  assigned: { handlerOpenids: ['someone', 'me'] },
  subtree: { orgId: 'qs-dongpo', orgPath: ['qh-center', 'qs-station'] },
};

const OUT_OF_SCOPE: Record<Exclude<Scope, 'any'>, Target> = {
  own: { ownerOpenid: 'someone-else' },
  assigned: { handlerOpenids: ['someone'] },
  // Another township's village, and the county center above the caller's own unit.
  subtree: { orgId: 'xl-baiyang', orgPath: ['qh-center', 'xl-station'] },
};

describe('scope matrix: every role × every scope × a target inside and outside it', () => {
  const cells = ROLES.flatMap((role) => SCOPES.map((scope) => ({ role, scope })));

  it.each(cells)('$role with $scope reaches what is inside and nothing outside', ({ role, scope }) => {
    const access: Access = { [role]: [scope] };
    expect(mayCall(subject(role), access)).toBe(true);
    // A resident holds no grant, so no unit: a subtree scope given to residents reaches nothing.
    expect(mayAccess(subject(role), access, IN_SCOPE[scope])).toBe(!(role === 'resident' && scope === 'subtree'));
    if (scope !== 'any') expect(mayAccess(subject(role), access, OUT_OF_SCOPE[scope])).toBe(false);
    // A role the action does not list reaches nothing, whatever the target.
    const other = ROLES.find((r) => r !== role) as Role;
    expect(mayCall(subject(other), access)).toBe(false);
    expect(mayAccess(subject(other), access, IN_SCOPE[scope])).toBe(false);
  });

  it('does not let a unit reach its parent: subtree goes down, never up', () => {
    const access: Access = { staff: ['subtree'] };
    expect(mayAccess(subject('staff'), access, { orgId: 'qh-center', orgPath: [] })).toBe(false);
    expect(mayAccess(subject('staff'), access, { orgId: 'qs-station', orgPath: ['qh-center'] })).toBe(true);
  });

  it('treats a missing owner or handler list as out of scope, never as a match', () => {
    expect(mayAccess(subject('resident'), { resident: ['own'] }, {})).toBe(false);
    expect(mayAccess(subject('advisor'), { advisor: ['assigned'] }, { handlerOpenids: [] })).toBe(false);
    expect(mayAccess(subject('staff'), { staff: ['subtree'] }, { orgPath: ['qs-station'] })).toBe(false);
  });

  it('combines the scopes of all the caller’s roles', () => {
    const both: Subject = { openid: 'me', roles: ['advisor', 'staff'], grants: [{ role: 'advisor', orgId: 'qs-station' }, { role: 'staff', orgId: 'qs-station' }] };
    const access: Access = { advisor: ['assigned'], staff: ['subtree'] };
    expect([...scopesOf(both, access)].sort()).toEqual(['assigned', 'subtree']);
    expect(mayAccess(both, access, OUT_OF_SCOPE.subtree)).toBe(false);
    expect(mayAccess(both, access, { ...OUT_OF_SCOPE.subtree, handlerOpenids: ['me'] })).toBe(true);
  });
});

describe('grants', () => {
  it('checks a subtree scope against the grant that gives it, not every unit the person serves', () => {
    // Staff of 新联镇's station and legal advisor of 青石镇's 东坡村: staff reach stops at 新联镇.
    const person: Subject = { openid: 'me', roles: ['advisor', 'staff'], grants: [{ role: 'advisor', orgId: 'qs-dongpo' }, { role: 'staff', orgId: 'xl-station' }] };
    const access: Access = { staff: ['subtree'] };
    expect(mayAccess(person, access, { orgId: 'xl-baiyang', orgPath: ['qh-center', 'xl-station'] })).toBe(true);
    expect(mayAccess(person, access, { orgId: 'qs-dongpo', orgPath: ['qh-center', 'qs-station'] })).toBe(false);
    expect(roleReaches(person, { advisor: ['subtree'] }, 'advisor', { orgId: 'qs-dongpo', orgPath: ['qh-center', 'qs-station'] })).toBe(true);
  });
});
