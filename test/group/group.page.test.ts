import { renderPage, tap, waitFor } from '../support/page';
import { callAs, PHOTO, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * The group pages rendered from devcloud's data: a villager joins 山下村's group by its code, asks,
 * and the advisor answers from 待解答; each page opens with one call and the group page then asks
 * only for what changed (group.poll), never opening the whole group again.
 */
const GROUP = 'qs-shanxia';
type Row = { id: string; text: string; statusLabel: string; canAnswer: boolean; isAnswer: boolean };

beforeEach(() => resetShown());

describe('我的村群 and the group page', () => {
  it('joins by the village code, asks, and sees the advisor’s answer arrive by polling', async () => {
    const { joinCode } = await callAs<{ joinCode: string }>('demo-advisor', 'group', 'open', { groupId: GROUP });
    setPersona('page-group-villager');
    const list = renderPage('pages/group/list/index');
    await waitFor(list, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['group.mine']);
    const h = list.instance as unknown as { onCode(e: object): void; onName(e: object): void };
    h.onCode({ detail: { value: joinCode } });
    h.onName({ detail: { value: '赵大哥' } });
    tap(list.querySelector('#join') ?? undefined);
    await waitFor(list, () => shown.navigations.length > 0);
    expect(shown.navigations[0]).toBe(`/pages/group/index/index?groupId=${GROUP}`);

    resetShown();
    const page = renderPage('pages/group/index/index', {}, { groupId: GROUP });
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['group.open']);
    expect(page.data).toMatchObject({ notMember: false, role: '村民', joinCode: '' });
    const p = page.instance as unknown as { onDraft(e: object): void; poll(): Promise<void>; stopPolling(): void };
    p.onDraft({ detail: { value: '承包地被占了找谁？' } });
    tap(page.querySelector('#ask') ?? undefined);
    await waitFor(page, (d) => (d.rows as Row[]).some((r) => r.text === '承包地被占了找谁？'));
    const asked = (page.data.rows as Row[]).find((r) => r.text === '承包地被占了找谁？') as Row;
    expect(asked.statusLabel).toBe('待解答');
    // Sending is followed by one poll, not by opening the group again.
    expect(shown.functionCalls).toEqual(['group.open', 'group.post', 'group.poll']);

    await callAs('demo-advisor', 'group', 'post', { groupId: GROUP, kind: 'answer', questionId: asked.id, text: '先找村委会协调，再来驻点' });
    await p.poll();
    const rows = page.data.rows as Row[];
    expect(rows.find((r) => r.id === asked.id)?.statusLabel).toBe('已解答');
    expect(rows.some((r) => r.isAnswer && r.text === '先找村委会协调，再来驻点')).toBe(true);
    expect(shown.functionCalls.filter((c) => c === 'group.open')).toHaveLength(1);
    p.stopPolling();
  });

  it('提问 tapped while a photo uploads waits for it, counting up, and sends the question with the photo', async () => {
    setPersona('page-group-villager');
    const page = renderPage('pages/group/index/index', {}, { groupId: GROUP });
    await waitFor(page, (d) => d.loading === false);
    const p = page.instance as unknown as { onDraft(e: object): void; stopPolling(): void; setData(d: object, cb?: () => void): void };
    p.onDraft({ detail: { value: '邻居占了我家的路，这张是照片' } });
    // What 提问 says after each change the page makes, while the photo travels.
    const labels: string[] = [];
    const setData = p.setData.bind(p);
    p.setData = (d, cb) => {
      setData(d, cb);
      labels.push(page.querySelector('#ask')?.dom?.textContent ?? '');
    };
    page.querySelector('#photos')?.dispatchEvent('add', { detail: { files: [{ url: PHOTO }] } });
    resetShown();
    tap(page.querySelector('#ask') ?? undefined);
    await waitFor(page, (d) => (d.rows as Array<Row & { imageCount: number }>).some((r) => r.text === '邻居占了我家的路，这张是照片' && r.imageCount === 1));
    p.stopPolling();
    expect(labels).toContainEqual(expect.stringMatching(/^正在上传 \d+%$/));
    // A message with a photo waits for the advisor's review; what matters is no refusal of the tap.
    expect(shown.toasts.map((t) => t.title)).toEqual(['已发出，法律顾问审核后大家才能看到']);
    expect(page.data.picked).toEqual([]);
  });

  it('asks a non-member to join instead of showing the group', async () => {
    setPersona('page-group-stranger');
    const page = renderPage('pages/group/index/index', {}, { groupId: GROUP });
    await waitFor(page, (d) => d.loading === false);
    expect(page.data.notMember).toBe(true);
    expect(page.querySelector('#join-code')).toBeTruthy();
    expect(shown.functionCalls).toEqual(['group.open']);
  });
});

describe('待解答 (the advisor’s desk)', () => {
  it('lists unanswered questions across the advisor’s villages, oldest first, and answers with a quick reply', async () => {
    await callAs('demo-advisor', 'group', 'saveQuickReplies', { replies: ['请带上相关材料来驻点面谈'] });
    await callAs('page-group-villager', 'group', 'post', { groupId: GROUP, kind: 'question', text: '工伤怎么认定？' });
    setPersona('demo-advisor');
    const desk = renderPage('admin/group/workspace/index');
    await waitFor(desk, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['group.workspace']);
    const questions = desk.data.questions as Array<{ id: string; text: string; village: string }>;
    const q = questions.find((x) => x.text === '工伤怎么认定？');
    expect(q?.village).toBe('山下村');
    expect(desk.data.quickReplies).toEqual(['请带上相关材料来驻点面谈']);
    const d = desk.instance as unknown as { onAnswerStart(e: object): void; onQuick(e: object): void; onAnswer(): Promise<void> };
    d.onAnswerStart({ currentTarget: { dataset: { id: q?.id } } });
    d.onQuick({ currentTarget: { dataset: { text: '请带上相关材料来驻点面谈' } } });
    await d.onAnswer();
    expect((desk.data.questions as Array<{ id: string }>).some((x) => x.id === q?.id)).toBe(false);
    const { messages } = await callAs<{ messages: Array<{ id: string; status: string }> }>('page-group-villager', 'group', 'open', { groupId: GROUP });
    expect(messages.find((m) => m.id === q?.id)?.status).toBe('answered');
    // 法治宣传 for the whole township from the desk: the villager's 首页 has it.
    setPersona('seed-staff-qs');
    const station = renderPage('admin/group/workspace/index');
    await waitFor(station, (x) => x.loading === false);
    expect((station.data.noticeUnits as Array<{ id: string }>)[0]?.id).toBe('qs-station');
    const s2 = station.instance as unknown as { onUnit(e: object): void; onNoticeField(e: object): void; onPostNotice(): Promise<void> };
    s2.onUnit({ currentTarget: { dataset: { index: 0 } } });
    s2.onNoticeField({ detail: { value: '青石镇防诈骗' }, currentTarget: { dataset: { field: 'noticeTitle' } } });
    s2.onNoticeField({ detail: { value: '陌生电话要转账，一律先问' }, currentTarget: { dataset: { field: 'noticeText' } } });
    await s2.onPostNotice();
    const home = await callAs<{ notices: Array<{ title: string; orgName: string }> }>('page-group-villager', 'group', 'home', {});
    expect(home.notices[0]).toMatchObject({ title: '青石镇防诈骗', orgName: '青石镇公共法律服务工作站' });
  });
});

describe('法治宣传 and 订单式普法 on the group page', () => {
  it('lets the advisor post a notice the villager’s 首页 then shows, and the cadre order a lecture the advisor schedules', async () => {
    setPersona('demo-advisor');
    const page = renderPage('pages/group/index/index', {}, { groupId: GROUP });
    await waitFor(page, (d) => d.loading === false);
    const a = page.instance as unknown as { onField(e: object): void; onPostNotice(): Promise<void>; stopPolling(): void };
    a.onField({ detail: { value: '防范养老诈骗' }, currentTarget: { dataset: { field: 'noticeTitle' } } });
    a.onField({ detail: { value: '“保健品”高价回收是骗局，遇事先问法律顾问' }, currentTarget: { dataset: { field: 'noticeText' } } });
    await a.onPostNotice();
    expect((page.data.notices as Array<{ title: string }>)[0]?.title).toBe('防范养老诈骗');
    a.stopPolling();
    const home = await callAs<{ notices: Array<{ title: string }> }>('page-group-villager', 'group', 'home', {});
    expect(home.notices[0]?.title).toBe('防范养老诈骗');

    await callAs('demo-advisor', 'group', 'setRole', { groupId: GROUP, openid: 'page-group-villager', role: 'cadre' });
    setPersona('page-group-villager');
    const cadre = renderPage('pages/group/index/index', {}, { groupId: GROUP });
    await waitFor(cadre, (d) => d.loading === false);
    expect(cadre.data.cadre).toBe(true);
    const c = cadre.instance as unknown as { onField(e: object): void; onRequestLecture(): Promise<void>; stopPolling(): void };
    c.onField({ detail: { value: '土地承包法' }, currentTarget: { dataset: { field: 'lectureTopic' } } });
    c.onField({ detail: { value: '2099-06-02' }, currentTarget: { dataset: { field: 'lectureDate' } } });
    await c.onRequestLecture();
    const lecture = (cadre.data.lectures as Array<{ id: string; statusLabel: string }>)[0];
    expect(lecture?.statusLabel).toBe('已申请');
    c.stopPolling();

    setPersona('demo-advisor');
    const desk = renderPage('pages/group/index/index', {}, { groupId: GROUP });
    await waitFor(desk, (d) => d.loading === false);
    const d = desk.instance as unknown as { onLectureStep(e: object): Promise<void>; stopPolling(): void };
    await d.onLectureStep({ currentTarget: { dataset: { id: lecture?.id, status: 'scheduled' } } });
    expect((desk.data.lectures as Array<{ id: string; statusLabel: string }>).find((l) => l.id === lecture?.id)?.statusLabel).toBe('已安排');
    d.stopPolling();
  });
});

describe('首页', () => {
  it('shows the home village’s 法治宣传 with its one call, and refreshes them when the villager comes back', async () => {
    setPersona('page-group-home');
    const { joinCode } = await callAs<{ joinCode: string }>('demo-advisor', 'group', 'open', { groupId: GROUP });
    await callAs('page-group-home', 'group', 'join', { code: joinCode });
    const group = renderPage('pages/group/index/index', {}, { groupId: GROUP });
    await waitFor(group, (d) => d.loading === false);
    (group.instance as unknown as { stopPolling(): void }).stopPolling();
    await callAs('demo-advisor', 'group', 'postNotice', { orgId: GROUP, title: '村里新规', text: '红白喜事从简' });

    resetShown();
    const home = renderPage('pages/home/index');
    await waitFor(home, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['identity.home']);
    expect(home.data.village).toBe('山下村法律顾问群');
    expect((home.data.publicity as Array<{ title: string }>).map((p) => p.title)).toContain('防范养老诈骗');
    // Back on 首页 later: the newest notice comes in.
    await (home.instance as unknown as { refreshPublicity(): Promise<void> }).refreshPublicity();
    expect((home.data.publicity as Array<{ title: string }>)[0]?.title).toBe('村里新规');
  });
});
