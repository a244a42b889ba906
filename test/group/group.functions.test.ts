import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * The village advisor group (G1) through the group function on devcloud, strict about indexes.
 * Times are Beijing times written as UTC instants, so the file means the same under TZ=UTC.
 * 东坡村 (qs-dongpo) is served by demo-advisor; its station is 青石镇 (qs-station, seed-staff-qs).
 */
let cloud: TestCloud;
const bj = (iso: string) => new Date(`${iso}+08:00`);
const at = (iso: string) => cloud.clock.set(bj(iso));
const g = (openid: string) => cloud.api(openid).group;
const tick = async () => expect(await cloud.triggers.fireNow('timer')).toMatchObject({ ok: true });
const GROUP = 'qs-dongpo';

async function refusal(p: Promise<unknown>): Promise<{ code: string; reason: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code: string; details?: { reason: string } };
    return { code: e.code, reason: e.details?.reason ?? '' };
  }
  throw new Error('not refused');
}
const inbox = async (openid: string) => (await cloud.api(openid).notify.inbox({})).entries;
const iso = (d: unknown) => new Date(d as string).toISOString();
const texts = (list: Array<{ text: string }>) => list.map((m) => m.text);

let joinCode = '';
let asked = '';

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  at('2026-05-11T10:00'); // a Monday
}, 60000);
afterAll(async () => {
  await cloud.close();
});

describe('a village nobody has used yet', () => {
  it('gets no group from a refused call: only someone who may see it creates it, and then once', async () => {
    const village = 'xl-qiaotou';
    const stored = () => cloud.db.find('groups', { _id: village }).length;
    expect(stored()).toBe(0);
    // Another township's advisor, a resident who never joined, a forged share card: refused, nothing written.
    expect(await refusal(g('demo-advisor').setRole({ groupId: village, openid: 'demo-resident', role: 'cadre' }))).toEqual({ code: 'NOT_FOUND', reason: 'group_not_found' });
    expect(await refusal(g('demo-resident').open({ groupId: village }))).toEqual({ code: 'NOT_FOUND', reason: 'group_not_found' });
    expect(stored()).toBe(0);
    // Its own advisor opens it: stored now, the same group (and join code) for everyone after.
    const first = await g('seed-advisor-5').open({ groupId: village });
    const again = await g('seed-staff-xl').open({ groupId: village });
    expect(stored()).toBe(1);
    expect(again.joinCode).toBe(first.joinCode);
  });
});

describe('joining', () => {
  it('keeps a group from anyone who has not joined; the advisor sees it without joining and hands out its code', async () => {
    expect(await refusal(g('demo-resident').open({ groupId: GROUP }))).toEqual({ code: 'NOT_FOUND', reason: 'group_not_found' });
    const view = await g('demo-advisor').open({ groupId: GROUP });
    expect(view).toMatchObject({ worker: true, member: false, role: '法律顾问', name: '东坡村法律顾问群' });
    expect(view.joinCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(view.advisors).toContain('林晓岚律师');
    joinCode = view.joinCode as string;
    // The advisor's villages and the station's villages (微信矩阵) without joining any.
    expect((await g('demo-advisor').mine({})).groups.map((x) => x.groupId).sort()).toEqual(['qs-dongpo', 'qs-heping', 'qs-shanxia']);
    expect((await g('seed-staff-qs').mine({})).groups).toHaveLength(4);
  });

  it('joins by the village code and makes it the resident’s home village', async () => {
    expect(await refusal(g('demo-resident').join({ code: 'ZZZZZZ' }))).toEqual({ code: 'NOT_FOUND', reason: 'code_invalid' });
    expect(await g('demo-resident').join({ code: joinCode.toLowerCase(), name: '李大姐' })).toEqual({ groupId: GROUP, name: '东坡村法律顾问群' });
    await g('demo-elder').join({ code: joinCode, name: '王大爷' });
    expect((await g('demo-resident').home({})).home).toEqual({ groupId: GROUP, name: '东坡村法律顾问群' });
    expect((await g('demo-resident').open({ groupId: GROUP })).member).toBe(true);
  });

  it('joins by the card shared into the real WeChat group, binding that group to the village once', async () => {
    const share = (await g('demo-advisor').open({ groupId: GROUP })).sharePath as string;
    const token = new URL(`http://x${share}`).searchParams.get('t') as string;
    const enter = async (openid: string, opengid: string, chatType = 3) => {
      const res = await fetch(`${cloud.url}/devcloud/group-enter`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-devcloud-openid': openid }, body: JSON.stringify({ opengid, chatType }) });
      return ((await res.json()) as { data: { cloudID: string } }).data.cloudID;
    };
    expect(await refusal(g('demo-migrant').join({ groupId: GROUP, token: 'wrongtoken', cloudId: await enter('demo-migrant', 'wxg-dongpo') }))).toEqual({ code: 'FORBIDDEN', reason: 'card_invalid' });
    expect(await refusal(g('demo-migrant').join({ groupId: GROUP, token, cloudId: await enter('demo-migrant', 'single', 1) }))).toEqual({ code: 'VALIDATION_FAILED', reason: 'not_from_group' });
    // Someone else's cloudID, or one older than 5 minutes, decodes to nothing.
    expect(await refusal(g('demo-migrant').join({ groupId: GROUP, token, cloudId: await enter('demo-elder', 'wxg-dongpo') }))).toEqual({ code: 'VALIDATION_FAILED', reason: 'card_expired' });
    const stale = await enter('demo-migrant', 'wxg-dongpo');
    at('2026-05-11T10:06');
    expect(await refusal(g('demo-migrant').join({ groupId: GROUP, token, cloudId: stale }))).toEqual({ code: 'VALIDATION_FAILED', reason: 'card_expired' });
    expect(await g('demo-migrant').join({ groupId: GROUP, token, cloudId: await enter('demo-migrant', 'wxg-dongpo') })).toMatchObject({ groupId: GROUP });
    expect((cloud.db.find('groups', { _id: GROUP }, {})[0] as { opengids: string[] }).opengids).toEqual(['wxg-dongpo']);
    // Another village's card opened in the same WeChat group cannot take it over.
    const other = (await g('demo-advisor').open({ groupId: 'qs-shanxia' })).sharePath as string;
    const otherToken = new URL(`http://x${other}`).searchParams.get('t') as string;
    expect(await refusal(g('demo-migrant').join({ groupId: 'qs-shanxia', token: otherToken, cloudId: await enter('demo-migrant', 'wxg-dongpo') }))).toEqual({ code: 'CONFLICT', reason: 'group_bound_elsewhere' });
    at('2026-05-11T10:00');
  });
});

describe('a question answered', () => {
  it('shows as answered to everyone, with the answer time kept', async () => {
    const q = (await g('demo-resident').post({ groupId: GROUP, kind: 'question', text: '邻居占了我家宅基地怎么办？', contact: { name: '李大姐', phone: '13800000001' } })).message;
    asked = q.id;
    expect(q).toMatchObject({ status: 'open', moderation: 'visible' });
    expect(iso(q.dueAt)).toBe(bj('2026-05-12T12:00').toISOString()); // the next working day by noon
    at('2026-05-11T11:30');
    const elder = await g('demo-elder').open({ groupId: GROUP });
    await g('demo-advisor').post({ groupId: GROUP, kind: 'answer', questionId: asked, text: '先找村调委会调解，带上土地证。' });
    // The elder's page asks only for what changed: the answer and the question's new status.
    at('2026-05-11T11:31');
    const polled = await g('demo-elder').poll({ groupId: GROUP, cursor: elder.cursor });
    expect(polled.messages.map((m) => m.kind).sort()).toEqual(['answer', 'question']);
    const seen = polled.messages.find((m) => m.id === asked);
    expect(seen).toMatchObject({ status: 'answered', statusLabel: '已解答', answerSeconds: 90 * 60 });
    expect(new Date(seen?.answeredAt as unknown as string).getTime() - bj('2026-05-11T11:30').getTime()).toBeLessThan(2000);
    expect((await g('demo-elder').poll({ groupId: GROUP, cursor: polled.cursor })).messages).toEqual([]);
    // The asker hears of the first answer in 消息, once, with the group page to open.
    const told = (await inbox('demo-resident')).filter((e) => e.id === `group:answered:${asked}`);
    expect(told).toHaveLength(1);
    expect(told[0]?.link.page).toBe(`/pages/group/index/index?groupId=${GROUP}`);
    // Only the asker closes it.
    expect(await refusal(g('demo-elder').closeQuestion({ questionId: asked }))).toEqual({ code: 'FORBIDDEN', reason: 'not_asker' });
    expect((await g('demo-resident').closeQuestion({ questionId: asked })).message.status).toBe('closed');
  });

  it('a poll costs one indexed query and reads no membership', async () => {
    const { cursor } = await g('demo-elder').open({ groupId: GROUP });
    const seen: string[] = [];
    const stop = cloud.db.onRequest((req) => {
      if (req.collectionName !== 'members') seen.push(`${String(req.action)} ${String(req.collectionName)}`);
    });
    try {
      await g('demo-elder').poll({ groupId: GROUP, cursor });
    } finally {
      stop();
    }
    expect(seen).toEqual(['database.getDocument group_messages']);
  });
});

describe('the content check', () => {
  it('refuses a risky message and shows it to nobody; a review message appears only after approval', async () => {
    const before = await g('demo-resident').open({ groupId: GROUP });
    expect(await refusal(g('demo-elder').post({ groupId: GROUP, kind: 'message', text: '谁要赌博来找我' }))).toEqual({ code: 'VALIDATION_FAILED', reason: 'content_risky' });
    expect(cloud.db.find('group_messages', {}, {}).some((d) => String((d as { text: string }).text).includes('赌博'))).toBe(false);
    const held = (await g('demo-elder').post({ groupId: GROUP, kind: 'message', text: '有事加微信问我' })).message;
    expect(held.moderation).toBe('held');
    expect(texts((await g('demo-elder').open({ groupId: GROUP })).messages)).toContain('有事加微信问我');
    for (const who of ['demo-resident', 'demo-migrant']) expect(texts((await g(who).open({ groupId: GROUP })).messages)).not.toContain('有事加微信问我');
    expect((await g('demo-resident').poll({ groupId: GROUP, cursor: before.cursor })).messages.map((m) => m.id)).not.toContain(held.id);
    const desk = await g('demo-advisor').workspace({});
    expect(desk.held.map((h) => h.message.id)).toContain(held.id);
    await g('demo-advisor').moderate({ messageId: held.id, approve: true });
    const after = await g('demo-resident').poll({ groupId: GROUP, cursor: before.cursor });
    expect(after.messages.find((m) => m.id === held.id)).toMatchObject({ moderation: 'visible' });
  });
});

describe('who sees what', () => {
  it('keeps a private question from other residents, not from the village’s advisor and station', async () => {
    const secret = (await g('demo-elder').post({ groupId: GROUP, kind: 'question', text: '儿子不给赡养费，我想悄悄问问', private: true })).message;
    expect(texts((await g('demo-resident').open({ groupId: GROUP })).messages)).not.toContain(secret.text);
    expect(texts((await g('demo-advisor').open({ groupId: GROUP })).messages)).toContain(secret.text);
    expect(texts((await g('seed-staff-qs').open({ groupId: GROUP })).messages)).toContain(secret.text);
    // Another township's station and another village's advisor reach nothing here.
    expect(await refusal(g('seed-staff-lh').open({ groupId: GROUP }))).toEqual({ code: 'NOT_FOUND', reason: 'group_not_found' });
    expect(await refusal(g('seed-advisor-2').open({ groupId: GROUP }))).toEqual({ code: 'NOT_FOUND', reason: 'group_not_found' });
    // The answer to a private question is the asker's alone too.
    await g('demo-advisor').post({ groupId: GROUP, kind: 'answer', questionId: secret.id, text: '可以申请法律援助，先来驻点聊聊' });
    expect(texts((await g('demo-resident').open({ groupId: GROUP })).messages)).not.toContain('可以申请法律援助，先来驻点聊聊');
    expect(texts((await g('demo-elder').open({ groupId: GROUP })).messages)).toContain('可以申请法律援助，先来驻点聊聊');
  });

  it('does not let a non-member read through someone else’s cursor', async () => {
    const { cursor } = await g('demo-resident').open({ groupId: GROUP });
    expect(await refusal(g('demo-student').poll({ groupId: GROUP, cursor }))).toEqual({ code: 'NOT_FOUND', reason: 'group_not_found' });
    expect(await refusal(g('demo-resident').poll({ groupId: GROUP, cursor: `${cursor.slice(0, -3)}AAA` }))).toEqual({ code: 'NOT_FOUND', reason: 'group_not_found' });
  });
});

describe('a question becomes a case', () => {
  it('opens one case even if tapped twice, linked both ways, and tells the asker', async () => {
    const first = await g('demo-advisor').convert({ questionId: asked, category: 'mediation' });
    const again = await g('demo-advisor').convert({ questionId: asked, category: 'mediation' });
    expect(again).toEqual(first);
    const cases = cloud.db.find('cases', { channel: 'groupChat' }, {}) as Array<{ _id: string; applicant: { openid: string; phone: string } }>;
    expect(cases.map((c) => c._id)).toEqual([first.caseId]);
    expect(cases[0]?.applicant).toMatchObject({ openid: 'demo-resident', phone: '138****0001' });
    const mine = await cloud.api('demo-resident').case.get({ caseId: first.caseId });
    expect(mine.case).toMatchObject({ id: first.caseId, code: first.caseCode, applicantName: '李大姐' });
    const q = (await g('demo-resident').open({ groupId: GROUP })).messages.find((m) => m.id === asked);
    expect(q).toMatchObject({ caseId: first.caseId, caseCode: first.caseCode });
    expect((await inbox('demo-resident')).some((e) => e.link.id === first.caseId)).toBe(true);
  });

  it('gives a group role no access to any case', async () => {
    await g('demo-advisor').setRole({ groupId: GROUP, openid: 'demo-elder', role: 'cadre' });
    expect((await g('demo-elder').open({ groupId: GROUP })).role).toBe('村干部');
    const caseId = (cloud.db.find('cases', { channel: 'groupChat' }, {})[0] as { _id: string })._id;
    expect(await refusal(cloud.api('demo-elder').case.get({ caseId }))).toEqual({ code: 'FORBIDDEN', reason: 'out_of_reach' });
    expect(await refusal(cloud.api('demo-elder').case.workbench({}))).toMatchObject({ code: 'FORBIDDEN', reason: 'role_not_allowed' });
  });
});

describe('question tracking on the timer', () => {
  it('reminds the advisor before the answer time and escalates to the township station once after it', async () => {
    at('2026-05-15T16:00'); // a Friday: due the next working day, Monday, by noon
    const q = (await g('demo-migrant').post({ groupId: GROUP, kind: 'question', text: '老板拖欠三个月工资怎么办' })).message;
    expect(iso(q.dueAt)).toBe(bj('2026-05-18T12:00').toISOString());
    const reminders = async () => (await inbox('demo-advisor')).filter((e) => e.id.startsWith(`group:remind:${q.id}:`)).length;
    const escalations = async () => (await inbox('seed-staff-qs')).filter((e) => e.id.startsWith(`group:escalate:${q.id}:`)).length;
    at('2026-05-18T08:58');
    await tick();
    expect(await reminders()).toBe(0);
    at('2026-05-18T09:00');
    await tick();
    expect(await reminders()).toBe(1);
    at('2026-05-18T11:58');
    await tick();
    expect(await escalations()).toBe(0);
    for (const t of ['12:00', '12:02', '12:04']) {
      at(`2026-05-18T${t}`);
      await tick();
    }
    expect(await reminders()).toBe(1);
    expect(await escalations()).toBe(1);
    // Nobody else's station hears of it; the group shows where it went.
    expect((await inbox('seed-staff-lh')).some((e) => e.id.startsWith('group:'))).toBe(false);
    const shown = (await g('demo-migrant').open({ groupId: GROUP })).messages.find((m) => m.id === q.id);
    expect(shown).toMatchObject({ status: 'escalated', statusLabel: '已上报工作站' });
    // The advisor's desk: unanswered across their villages, oldest first.
    const desk = await g('demo-advisor').workspace({});
    const at0 = desk.questions.map((x) => new Date(x.message.at as unknown as string).getTime());
    expect(desk.questions.map((x) => x.message.id)).toContain(q.id);
    expect([...at0].sort((a, b) => a - b)).toEqual(at0);
    // Answered late, it is answered: the escalation stays on record.
    await g('demo-advisor').post({ groupId: GROUP, kind: 'answer', questionId: q.id, text: '可以申请劳动仲裁，也可申请法律援助' });
    expect((await g('demo-migrant').open({ groupId: GROUP })).messages.find((m) => m.id === q.id)).toMatchObject({ status: 'answered' });
  });
});

describe('法治宣传 and 订单式普法', () => {
  it('shows village, township and county notices to residents who belong there, newest first', async () => {
    at('2026-05-19T09:00');
    await g('demo-advisor').post({ groupId: GROUP, kind: 'message', text: '周二上午驻点' });
    await g('demo-advisor').postNotice({ orgId: GROUP, title: '民法典宣传月', text: '本周二在村委会讲宅基地' });
    at('2026-05-19T09:05');
    await g('seed-staff-qs').postNotice({ orgId: 'qs-station', title: '青石镇普法', text: '拖欠工资可找工作站' });
    expect(await refusal(g('demo-advisor').postNotice({ orgId: 'lh-station', title: '越界', text: '不该发' }))).toEqual({ code: 'FORBIDDEN', reason: 'unit_out_of_reach' });
    const home = await g('demo-resident').home({});
    expect(home.notices.map((n) => n.title)).toEqual(['青石镇普法', '民法典宣传月']);
    expect((await g('demo-resident').open({ groupId: GROUP })).notices.map((n) => n.title)).toEqual(['青石镇普法', '民法典宣传月']);
  });

  it('tracks a cadre’s lecture request to delivery', async () => {
    expect(await refusal(g('demo-resident').requestLecture({ groupId: GROUP, topic: '防范电信诈骗', date: '2026-06-02' }))).toEqual({ code: 'FORBIDDEN', reason: 'cadres_only' });
    const lecture = await g('demo-elder').requestLecture({ groupId: GROUP, topic: '防范电信诈骗', date: '2026-06-02' });
    expect(lecture.status).toBe('requested');
    // The station follows every village's requests from its desk, and may post township-wide.
    const desk = await g('seed-staff-qs').workspace({});
    expect(desk.lectures.map((l) => l.id)).toContain(lecture.id);
    expect(desk.noticeUnits[0]).toEqual({ id: 'qs-station', name: '青石镇公共法律服务工作站' });
    expect((await g('demo-advisor').workspace({})).noticeUnits.map((u) => u.id).sort()).toEqual(['qs-dongpo', 'qs-heping', 'qs-shanxia']);
    await g('demo-advisor').updateLecture({ lectureId: lecture.id, status: 'scheduled', date: '2026-06-03' });
    const done = await g('demo-advisor').updateLecture({ lectureId: lecture.id, status: 'delivered' });
    expect(done).toMatchObject({ status: 'delivered', date: '2026-06-03' });
    expect(await refusal(g('demo-advisor').updateLecture({ lectureId: lecture.id, status: 'scheduled' }))).toEqual({ code: 'INVALID_STATE', reason: 'lecture_step' });
    expect((await g('seed-staff-qs').workspace({})).lectures.map((l) => l.id)).not.toContain(lecture.id);
    expect((await g('demo-elder').open({ groupId: GROUP })).lectures[0]).toMatchObject({ id: lecture.id, statusLabel: '已开讲' });
    // The advisor heard of the request (fanned out by the timer's delivery); the cadre of each step.
    await tick();
    expect((await inbox('demo-advisor')).filter((e) => e.id.startsWith(`group:lecture:${lecture.id}:requested`))).toHaveLength(1);
    expect((await inbox('demo-elder')).filter((e) => e.id.startsWith(`group:lecture:${lecture.id}:`)).map((e) => e.title).sort()).toEqual(['普法讲座已安排', '普法讲座已开讲']);
  });

  it('limits how often one person posts', async () => {
    at('2026-05-20T10:00');
    for (let i = 0; i < 6; i++) await g('demo-resident').post({ groupId: GROUP, kind: 'message', text: `第${i}条` });
    expect(await refusal(g('demo-resident').post({ groupId: GROUP, kind: 'message', text: '第7条' }))).toMatchObject({ code: 'RATE_LIMITED', reason: 'too_many_requests' });
  });
});

describe('images', () => {
  async function upload(openid: string, name: string): Promise<string> {
    const form = new FormData();
    form.append('cloudPath', `uploads/${openid}/${name}`);
    form.append('file', new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47])]), name);
    const res = await fetch(`${cloud.url}/storage/form`, { method: 'POST', headers: { 'x-devcloud-openid': openid }, body: form });
    return ((await res.json()) as { data: { fileID: string } }).data.fileID;
  }

  it('takes only the poster’s own uploads, holds a resident’s photo for the advisor, and opens it only to those who may see it', async () => {
    at('2026-05-21T10:00');
    const mine = await upload('demo-elder', 'wall.png');
    const theirs = await upload('demo-resident', 'id.png');
    expect(await refusal(g('demo-elder').post({ groupId: GROUP, kind: 'message', text: '看看这堵墙', images: [theirs] }))).toEqual({ code: 'FORBIDDEN', reason: 'foreign_file' });
    const posted = (await g('demo-elder').post({ groupId: GROUP, kind: 'message', text: '看看这堵墙', images: [mine] })).message;
    expect(posted).toMatchObject({ moderation: 'held', imageCount: 1 });
    expect(await refusal(g('demo-resident').fileUrl({ messageId: posted.id, index: 0 }))).toEqual({ code: 'NOT_FOUND', reason: 'message_not_found' });
    await g('demo-advisor').moderate({ messageId: posted.id, approve: true });
    expect((await g('demo-resident').fileUrl({ messageId: posted.id, index: 0 })).url).toMatch(/^http/);
    expect(await refusal(g('demo-student').fileUrl({ messageId: posted.id, index: 0 }))).toEqual({ code: 'NOT_FOUND', reason: 'message_not_found' });
    expect(await refusal(g('demo-resident').fileUrl({ messageId: posted.id, index: 1 }))).toEqual({ code: 'NOT_FOUND', reason: 'file_not_found' });
  });
});
