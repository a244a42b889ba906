import { renderPage, waitFor } from '../support/page';
import { clearStorage, resetShown, setPersona } from '../support/page-setup';

/* 投诉办法 is published on every 公示栏 (seed 002 §二(十)2): where to complain, who answers, in how many working days. */

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-resident');
});

it.each(['qs-dongpo', 'qs-station', 'qh-center'])('the 公示栏 of %s states the complaint procedure and its limit', async (orgId) => {
  const page = renderPage('pages/org/detail/index', {}, { orgId });
  await waitFor(page, (d) => d.loading === false);
  const cell = page.querySelector('.complaint-procedure');
  const text = cell?.dom?.textContent ?? '';
  expect(text).toContain('投诉办法');
  expect(text).toContain('上级负责人处理');
  expect(text).toContain('3个工作日内答复');
  expect(text).toContain('司法局');
});
