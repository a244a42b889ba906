import { startTestCloud, type TestCloud } from '../support/devcloud';

// The runtime modules run in this test process against devcloud through the real wx-server-sdk,
// exactly as inside a function instance (DEVCLOUD_SERVICE_URL must be set before they load).
let cloud: TestCloud;
let nextSequence: (key: string, now: Date) => Promise<number>;

beforeAll(async () => {
  cloud = await startTestCloud();
  process.env.DEVCLOUD_SERVICE_URL = cloud.serviceUrl;
  ({ nextSequence } = jest.requireActual<typeof import('../../cloudfunctions/_runtime/counters')>('../../cloudfunctions/_runtime/counters'));
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
});
