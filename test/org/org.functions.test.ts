import { startTestCloud, type TestCloud } from '../support/devcloud';
import { ROOMS, STATIONS } from '../../scripts/seed/demo-county';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

const refusal = (code: string, reason: string) => ({ code, details: { reason } });
const room = ROOMS[0];

describe('the directory (三级平台)', () => {
  it('lists the 12 village rooms under their stations for anyone', async () => {
    const { orgs } = await cloud.api('demo-resident').org.list({ tier: 'room' });
    expect(orgs).toHaveLength(12);
    expect(orgs.find((o) => o.id === 'lh-dawan')?.path).toEqual(['qh-center', 'lh-station']);
  });

  it('tells a worker which units are their own along with the directory, and a resident none', async () => {
    expect((await cloud.api('seed-staff-qs').org.list({})).mine).toEqual(['qs-station']);
    expect((await cloud.api('demo-resident').org.list({})).mine).toEqual([]);
  });

  it("shows a village room's public notice with the advisors who serve it", async () => {
    const res = await cloud.api('demo-elder').org.get({ id: 'qs-shanxia' });
    expect(res.org.name).toBe('山下村公共法律服务工作室');
    expect(res.org.notice).toMatchObject({ officeHours: '每周二上午驻点', supervisionPhone: '0999-12348' });
    expect(res.advisors.map((a) => a.displayName)).toEqual(['林晓岚律师']);
  });

  it('answers a unit that does not exist as not found', async () => {
    await expect(cloud.api('demo-elder').org.get({ id: 'no-such-room' })).rejects.toMatchObject(refusal('NOT_FOUND', 'unit_not_found'));
  });
});

describe('keeping the directory', () => {
  it('refuses a room placed directly under the center', async () => {
    if (!room) throw new Error('the demo county has no rooms');
    await expect(cloud.api('demo-admin').org.save({ ...room, id: 'bad-room', parentId: 'qh-center' })).rejects.toMatchObject(
      refusal('VALIDATION_FAILED', 'wrong_parent'),
    );
  });

  it('refuses a parent that does not exist', async () => {
    if (!room) throw new Error('the demo county has no rooms');
    await expect(cloud.api('demo-admin').org.save({ ...room, id: 'lost-room', parentId: 'no-such-station' })).rejects.toMatchObject(
      refusal('NOT_FOUND', 'parent_not_found'),
    );
  });

  it('lets only an admin change the directory', async () => {
    if (!room) throw new Error('the demo county has no rooms');
    await expect(cloud.api('demo-supervisor').org.save(room)).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_allowed'));
  });

  it('refuses to move a unit under another parent once its subtree exists', async () => {
    if (!room) throw new Error('the demo county has no rooms');
    await expect(cloud.api('demo-admin').org.save({ ...room, parentId: 'xl-station' })).rejects.toMatchObject(refusal('INVALID_STATE', 'unit_fixed'));
  });

  it('saves an edit that keeps tier and parent, and records it', async () => {
    const station = STATIONS[0];
    if (!station) throw new Error('the demo county has no stations');
    const before = cloud.db.find('audit_log', { what: 'org.save', subject: station.id }).length;
    const saved = await cloud.api('demo-admin').org.save({ ...station, name: `${station.name}（新址）` });
    expect(saved).toMatchObject({ id: station.id, name: `${station.name}（新址）`, path: ['qh-center'], active: true });
    expect((await cloud.api('demo-resident').org.get({ id: station.id })).org.name).toBe(`${station.name}（新址）`);
    expect(cloud.db.find('audit_log', { what: 'org.save', subject: station.id })).toHaveLength(before + 1);
  });
});
