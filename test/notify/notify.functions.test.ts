import { startTestCloud, type TestCloud } from '../support/devcloud';
import { keywordProblem as coreRule, KEYWORD_TYPES } from '../../core';
import { keywordProblem as devcloudRule } from '../../devcloud/ports/keywords';

/*
 * notify through devcloud: the consent ledger as the client reports it, the inbox (own entries
 * only, paged, unread count, mark read), and the rules devcloud's messenger holds WeChat to agree
 * with the ones the product cuts its values by.
 */

let cloud: TestCloud;
const refusal = (code: string, reason: string) => ({ code, details: { reason } });
const bj = (iso: string) => new Date(`${iso}+08:00`);

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 60000);
afterAll(async () => {
  await cloud.close();
});

describe('recordConsent and settings', () => {
  it('counts one-time consents per template, stops on ban and refuses a template id this deployment does not use', async () => {
    const me = cloud.api('demo-migrant');
    let { templates } = await me.notify.recordConsent({ answers: { caseProgress: 'accept', surveyInvite: 'reject', bookingReminder: 'filter' } });
    expect(templates.find((t) => t.name === 'caseProgress')).toMatchObject({ id: 'caseProgress', on: true, credits: 1, stopped: false });
    expect(templates.find((t) => t.name === 'surveyInvite')).toMatchObject({ on: false, credits: 0 });
    ({ templates } = await me.notify.recordConsent({ answers: { caseProgress: 'acceptWithAudio' } }));
    expect(templates.find((t) => t.name === 'caseProgress')).toMatchObject({ credits: 2 });
    ({ templates } = await me.notify.recordConsent({ answers: { caseProgress: 'ban' } }));
    expect(templates.find((t) => t.name === 'caseProgress')).toMatchObject({ on: false, credits: 0, stopped: true });
    await expect(me.notify.recordConsent({ answers: { 'not-ours': 'accept' } })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'unknown_template'));
    // Another person's ledger is untouched.
    expect((await cloud.api('demo-elder').notify.settings({})).templates.every((t) => t.credits === 0)).toBe(true);
  });
});

describe('the inbox', () => {
  beforeAll(async () => {
    // Thirty-two overdue cases' escalations make a supervisor's inbox longer than one page (30).
    cloud.clock.set(bj('2026-05-11T10:00'));
    for (let i = 0; i < 32; i++) {
      await cloud.api('demo-resident').case.submit({ category: 'consultation', summary: `第${i + 1}件事`, applicant: { name: '李大姐', phone: '13800000001' } });
    }
    cloud.clock.set(bj('2026-05-13T10:00'));
    await cloud.triggers.fireNow('timer');
  }, 30000);

  it('lists a person’s own entries, newest first, with the unread count, and marks them read', async () => {
    const sup = cloud.api('demo-supervisor');
    const first = await sup.notify.inbox({});
    expect(first.entries).toHaveLength(30);
    expect(first.nextCursor).not.toBeNull();
    expect(first.unread).toBe(32);
    expect((await sup.notify.unread({})).unread).toBe(first.unread);
    // Nobody reads or marks another person's entries.
    expect((await cloud.api('demo-elder').notify.inbox({})).entries).toEqual([]);
    await cloud.api('demo-elder').notify.markRead({ ids: [first.entries[0]?.id as string] });
    expect((await sup.notify.unread({})).unread).toBe(first.unread);

    expect((await sup.notify.markRead({ ids: [first.entries[0]?.id as string] })).unread).toBe(first.unread - 1);
    expect((await sup.notify.markRead({ all: true })).unread).toBe(0);
    expect((await sup.notify.inbox({})).entries.every((e) => e.read)).toBe(true);
  });

  it('pages by cursor without repeating or losing an entry', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await cloud.api('demo-supervisor').notify.inbox(cursor ? { cursor } : {});
      all.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(32);
    expect(new Set(all).size).toBe(32);
  });
});

describe('a case step and its notice', () => {
  it('replayed five times gives one inbox entry and one send', async () => {
    cloud.clock.set(bj('2026-06-01T10:00'));
    cloud.messenger.accept('demo-elder', ['caseProgress', 'caseProgress']);
    await cloud.api('demo-elder').notify.recordConsent({ answers: { caseProgress: 'accept' } });
    await cloud.api('demo-elder').notify.recordConsent({ answers: { caseProgress: 'accept' } });
    const { id, code } = await cloud.api('demo-elder').case.submit({ category: 'consultation', summary: '老房子漏雨找谁修', applicant: { name: '王奶奶', phone: '13800000002' } });
    await cloud.api('demo-staff').case.act({ caseId: id, command: { type: 'accept' } });
    for (let i = 0; i < 5; i++) {
      await cloud.api('demo-staff').case.act({ caseId: id, command: { type: 'resolve', result: '已联系村委会安排维修' } }, { requestId: 'resolve-once-0001' });
      await cloud.triggers.fireNow('timer');
    }
    const entries = (await cloud.api('demo-elder').notify.inbox({})).entries.filter((e) => e.link.id === id);
    expect(entries.map((e) => e.event).sort()).toEqual(['case.received', 'case.resolved', 'case.step']);
    const sends = cloud.messenger.sent.filter((m) => m.touser === 'demo-elder' && m.data.character_string1?.value === code);
    // 已受理 and 已办结, each once; 签收 (an internal step the applicant may see) stays in the inbox.
    expect(sends.map((m) => [m.data.phrase3?.value, m.errcode])).toEqual([
      ['已办结', 0],
      ['已受理', 0],
    ]);
  });
});

describe('keyword rules', () => {
  it('devcloud holds sends to the same rules the product cuts values by', () => {
    const samples = ['15:01', '2019年10月1日 15:01', '2019-10-01 15:01', '欧阳娜娜娜娜娜娜娜娜娜', 'AlexanderHamiltonJr', '待补材料', 'TJ202611220001', '案1', '', '3.14', '+86-0766-66888866', '一二三四五六七八九十一二三四五六七八九十一', '粤A8Z888挂', '¥100元', '%', 'abc'];
    for (const type of KEYWORD_TYPES) for (const v of samples) expect([type, v, devcloudRule(type, v) === null]).toEqual([type, v, coreRule(type, v) === null]);
  });
});
