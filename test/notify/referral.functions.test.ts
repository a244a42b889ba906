import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * C2's referral steps reach the resident through N1's outbox: 已转交 when the case goes to an outside
 * body, and 机构已受理 when that body accepts it (its statutory period starts), both pushed by
 * PUSH_POLICY and both in the 消息 inbox with who has the case and until when.
 */

let cloud: TestCloud;
const setClock = (iso: string) => cloud.clock.set(new Date(iso));
const act = (openid: string, caseId: string, command: object) => cloud.api(openid).case.act({ caseId, command } as never);

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 60000);
afterAll(async () => {
  await cloud.close();
});

it('tells the resident when the case is referred and when the outside body accepts it', async () => {
  await setClock('2026-03-02T02:00:00Z'); // Monday 10:00 in Beijing
  const { id } = await cloud.api('demo-elder').case.submit({ category: 'notary', summary: '办继承公证', applicant: { name: '张大爷', phone: '13800000000' } });
  await act('demo-staff', id, { type: 'accept' });
  await setClock('2026-03-03T02:00:00Z');
  await act('demo-staff', id, { type: 'refer', body: 'notaryOffice' });
  await setClock('2026-03-05T08:00:00Z');
  await act('demo-staff', id, { type: 'recordAcceptance', acceptedOn: '2026-03-05' });

  const { entries } = await cloud.api('demo-elder').notify.inbox({});
  const mine = entries.filter((e) => e.link.id === id);
  const referred = mine.find((e) => e.event === 'case.referred');
  const accepted = mine.find((e) => e.event === 'case.outsideAccepted');
  expect(referred).toMatchObject({ phrase: '已转交', title: '已转交受理机构' });
  expect(referred?.body).toContain('公证处');
  expect(accepted).toMatchObject({ phrase: '机构已受理', title: '受理机构已受理' });
  expect(accepted?.body).toContain('15个工作日');
  // Both are pushed (a subscribe message is attempted with a consent), not left to the inbox alone.
  const outbox = cloud.db.find('notices', { to: 'demo-elder', event: { $in: ['case.referred', 'case.outsideAccepted'] } }) as Array<{ notice: { push: boolean }; outcome: string | null }>;
  expect(outbox).toHaveLength(2);
  expect(outbox.every((n) => n.notice.push && n.outcome !== 'inbox_only')).toBe(true);
  // The worker who did it hears nothing of their own step.
  expect((await cloud.api('demo-staff').notify.inbox({})).entries.filter((e) => e.link.id === id && e.event.startsWith('case.'))).toEqual([]);
});
