import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 法律服务问卷 (pages/evaluation/survey): a resident answers the three 知晓率/首选率 questions for
 * their village once a quarter; opened again, the page says it is done. Rendered from devcloud.
 */
const me = `survey-page-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Village = { id: string; name: string };

const pick = (page: RenderedPage, key: string, index: number) => page.querySelectorAll(`.option--${key}`)[index]?.dispatchEvent('tap');

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona(me);
});

it('asks the three questions and the village, takes the answer once, and says so when opened again', async () => {
  const page = renderPage('pages/evaluation/survey/index');
  await waitFor(page, (d) => d.loading === false);
  expect(shown.functionCalls).toEqual(['evaluation.awarenessSurvey']);
  expect(page.data.answered).toBe(false);
  expect(page.data.villageIndex).toBe(-1);
  const villages = page.data.villages as Village[];
  expect(villages.find((v) => v.id === 'qs-dongpo')?.name).toMatch(/^东坡村（.+）$/);

  // Not all answered: the page asks for the rest and sends nothing.
  tap(page.querySelector('#submit') ?? undefined);
  await simulate.sleep(10);
  expect(shown.toasts.at(-1)?.title).toBe('请把每一题都选上');
  expect(shown.functionCalls).not.toContain('evaluation.answerAwareness');

  (page.instance as unknown as { onVillage(e: object): void }).onVillage({ detail: { value: String(villages.findIndex((v) => v.id === 'qs-dongpo')) } });
  pick(page, 'knowsAdvisor', 0); // 知道
  pick(page, 'knowsService', 1); // 不知道
  pick(page, 'firstChoice', 0); // 村里的法律顾问
  tap(page.querySelector('#submit') ?? undefined);
  await waitFor(page, (d) => d.done === true);
  expect(shown.functionCalls).toContain('evaluation.answerAwareness');

  resetShown();
  const again = renderPage('pages/evaluation/survey/index');
  await waitFor(again, (d) => d.loading === false);
  expect(again.data.answered).toBe(true);
  expect(again.querySelector('.done')?.dom?.textContent).toContain('已经答过了');
});

it('offers the home village of 我的 (the copy on this phone), still in one call', async () => {
  const resident = `${me}-home`;
  await callAs(resident, 'identity', 'saveProfile', { name: '钱大妈', phone: '13800003334', villageId: 'qs-dongpo' });
  setPersona(resident);
  const mine = renderPage('pages/mine/index');
  await waitFor(mine, (d) => d.loading === false);

  resetShown();
  const page = renderPage('pages/evaluation/survey/index');
  await waitFor(page, (d) => d.loading === false);
  expect(shown.functionCalls).toEqual(['evaluation.awarenessSurvey']);
  const villages = page.data.villages as Village[];
  expect(villages[page.data.villageIndex as number]?.id).toBe('qs-dongpo');
});
