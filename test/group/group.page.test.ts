import { renderPage, tap, waitFor } from '../support/page';
import { callAs, resetShown, setPersona, shown } from '../support/page-setup';

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
  });
});
