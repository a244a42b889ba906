import fc from 'fast-check';
import { CASE_CATEGORIES, CATEGORY_INFO, OUTSIDE_BODY_KEYS } from '../case/categories';
import type { CaseEvent, CaseState } from '../case/types';
import { fitKeyword, keywordProblem, KEYWORD_TYPES, type KeywordType } from './keywords';
import { bookingNotice, bookingReminders, caseNotices, NOTICE_EVENTS, PUSH_POLICY, surveyNotices, workNotice, type NoticeItem } from './policy';
import { TEMPLATES, templateOf } from './templates';

// Every value a template carries passes WeChat's keyword rules, for the longest inputs the product
// accepts: summaries of 500 characters, 50 missing items of 40, unit names, reasons and results at
// their limits, mixed scripts, emoji and whitespace. A value breaking its rule fails the whole send
// (47003), so this is what stands between a long complaint and a lost notice.

const text = (max: number) =>
  fc.string({ unit: fc.constantFrom('邻', '里', '纠', '纷', 'a', 'Z', '9', ' ', '\n', '，', '。', '😀', '-', '（', '）', '𠀋', '~'), minLength: 1, maxLength: max });

function assertFits(n: NoticeItem): void {
  const decl = templateOf(n.template);
  expect(Object.keys(n.data).sort()).toEqual(Object.keys(decl.keywords).sort());
  for (const [key, type] of Object.entries(decl.keywords)) {
    const value = n.data[key] as string;
    expect({ key, value, problem: keywordProblem(type, value) }).toEqual({ key, value, problem: null });
  }
}

const CODE = 'TJ202611220001';
const at = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

function stateOf(summary: string, category: (typeof CASE_CATEGORIES)[number], proxy: boolean): CaseState {
  return {
    code: CODE,
    category,
    summary,
    applicant: { openid: 'resident-1', name: '张三' },
    proxy: proxy ? { openid: 'proxy-1', name: '李四', relation: '子女' } : null,
    closedAt: null,
  } as unknown as CaseState;
}

const worker = { openid: 'staff-1', role: 'staff', name: '陈静' } as const;

describe('keyword rules (WeChat’s documented table)', () => {
  it.each([
    ['time', '15:01', null],
    ['time', '2019年10月1日 15:01', null],
    ['time', '2019年10月1日 15:01~2019年10月1日 16:00', null],
    ['time', '2019-10-01 15:01', 'x'],
    ['time', '25:01', 'x'],
    ['date', '2019年10月1日', null],
    ['date', '2019年10月1日 15:01', null],
    ['date', '15:01', 'x'],
    ['name', '欧阳娜娜娜娜娜娜娜娜', null],
    ['name', '欧阳娜娜娜娜娜娜娜娜娜', 'x'],
    ['name', 'Alexander Hamilton-Jr', 'x'],
    ['name', 'AlexanderHamiltonJr', null],
    ['name', 'Tom王', null],
    ['phrase', '待补材料', null],
    ['phrase', '已受理了吗呀', 'x'],
    ['phrase', '已ok', 'x'],
    ['thing', '一二三四五六七八九十一二三四五六七八九十', null],
    ['thing', '一二三四五六七八九十一二三四五六七八九十一', 'x'],
    ['character_string', 'TJ202611220001', null],
    ['character_string', '案TJ1', 'x'],
    ['number', '3.14', null],
    ['phone_number', '+86-0766-66888866', null],
    ['car_number', '粤A8Z888挂', null],
    ['amount', '¥100.5元', null],
    ['symbol', '%', null],
    ['letter', 'abc', null],
    ['thing', '', 'x'],
    ['thing', '   ', 'x'],
  ] as Array<[KeywordType, string, string | null]>)('%s %j', (type, value, problem) => {
    expect(keywordProblem(type, value) === null).toBe(problem === null);
  });

  it('cuts any value of a cuttable type to its rule', () => {
    fc.assert(
      fc.property(fc.constantFrom<KeywordType>('thing', 'phrase', 'character_string', 'name'), text(600), (type, raw) => {
        expect(keywordProblem(type, fitKeyword(type, raw))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a value that already fits', () => {
    expect(fitKeyword('thing', '邻里纠纷调解')).toBe('邻里纠纷调解');
    expect(fitKeyword('thing', '这是一段超过二十个字的办理事项描述会被微信拒绝发送')).toBe('这是一段超过二十个字的办理事项描述会被…');
  });

  it('declares only WeChat’s keyword types, and one phrase per event within 5 汉字', () => {
    for (const t of TEMPLATES) for (const type of Object.values(t.keywords)) expect(KEYWORD_TYPES).toContain(type);
    for (const e of NOTICE_EVENTS) expect(keywordProblem('phrase', PUSH_POLICY[e].phrase)).toBeNull();
  });
});

describe('every template’s data for the longest realistic inputs', () => {
  it('case notices', () => {
    fc.assert(
      fc.property(text(500), fc.constantFrom(...CASE_CATEGORIES), fc.boolean(), at, fc.array(text(40), { minLength: 1, maxLength: 50 }), text(500), text(100), (summary, category, proxy, when, items, result, referTo) => {
        const state = stateOf(summary, category, proxy);
        const base = { at: when, actor: worker, visibility: 'applicant' as const };
        const events = [
          { ...base, type: 'received', actor: { openid: 'resident-1', role: 'resident', name: '张三' } },
          { ...base, type: 'materialsRequested', data: { items } },
          { ...base, type: 'transferAccepted', data: { fromOrgId: 'a', toOrgId: 'b', handler: { openid: 'x', name: 'y' } } },
          { ...base, type: 'resolved', data: { result } },
          { ...base, type: 'rejected', data: { reason: result, referTo } },
          { ...base, type: 'withdrawn', actor: { openid: 'system', role: 'system', name: '系统' }, data: { deemed: true, reason: '逾期未补齐材料' } },
          { ...base, type: 'noteAdded', note: result, data: { text: result } },
          { ...base, type: 'assigned', visibility: 'internal' as const, data: { handler: { openid: 'staff-2', name: '王' } } },
          { ...base, type: 'transferred', data: { fromOrgId: 'a', toOrgId: 'b', reason: result } },
          ...OUTSIDE_BODY_KEYS.flatMap((body) => [
            { ...base, type: 'referred', data: { body } },
            { ...base, type: 'outsideAccepted', data: { body, acceptedOn: '2026-03-05', simplified: false } },
          ]),
        ] as unknown as CaseEvent[];
        const notices = caseNotices('case-1', state, events.map((event, i) => ({ event, seq: i + 1 })));
        expect(notices.length).toBeGreaterThanOrEqual(events.length);
        notices.forEach(assertFits);
        surveyNotices('case-1', state, when, 1).forEach(assertFits);
        for (const e of ['work.dueSoon', 'work.overdue'] as const) assertFits(workNotice(e, 'case-1', state, { openid: 'staff-1' }, 'k', when, when));
      }),
      { numRuns: 200 },
    );
  });

  it('booking notices', () => {
    fc.assert(
      fc.property(text(60), text(20), fc.option(text(200), { nil: undefined }), at, (unitName, service, reason, startsAt) => {
        const facts = { bookingId: 'b1', openid: 'resident-1', unitName, service, reason, startsAt };
        for (const e of ['booking.confirmed', 'booking.changed', 'booking.cancelled'] as const) assertFits(bookingNotice(e, facts, new Date(startsAt.getTime() - 3 * 86_400_000)));
        bookingReminders(facts, new Date(startsAt.getTime() - 3 * 86_400_000)).forEach(assertFits);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the push policy', () => {
  it('pushes the steps that change what a resident must do or know, and keeps internal steps to the inbox', () => {
    const pushed = NOTICE_EVENTS.filter((e) => PUSH_POLICY[e].push);
    expect(pushed).toEqual(expect.arrayContaining(['case.received', 'case.materialsRequested', 'case.transferAccepted', 'case.resolved', 'booking.cancelled', 'booking.dayBefore', 'survey.invite', 'work.overdue']));
    expect(PUSH_POLICY['case.step'].push).toBe(false);
  });

  it('gives the same keys for the same step, so a replay writes nothing twice', () => {
    const state = stateOf('邻里纠纷', 'mediation', true);
    const event = { type: 'resolved', at: new Date('2026-11-22T02:00:00Z'), actor: worker, visibility: 'applicant', data: { result: '调解成功' } } as unknown as CaseEvent;
    const a = caseNotices('c', state, [{ event, seq: 7 }]).map((n) => n.key);
    const b = caseNotices('c', state, [{ event, seq: 7 }]).map((n) => n.key);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(2); // applicant and 代办, each once
  });

  it('names an inbox-only step as the applicant’s timeline does, and a referral by who has the case now', () => {
    const state = stateOf('公证遗嘱', 'notary', false);
    const at = new Date('2026-03-02T02:00:00Z');
    const steps = [
      { type: 'triaged', at, actor: worker, visibility: 'applicant', note: '属青石镇', data: { orgId: 'qs' } },
      { type: 'referred', at, actor: worker, visibility: 'applicant', data: { body: 'notaryOffice' } },
    ] as unknown as CaseEvent[];
    const [triaged, referred] = caseNotices('c', state, steps.map((event, i) => ({ event, seq: i + 2 })));
    expect(triaged).toMatchObject({ event: 'case.step', push: false, body: `${CODE} 已分流：属青石镇` });
    expect(referred).toMatchObject({ event: 'case.referred', push: true, data: { phrase3: '已转交' } });
    expect(referred?.body).toContain('公证处');
  });

  it('writes times in Beijing whatever the process zone', () => {
    const n = surveyNotices('c', { ...stateOf('x', 'consultation', false), closedAt: new Date('2026-11-30T16:30:00Z') }, new Date('2026-12-01T02:00:00Z'), 1)[0] as NoticeItem;
    expect(n.data.time3).toBe('2026年12月1日 00:30');
    expect(CATEGORY_INFO.consultation.label).toBe('法律咨询');
  });
});
