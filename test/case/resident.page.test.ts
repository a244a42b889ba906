import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callAs, clearStorage, download, network, PHOTO, resetShown, setPersona, shown, storageValue, voice } from '../support/page-setup';

type Handlers = {
  onField(e: { detail: { value: string }; currentTarget: { dataset: { field: string } } }): void;
  onCategory(e: { currentTarget: { dataset: { value: string } } }): void;
  onValue(e: { detail: { value: string }; currentTarget: { dataset: { key: string } } }): void;
  onPick(e: { currentTarget: { dataset: { key: string; value: string } } }): void;
};
const handlers = (page: RenderedPage) => page.instance as unknown as Handlers;
const wxShim = (globalThis as unknown as { wx: { showModal(o: { title?: string; content?: string; success?(r: { confirm: boolean }): void }): void } }).wx;
/** Presses a command's button; 签收 asks once more (core COMMAND_GUIDE), and the worker says yes. */
const press = async (page: RenderedPage, command: string) => {
  const saved = wxShim.showModal;
  wxShim.showModal = (o) => {
    shown.modals.push({ title: o.title, content: o.content });
    o.success?.({ confirm: true });
  };
  try {
    tap(page.querySelector(`.command--${command}`) ?? undefined);
    await simulate.sleep(10);
  } finally {
    wxShim.showModal = saved;
  }
};

beforeEach(() => {
  resetShown();
  clearStorage();
});

describe('我要办事 (apply)', () => {
  it('submits a mediation request from the form, keeps nothing afterwards and opens the new case', async () => {
    setPersona('page-applicant');
    const page = renderPage('pages/case/apply/index');
    handlers(page).onCategory({ currentTarget: { dataset: { value: 'mediation' } } });
    handlers(page).onField({ detail: { value: '承包地边界被邻居挪了' }, currentTarget: { dataset: { field: 'summary' } } });
    handlers(page).onField({ detail: { value: '李桂兰' }, currentTarget: { dataset: { field: 'name' } } });
    handlers(page).onField({ detail: { value: '13512345678' }, currentTarget: { dataset: { field: 'phone' } } });
    expect(page.data.categories.find((c: { value: string; on: boolean }) => c.value === 'mediation')?.on).toBe(true);

    tap(page.querySelector('#submit') ?? undefined);
    // Submitted: the page asks about WeChat notices (test/notify covers 有进展时通知我); this one declines.
    await waitFor(page, (d) => d.submitted !== null);
    tap(page.querySelector('#skip-notify') ?? undefined);
    await waitFor(page, () => shown.navigations.length > 0);
    expect(shown.navigations[0]).toMatch(/^\/pages\/case\/detail\/index\?caseId=/);
    expect(shown.toasts.at(-1)?.title).toMatch(/^已受理，编号TJ\d{12}$/);
    expect(storageValue('draft.apply')).toBeUndefined();
    const { cases } = await callAs<{ cases: Array<{ summary: string; statusLabel: string }> }>('page-applicant', 'case', 'mine', {});
    expect(cases).toEqual([expect.objectContaining({ summary: '承包地边界被邻居挪了', statusLabel: '已受理' })]);
  });

  it('uploads a photo of the papers as it is picked, keeps it in the draft, and sends it with the request', async () => {
    setPersona('page-applicant-photos');
    const page = renderPage('pages/case/apply/index');
    handlers(page).onCategory({ currentTarget: { dataset: { value: 'consultation' } } });
    handlers(page).onField({ detail: { value: '借条上的钱要不回来' }, currentTarget: { dataset: { field: 'summary' } } });
    handlers(page).onField({ detail: { value: '孙大山' }, currentTarget: { dataset: { field: 'name' } } });
    handlers(page).onField({ detail: { value: '13512340000' }, currentTarget: { dataset: { field: 'phone' } } });
    // What t-upload reports after the person picks a photo.
    page.querySelector('#files')?.dispatchEvent('add', { detail: { files: [{ url: PHOTO }] } });
    await waitFor(page, (d) => (d.form as { files: Array<{ status: string }> }).files[0]?.status === 'done');
    const kept = (storageValue('draft.apply') as { form: { files: Array<{ name: string; fileID: string }> } }).form.files;
    expect(kept).toEqual([expect.objectContaining({ name: '照片1', fileID: expect.stringMatching(/^cloud:\/\/.+\/uploads\/page-applicant-photos\//) })]);

    tap(page.querySelector('#submit') ?? undefined);
    // Submitted: the page asks about WeChat notices (test/notify covers 有进展时通知我); this one declines.
    await waitFor(page, (d) => d.submitted !== null);
    tap(page.querySelector('#skip-notify') ?? undefined);
    await waitFor(page, () => shown.navigations.length > 0);
    const caseId = /caseId=(.+)$/.exec(shown.navigations[0] ?? '')?.[1] ?? '';
    const detail = await callAs<{ timeline: Array<{ files: Array<{ name: string }> }> }>('page-applicant-photos', 'case', 'get', { caseId });
    expect(detail.timeline[0]?.files.map((f) => f.name)).toEqual(['照片1']);

    // On the case page the photo opens full screen from a link the function hands out.
    resetShown();
    const casePage = renderPage('pages/case/detail/index', {}, { caseId });
    await waitFor(casePage, (d) => d.loading === false);
    const open = casePage.querySelector('.step__file');
    expect(open?.dom?.textContent).toBe('查看照片1');
    open?.dispatchEvent('tap');
    await waitFor(casePage, () => shown.previews.length > 0);
    expect(await download(shown.previews[0] ?? '')).toEqual(fs.readFileSync(PHOTO));
  });

  it('keeps photos as the person leaves them while uploads are still travelling: added twice, one removed', async () => {
    setPersona('page-applicant-race');
    const page = renderPage('pages/case/apply/index');
    type Photo = { name: string; status: string; fileID: string };
    const files = () => (page.data.form as { files: Photo[] }).files;
    page.querySelector('#files')?.dispatchEvent('add', { detail: { files: [{ url: PHOTO }] } });
    page.querySelector('#files')?.dispatchEvent('add', { detail: { files: [{ url: PHOTO }] } });
    await waitFor(page, () => files().length === 2);
    // The first was the wrong photo: removed while still uploading.
    page.querySelector('#files')?.dispatchEvent('remove', { detail: { index: 0 } });
    await waitFor(page, () => files().length === 1);
    await waitFor(page, () => files().every((f) => f.status !== 'loading'));
    await simulate.sleep(100); // any late answer for the removed photo has landed by now
    expect(files()).toEqual([expect.objectContaining({ name: '照片2', status: 'done' })]);
    expect((storageValue('draft.apply') as { form: { files: Photo[] } }).form.files.map((f) => f.name)).toEqual(['照片2']);
  });

  it('marks a photo that did not travel 重新上传 and sends it again on a tap; 提交 tapped while a photo uploads waits for it', async () => {
    setPersona('page-applicant-retry');
    const page = renderPage('pages/case/apply/index');
    type Photo = { name: string; status: string; percent?: number };
    const files = () => (page.data.form as { files: Photo[] }).files;
    // A temp path that is not there yet: the upload fails, as it would when the link drops.
    const later = path.join(os.tmpdir(), `photo-later-${process.pid}.png`);
    fs.rmSync(later, { force: true });
    page.querySelector('#files')?.dispatchEvent('add', { detail: { files: [{ url: later }] } });
    await waitFor(page, () => files()[0]?.status === 'reload');
    fs.copyFileSync(PHOTO, later);
    page.querySelector('#files')?.dispatchEvent('click', { detail: { index: 0 } });
    await waitFor(page, () => files()[0]?.status === 'done');
    expect(files()[0]).toMatchObject({ name: '照片1', percent: 100 });

    handlers(page).onCategory({ currentTarget: { dataset: { value: 'consultation' } } });
    handlers(page).onField({ detail: { value: '宅基地证丢了怎么补' }, currentTarget: { dataset: { field: 'summary' } } });
    handlers(page).onField({ detail: { value: '钱秀英' }, currentTarget: { dataset: { field: 'name' } } });
    handlers(page).onField({ detail: { value: '13512349999' }, currentTarget: { dataset: { field: 'phone' } } });
    // What the button says after each change the page makes, while the second photo travels.
    const labels: string[] = [];
    const instance = page.instance as unknown as { setData(d: object, cb?: () => void): void };
    const setData = instance.setData.bind(instance);
    instance.setData = (d, cb) => {
      setData(d, cb);
      labels.push(page.querySelector('#submit')?.dom?.textContent ?? '');
    };
    page.querySelector('#files')?.dispatchEvent('add', { detail: { files: [{ url: PHOTO }] } });
    resetShown();
    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, (d) => d.submitted !== null);
    expect(labels).toContainEqual(expect.stringMatching(/^正在上传 \d+%$/));
    expect(shown.toasts.map((t) => t.title)).toEqual([expect.stringMatching(/^已受理，编号/)]);
    const { id } = page.data.submitted as { id: string };
    const detail = await callAs<{ timeline: Array<{ files: Array<{ name: string }> }> }>('page-applicant-retry', 'case', 'get', { caseId: id });
    expect(detail.timeline[0]?.files.map((f) => f.name)).toEqual(['照片1', '照片2']);
  });

  it('shows the function’s plain-words refusal and keeps the draft', async () => {
    setPersona('page-applicant-2');
    const page = renderPage('pages/case/apply/index');
    handlers(page).onCategory({ currentTarget: { dataset: { value: 'consultation' } } });
    handlers(page).onField({ detail: { value: '想问问遗产怎么分' }, currentTarget: { dataset: { field: 'summary' } } });
    tap(page.querySelector('#submit') ?? undefined);
    await waitFor(page, () => shown.modals.length > 0);
    expect(shown.modals[0]?.title).toBe('请检查填写内容');
    expect(shown.modals[0]?.content).toContain('请填写来访人姓名');
    expect((storageValue('draft.apply') as { form: { summary: string } }).form.summary).toBe('想问问遗产怎么分');
  });
});

describe('按住说话 on 我要办事', () => {
  const voiceIn = (page: RenderedPage) => page.querySelector('#summary-voice');

  it('adds what was said after what is written, and says 没听清 when nothing was heard', async () => {
    setPersona('page-voice');
    const page = renderPage('pages/case/apply/index', { real: ['voice-input'] });
    handlers(page).onField({ detail: { value: '邻居占了宅基地。' }, currentTarget: { dataset: { field: 'summary' } } });
    const button = voiceIn(page)?.querySelector('.voice__button');
    if (!button) throw new Error('no 按住说话 button');
    button.dispatchEvent('touchstart');
    await simulate.sleep(0);
    expect(voice.starts).toEqual([{ lang: 'zh_CN', duration: 60000 }]);
    expect(voiceIn(page)?.querySelector('.voice__hint')?.dom?.textContent).toBe('正在听…');
    button.dispatchEvent('touchend');
    await simulate.sleep(0);
    expect(voice.stops).toBe(1);
    voice.manager.onStop?.({ result: '协商了三次都不成' });
    await simulate.sleep(0);
    expect((page.data.form as { summary: string }).summary).toBe('邻居占了宅基地。协商了三次都不成');
    expect((storageValue('draft.apply') as { form: { summary: string } }).form.summary).toBe('邻居占了宅基地。协商了三次都不成');

    button.dispatchEvent('touchstart');
    button.dispatchEvent('touchend');
    await simulate.sleep(0);
    voice.manager.onStop?.({ result: '' });
    await simulate.sleep(0);
    expect(voiceIn(page)?.querySelector('.voice__hint')?.dom?.textContent).toBe('没听清，请再说一次');
    expect((page.data.form as { summary: string }).summary).toBe('邻居占了宅基地。协商了三次都不成');
  });

  it('shows no button where the plugin is missing, and hides it when the microphone is refused', async () => {
    setPersona('page-voice');
    voice.plugin = false;
    const without = renderPage('pages/case/apply/index', { real: ['voice-input'] });
    expect(voiceIn(without)?.querySelector('.voice__button')).toBeFalsy();

    voice.plugin = true;
    voice.record = false;
    const refused = renderPage('pages/case/apply/index', { real: ['voice-input'] });
    refused.querySelector('#summary-voice')?.querySelector('.voice__button')?.dispatchEvent('touchstart');
    await simulate.sleep(0);
    expect(voice.starts).toEqual([]);
    expect(voiceIn(refused)?.querySelector('.voice__button')).toBeFalsy();
  });
});

describe('办事进度 and the case page', () => {
  let caseId = '';
  beforeAll(async () => {
    const created = await callAs<{ id: string }>('page-villager', 'case', 'submit', {
      category: 'mediation',
      summary: '牛吃了邻居的庄稼',
      applicant: { name: '周老汉', phone: '13700007777' },
      priorityGroups: ['elderly'],
    });
    caseId = created.id;
  });

  it('lists the resident’s cases with status, next step and the 绿色通道 mark', async () => {
    setPersona('page-villager');
    const page = renderPage('pages/case/list/index');
    await waitFor(page, (d) => d.loading === false);
    const text = page.dom?.textContent ?? '';
    expect(text).toContain('人民调解');
    expect(text).toContain('已受理');
    expect(text).toContain('我们已收到您的申请，正在安排工作人员。');
    expect(text).toContain('绿色通道');
  });

  it('shows the resident the code, the timeline, and no staff buttons', async () => {
    setPersona('page-villager');
    const page = renderPage('pages/case/detail/index', {}, { caseId });
    await waitFor(page, (d) => d.loading === false);
    expect(page.data.code).toMatch(/^TJ\d{12}$/);
    expect(page.dom?.textContent).toContain(page.data.code as string);
    expect((page.data.timeline as Array<{ title: string }>).map((e) => e.title)).toEqual(['已受理']);
    // A resident may add a word, chase it (催办) or withdraw; nothing a worker does.
    expect((page.data.buttons as Array<{ type: string }>).map((b) => b.type).sort()).toEqual(['addFiles', 'addNote', 'remind', 'withdraw']);
    expect(page.querySelector('.command--accept')).toBeFalsy();
  });

  it('shows staff the applicant’s number masked, and dials the whole number only when they tap to call', async () => {
    setPersona('demo-staff');
    const staff = renderPage('pages/case/detail/index', {}, { caseId });
    await waitFor(staff, (d) => d.loading === false);
    expect(staff.dom?.textContent).toContain('周老汉　137****7777');
    expect(staff.dom?.textContent).not.toContain('13700007777');
    staff.querySelector('#call-applicant')?.dispatchEvent('tap');
    await waitFor(staff, () => shown.calls.length > 0);
    expect(shown.calls).toEqual(['13700007777']);
  });

  it('lets reception sign for it, then resolve it through the form; the resident then rates it', async () => {
    setPersona('demo-staff');
    const staff = renderPage('pages/case/detail/index', {}, { caseId });
    await waitFor(staff, (d) => d.loading === false);
    await press(staff, 'accept');
    // The status line says what was done and by whom.
    await waitFor(staff, (d) => d.status === '已签收，承办人：陈静');
    expect(staff.data.handler).toBe('陈静');
    expect(staff.data.firstHandler).toBe('陈静');

    await press(staff, 'resolve');
    expect(staff.data.active).toBe('resolve');
    handlers(staff).onValue({ detail: { value: '双方同意按市价赔偿，已调解' }, currentTarget: { dataset: { key: 'result' } } });
    tap(staff.querySelector('#confirm') ?? undefined);
    await waitFor(staff, (d) => d.status === '已办结');
    expect(staff.data.result).toBe('双方同意按市价赔偿，已调解');

    setPersona('page-villager');
    const resident = renderPage('pages/case/detail/index', { real: ['rating'] }, { caseId });
    await waitFor(resident, (d) => d.loading === false);
    await press(resident, 'evaluate');
    // The shared rating component (components/rating): 非常满意, then 提交评价.
    const form = resident.querySelector('#rating');
    form?.querySelectorAll('.rating__option--satisfaction')[0]?.dispatchEvent('tap');
    form?.querySelector('#rating-submit')?.dispatchEvent('tap');
    await waitFor(resident, (d) => d.status === '已评价');
    expect((resident.data.timeline as Array<{ title: string }>)[0]?.title).toBe('已评价');
  });

  it('lets reception assign a case to an advisor picked from the people serving its unit', async () => {
    const { id } = await callAs<{ id: string }>('page-villager', 'case', 'submit', {
      category: 'consultation',
      summary: '土地流转合同怎么签',
      applicant: { name: '周老汉', phone: '13700007777' },
    });
    await callAs('demo-staff', 'case', 'act', { caseId: id, command: { type: 'triage', orgId: 'qs-station' } });
    setPersona('demo-staff');
    const page = renderPage('pages/case/detail/index', {}, { caseId: id });
    await waitFor(page, (d) => d.loading === false);
    await press(page, 'assign');
    await waitFor(page, (d) => (d.members as unknown[]).length > 0);
    expect((page.data.members as Array<{ label: string }>).map((m) => m.label)).toContain('林晓岚律师（法律顾问）');
    handlers(page).onPick({ currentTarget: { dataset: { key: 'handler', value: 'demo-advisor' } } });
    tap(page.querySelector('#confirm') ?? undefined);
    await waitFor(page, (d) => d.status === '已指派给林晓岚律师，等对方签收');
    expect(page.data.handler).toBe('林晓岚律师');
  });

  it('offers 重试 when the service was not reached, knows when the phone is offline, and loads again when the network returns or on a pull', async () => {
    setPersona('page-villager');
    const reachable = process.env.DEVCLOUD_URL;
    const setOnline = (online: boolean) => {
      network.online = online;
      for (const l of [...network.listeners]) l({ isConnected: online });
    };
    try {
      process.env.DEVCLOUD_URL = 'http://127.0.0.1:9'; // nothing listens there
      const page = renderPage('pages/case/detail/index', {}, { caseId });
      await waitFor(page, (d) => d.failed === true);
      expect(page.data.canRetry).toBe(true);
      expect(page.querySelector('#retry')).toBeTruthy();
      setOnline(false);
      expect(page.data.offline).toBe(true);
      process.env.DEVCLOUD_URL = reachable;
      setOnline(true);
      await waitFor(page, (d) => d.code !== '');
      expect(page.data.offline).toBe(false);
      // Pull-to-refresh asks again.
      shown.functionCalls.length = 0;
      await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
      expect(shown.functionCalls).toEqual(['case.get']);
    } finally {
      process.env.DEVCLOUD_URL = reachable;
      network.online = true;
    }
  });

  it('tells someone else plainly that they cannot see it', async () => {
    setPersona('page-stranger');
    const page = renderPage('pages/case/detail/index', {}, { caseId });
    await waitFor(page, (d) => d.loading === false);
    expect(page.dom?.textContent).toContain('没有找到这件事，或您无权查看');
    expect(shown.toasts.at(-1)?.title).toBe('您无权查看这件事');
  });
});
