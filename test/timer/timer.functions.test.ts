import { formatShanghai, type InputOf, type caseContracts } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * The timer function on devcloud's movable clock: deadlines escalate once, nothing non-urgent goes
 * out between 22:00 and 08:00 Beijing (it goes at 08:00), no send is attempted without a consent,
 * a 43101 stops the template until a new consent, and a materials deadline withdraws the case.
 * Every time below is Beijing time written as UTC instants, so the file means the same under TZ=UTC.
 */

type Command = InputOf<(typeof caseContracts)['act']>['command'];
let cloud: TestCloud;
const bj = (iso: string) => new Date(`${iso}+08:00`);
const at = (iso: string) => cloud.clock.set(bj(iso));
const tick = async () => {
  const run = await cloud.triggers.fireNow('timer');
  expect(run).toMatchObject({ ok: true });
};
const act = (openid: string, caseId: string, command: Command) => cloud.api(openid).case.act({ caseId, command });
const inbox = async (openid: string) => (await cloud.api(openid).notify.inbox({})).entries;
/** The stored case, read from devcloud's database: what the timer itself reads. */
const stored = (id: string) => cloud.db.find('cases', { _id: id }, {})[0] as { status: string; dueAt: Date | null; withdrawal: { deemed: boolean } | null };
const sentTo = (openid: string) => cloud.messenger.sent.filter((m) => m.touser === openid);
/** Both halves of a tap on 允许: WeChat's own record (devcloud's messenger) and our ledger. */
async function consent(openid: string, names: string[]): Promise<void> {
  cloud.messenger.accept(openid, names);
  await cloud.api(openid).notify.recordConsent({ answers: Object.fromEntries(names.map((n) => [n, 'accept'])) });
}

let overdueCase = '';

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  at('2026-05-11T10:00'); // a Monday
  await consent('demo-supervisor', ['workNotice']);
  overdueCase = (await cloud.api('demo-resident').case.submit({ category: 'consultation', summary: '宅基地边界纠纷', applicant: { name: '李大姐', phone: '13800000001' } })).id;
  await tick(); // due tomorrow: 即将到期 from the first run
}, 60000);
afterAll(async () => {
  await cloud.close();
});

describe('an overdue case', () => {
  it('escalates to the unit’s supervisor once, in the inbox at once and on the phone at 08:00', async () => {
    const due = stored(overdueCase).dueAt;
    expect(due).not.toBeNull();
    // Just after the deadline, in the night.
    const night = new Date(new Date(due as Date).getTime() + 10 * 60_000);
    expect(Number(formatShanghai(night, 'H'))).toBeLessThan(8);
    for (let i = 0; i < 5; i++) {
      cloud.clock.set(new Date(night.getTime() + i * 2 * 60_000));
      await tick();
    }
    const escalations = (await inbox('demo-supervisor')).filter((e) => e.event === 'work.overdue' && e.link.id === overdueCase);
    expect(escalations).toHaveLength(1);
    expect(sentTo('demo-supervisor')).toHaveLength(0);

    at(`${formatShanghai(night, 'YYYY-MM-DD')}T08:00`);
    await tick();
    await tick();
    const sends = sentTo('demo-supervisor').filter((m) => m.data.character_string1?.value && m.templateId === 'workNotice' && m.data.phrase3?.value === '已超期');
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ errcode: 0, page: `/pages/case/detail/index?caseId=${overdueCase}` });
    expect(formatShanghai(new Date(sends[0]?.at as string), 'HH:mm')).toBe('08:00');
    expect((await inbox('demo-supervisor')).filter((e) => e.event === 'work.overdue' && e.link.id === overdueCase)).toHaveLength(1);
  });

  it('tells the unit’s staff it was due soon, without a send to anyone who never consented', async () => {
    const staff = (await inbox('demo-staff')).filter((e) => e.event === 'work.dueSoon' && e.link.id === overdueCase);
    expect(staff).toHaveLength(1);
    expect(sentTo('demo-staff')).toHaveLength(0);
  });
});

describe('staff notices', () => {
  it('tells the receiving station’s staff a transfer waits for them, and a worker a case assigned to them', async () => {
    at('2026-05-12T09:00');
    const { id, code } = await cloud.api('demo-elder').case.submit({ category: 'mediation', summary: '鸡鸭越界吃了菜地', applicant: { name: '王奶奶', phone: '13800000002' } });
    await act('demo-staff', id, { type: 'transfer', toOrgId: 'qs-station', reason: '属青石镇' });
    await tick();
    const waiting = (await inbox('seed-staff-qs')).filter((e) => e.event === 'work.transferWaiting' && e.link.id === id);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.body).toContain(code);
    // Nobody at the center is told of a transfer to the station.
    expect((await inbox('demo-staff')).filter((e) => e.event === 'work.transferWaiting')).toEqual([]);

    const other = (await cloud.api('demo-elder').case.submit({ category: 'consultation', summary: '问问遗嘱怎么写', applicant: { name: '王奶奶', phone: '13800000002' } })).id;
    await act('demo-supervisor', other, { type: 'assign', handler: { openid: 'demo-staff', name: '陈静' } });
    expect((await inbox('demo-staff')).filter((e) => e.event === 'work.assigned' && e.link.id === other)).toHaveLength(1);
  });
});

describe('consent', () => {
  let first = '';
  let second = '';
  beforeAll(async () => {
    at('2026-05-13T09:00');
    first = (await cloud.api('demo-elder').case.submit({ category: 'consultation', summary: '养老金被拖欠', applicant: { name: '王奶奶', phone: '13800000002' } })).id;
    second = (await cloud.api('demo-elder').case.submit({ category: 'consultation', summary: '低保怎么申请', applicant: { name: '王奶奶', phone: '13800000002' } })).id;
    for (const id of [first, second]) {
      await act('demo-staff', id, { type: 'accept' });
    }
    await act('demo-staff', first, { type: 'resolve', result: '已电话答复' });
  }, 30000);

  it('a consent WeChat no longer honours (43101) stops the template until the person allows it again', async () => {
    // Our ledger holds a consent WeChat has not got (e.g. given on another phone and spent there).
    await cloud.api('demo-elder').notify.recordConsent({ answers: { surveyInvite: 'accept' } });
    at('2026-05-14T10:00'); // a day after 办结: the rating invitation
    await tick();
    expect(sentTo('demo-elder').map((m) => m.errcode)).toEqual([43101]);
    expect((await cloud.api('demo-elder').notify.settings({})).templates.find((t) => t.name === 'surveyInvite')).toMatchObject({ on: false, stopped: true });

    // The second case is resolved and its invitation comes due: inbox only, no attempt.
    await act('demo-staff', second, { type: 'resolve', result: '已告知办理流程' });
    at('2026-05-15T10:05');
    await tick();
    expect(sentTo('demo-elder')).toHaveLength(1);
    expect((await inbox('demo-elder')).filter((e) => e.event === 'survey.invite')).toHaveLength(2);

    // A new tap on 允许 lifts the stop: the week's reminder goes out.
    await consent('demo-elder', ['surveyInvite']);
    at('2026-05-20T10:00');
    await tick();
    expect(sentTo('demo-elder').map((m) => m.errcode)).toEqual([0, 43101]);
  });
});

describe('the materials deadline', () => {
  it('withdraws a case whose 一次性告知 went unanswered for 15 days', async () => {
    at('2026-06-01T09:00');
    const id = (await cloud.api('demo-migrant').case.submit({ category: 'consultation', summary: '工资被拖欠三个月', applicant: { name: '刘师傅', phone: '13800000003' } })).id;
    await act('demo-staff', id, { type: 'accept' });
    await act('demo-staff', id, { type: 'requestMaterials', items: ['劳动合同', '工资条'] });
    at('2026-06-15T09:00');
    await tick();
    expect(stored(id).status).toBe('awaitingMaterials');
    at('2026-06-16T09:30');
    await tick();
    await tick();
    expect(stored(id)).toMatchObject({ status: 'withdrawn', withdrawal: { deemed: true } });
    // …and tells the resident, pushed (with a consent) like every step that changes what they must do.
    expect((await inbox('demo-migrant')).filter((e) => e.event === 'case.deemedWithdrawn' && e.link.id === id)).toHaveLength(1);
  });
});
