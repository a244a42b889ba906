import { renderPage, simulate, tap, waitFor } from '../support/page';
import { resetShown, setPersona, shown } from '../support/page-setup';

beforeEach(() => {
  resetShown();
  setPersona('demo-elder');
});

describe('服务网点 (directory)', () => {
  it('lists the center, then each township with its station and village rooms, from devcloud', async () => {
    const page = renderPage('pages/org/list/index');
    await waitFor(page, (d) => d.loading === false);
    const sections = page.data.sections as Array<{ title: string; units: Array<{ name: string }> }>;
    // Units are ordered by their ids, which follow the place names' pinyin; the county's 司法局 (tier bureau, under the center) is no township.
    expect(sections.map((s) => s.title)).toEqual(['公共法律服务中心', '柳河乡', '青石镇', '杏林镇']);
    expect(sections[1]?.units.map((u) => u.name)).toEqual([
      '柳河乡公共法律服务工作站',
      '大湾村公共法律服务工作室',
      '河口村公共法律服务工作室',
      '南岭村公共法律服务工作室',
      '新庄村公共法律服务工作室',
    ]);
    expect(page.dom?.textContent).toContain('驻点时间：每周二上午驻点');
  });

  it('opens a unit’s notice when a resident taps it', async () => {
    const page = renderPage('pages/org/list/index');
    await waitFor(page, (d) => d.loading === false);
    const cells = page.querySelectorAll('.unit');
    const dongpo = cells.find((c) => c.dom?.textContent?.includes('东坡村'));
    tap(dongpo);
    await simulate.sleep(10);
    expect(shown.navigations).toEqual(['/pages/org/detail/index?orgId=qs-dongpo']);
  });
});

describe('公示栏 (org notice)', () => {
  it('shows a village room’s duty, hours, contacts, supervision phone and its advisor', async () => {
    const page = renderPage('pages/org/detail/index', {}, { orgId: 'qs-dongpo' });
    await waitFor(page, (d) => d.loading === false);
    const text = page.dom?.textContent ?? '';
    expect(shown.titles).toEqual(['东坡村公共法律服务工作室']);
    expect(text).toContain('法律顾问驻点答疑，调解邻里纠纷，法治宣传');
    expect(text).toContain('每周二上午驻点');
    expect(text).toContain('0999-12348');
    expect(text).toContain('林晓岚律师');
    expect(page.data.services).toEqual(['法治宣传', '法律咨询', '人民调解']);
  });

  it('calls the supervision phone on a tap', async () => {
    const page = renderPage('pages/org/detail/index', {}, { orgId: 'qs-dongpo' });
    await waitFor(page, (d) => d.loading === false);
    const supervision = page.querySelector('.supervision') ?? undefined;
    tap(supervision);
    await simulate.sleep(10);
    expect(shown.calls).toEqual(['0999-12348']);
  });

  it('leads from 咨询, 预约 and 申请 to the right pages with the unit chosen', async () => {
    const page = renderPage('pages/org/detail/index', {}, { orgId: 'qs-dongpo' });
    await waitFor(page, (d) => d.loading === false);
    for (const id of ['#consult', '#book', '#apply']) tap(page.querySelector(id) ?? undefined);
    await simulate.sleep(10);
    expect(shown.navigations).toEqual([
      '/pages/case/apply/index?category=consultation&orgId=qs-dongpo',
      '/pages/booking/new/index?orgId=qs-dongpo',
      '/pages/case/apply/index?orgId=qs-dongpo',
    ]);
  });

  it('says so plainly when the unit does not exist', async () => {
    const page = renderPage('pages/org/detail/index', {}, { orgId: 'no-such-unit' });
    await waitFor(page, (d) => d.loading === false);
    expect(page.dom?.textContent).toContain('没有找到这个服务网点');
    expect(shown.toasts.at(-1)?.title).toBe('没有这个服务单位');
  });
});
