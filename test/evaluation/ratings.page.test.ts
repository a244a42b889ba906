import { renderPage, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 好差评 beyond the case, from the pages: the holder of an attended booking rates it on 我的预约,
 * the asker of an answered question rates the answer on the group page, both through the shared
 * rating component, and each then reads back what they said. Page tests share one devcloud, so
 * this file books and asks at 南岭村, which no other page test uses, as people of its own.
 */
const UNIT = 'lh-nanling';
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const holder = `rate-page-booker-${stamp}`;
const asker = `rate-page-asker-${stamp}`;

/** Picks options in the real rating component, then 提交评价. */
function rate(page: RenderedPage, picks: Array<[key: string, index: number]>, comment?: string): void {
  const form = page.querySelector('#rating');
  if (!form) throw new Error('no rating form');
  for (const [key, index] of picks) form.querySelectorAll(`.rating__option--${key}`)[index]?.dispatchEvent('tap');
  if (comment) (form.instance as unknown as { onComment(e: object): void }).onComment({ detail: { value: comment } });
  form.querySelector('#rating-submit')?.dispatchEvent('tap');
}

let bookingId = '';
let questionId = '';

beforeAll(async () => {
  await callAs('seed-staff-lh', 'booking', 'saveSchedule', {
    orgId: UNIT,
    sessions: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '08:00', to: '12:00' })),
    slotMinutes: 30,
    capacity: 4,
    services: ['consultation'],
    horizonDays: 14,
    leadMinutes: 0,
    active: true,
  });
  const slots = await callAs<{ days: Array<{ day: string; slots: Array<{ start: string; open: boolean }> }> }>(holder, 'booking', 'listSlots', { orgId: UNIT });
  const day = slots.days.find((d) => d.slots.some((s) => s.open));
  const time = day?.slots.find((s) => s.open)?.start;
  if (!day || !time) throw new Error('no open slot at 南岭村');
  bookingId = (await callAs<{ id: string }>(holder, 'booking', 'book', { orgId: UNIT, day: day.day, time, service: 'consultation', applicant: { name: '严大姐', phone: '13700005555' } })).id;
  await callAs('seed-staff-lh', 'booking', 'checkIn', { orgId: UNIT, day: day.day, bookingId });

  const { joinCode } = await callAs<{ joinCode: string }>('seed-advisor-3', 'group', 'open', { groupId: UNIT });
  await callAs(asker, 'group', 'join', { code: joinCode });
  questionId = (await callAs<{ message: { id: string } }>(asker, 'group', 'post', { groupId: UNIT, kind: 'question', text: '老人赡养怎么分摊' })).message.id;
  await callAs('seed-advisor-3', 'group', 'post', { groupId: UNIT, kind: 'answer', questionId, text: '子女协商，协商不成可调解' });
}, 30000);

beforeEach(() => {
  resetShown();
  clearStorage();
});

it('我的预约: rates an attended visit once through the rating form, then shows what was said', async () => {
  setPersona(holder);
  const page = renderPage('pages/booking/mine/index', { real: ['rating'] });
  await waitFor(page, (d) => d.loading === false);
  expect(shown.functionCalls).toEqual(['booking.myBookings', 'evaluation.myRatings']);
  tap(page.querySelector('.rate') ?? undefined);
  await waitFor(page, (d) => d.rating === bookingId);
  // 满意 (the second level), 问题解决了 (the first answer), 服务态度 非常满意.
  rate(page, [['satisfaction', 1], ['solved', 0], ['attitude', 0]], '接待很耐心');
  await waitFor(page, (d) => d.rating === '' && d.ratingBusy === false);
  const card = (page.data.past as Array<{ id: string; rated: string }>).find((c) => c.id === bookingId);
  expect(card?.rated).toBe('满意；问题已解决；服务态度5分：接待很耐心');
  expect(page.querySelector('.rate')).toBeFalsy();

  // Opened again, the page reads back what was said and offers no second rating.
  resetShown();
  const again = renderPage('pages/booking/mine/index', { real: ['rating'] });
  await waitFor(again, (d) => d.loading === false);
  expect(again.dom?.textContent).toContain('我的评价：满意；问题已解决；服务态度5分：接待很耐心');
  expect(again.querySelector('.rate')).toBeFalsy();
});

it('the group page: the asker rates the answer to their question; a 差评 goes to 回访', async () => {
  setPersona(asker);
  const page = renderPage('pages/group/index/index', { real: ['rating'] }, { groupId: UNIT });
  await waitFor(page, (d) => d.loading === false && shown.functionCalls.includes('evaluation.myRatings'));
  (page.instance as unknown as { stopPolling(): void }).stopPolling();
  tap(page.querySelector('.rate') ?? undefined);
  await waitFor(page, (d) => d.rating === questionId);
  rate(page, [['satisfaction', 3]]);
  await waitFor(page, (d) => d.rating === '' && d.ratingBusy === false);
  expect((page.data.ratedText as Record<string, string>)[questionId]).toBe('不满意');
  expect(page.dom?.textContent).toContain('我的评价：不满意');
  const visits = await callAs<{ visits: Array<{ subject: string; caseCode: string }> }>('demo-supervisor', 'evaluation', 'returnVisits', {});
  expect(visits.visits.some((v) => v.subject === 'question' && v.caseCode.startsWith('群里提问'))).toBe(true);
  (page.instance as unknown as { stopPolling(): void }).stopPolling();
});
