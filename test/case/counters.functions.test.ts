import { startTestCloud, type TestCloud } from '../support/devcloud';

// The runtime modules run in this test process against devcloud through the real wx-server-sdk,
// exactly as inside a function instance (DEVCLOUD_SERVICE_URL must be set before they load).
let cloud: TestCloud;
let nextSequence: (key: string, now: Date) => Promise<number>;
let CLAIM_WINDOW: number;

beforeAll(async () => {
  cloud = await startTestCloud();
  process.env.DEVCLOUD_SERVICE_URL = cloud.serviceUrl;
  ({ nextSequence, CLAIM_WINDOW } = jest.requireActual<typeof import('../../cloudfunctions/_runtime/counters')>('../../cloudfunctions/_runtime/counters'));
});
afterAll(async () => {
  delete process.env.DEVCLOUD_SERVICE_URL;
  await cloud.close();
});

describe('nextSequence', () => {
  it('hands out 1..300 exactly once to 300 concurrent callers, the first ones racing to create the counter', async () => {
    const now = new Date();
    const values = await Promise.all(Array.from({ length: 300 }, () => nextSequence('TJ20261122', now)));
    expect(new Set(values).size).toBe(300);
    expect(Math.min(...values)).toBe(1);
    expect(Math.max(...values)).toBe(300);
  }, 60000);

  it('keeps separate sequences apart', async () => {
    const now = new Date();
    expect(await nextSequence('ZX20261122', now)).toBe(1);
    expect(await nextSequence('ZX20261123', now)).toBe(1);
    expect(await nextSequence('ZX20261122', now)).toBe(2);
  });

  it('keeps the counter document the same size however many values it hands out', async () => {
    const now = new Date();
    const size = () => JSON.stringify(cloud.db.find('counters', { _id: 'FL20261122' })).length;
    const draw = async (count: number) => {
      const values: number[] = [];
      // Batches of 100 at once: concurrent, as callers are, without queueing thousands of sockets.
      for (let i = 0; i < count; i += 100) values.push(...(await Promise.all(Array.from({ length: 100 }, () => nextSequence('FL20261122', now)))));
      return values;
    };
    const first = await draw(CLAIM_WINDOW);
    const atWindow = size();
    const more = await draw(CLAIM_WINDOW);
    const values = [...first, ...more];
    expect(new Set(values).size).toBe(2 * CLAIM_WINDOW);
    expect(Math.max(...values)).toBe(2 * CLAIM_WINDOW);
    // Twice the values, the same document: only the digits of the last value may differ.
    expect(size()).toBeLessThanOrEqual(atWindow + 2);
    expect(size()).toBeLessThan(16 * 1024);
    const [doc] = cloud.db.find('counters', { _id: 'FL20261122' }) as Array<{ value: number; recent: string[] }>;
    expect(doc).toMatchObject({ value: 2 * CLAIM_WINDOW });
    expect(doc?.recent).toHaveLength(CLAIM_WINDOW);
  }, 120000);

  it('goes on after the last claim of a day numbered before the window existed', async () => {
    await cloud.db.insertMany('counters', [{ _id: 'GZ20261122', claims: ['a1', 'b2', 'c3'], updatedAt: new Date() }]);
    expect(await nextSequence('GZ20261122', new Date())).toBe(4);
    expect(await nextSequence('GZ20261122', new Date())).toBe(5);
  });
});
