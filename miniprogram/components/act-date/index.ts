import { RESIDENT_WINDOWS, type CaseCategory, type WindowKey } from '@core';
import { windowsOf } from '../../utils/act-date';

function choices(category: CaseCategory | '', window: string) {
  const windows = windowsOf(category);
  const picked = windows.includes(window as WindowKey) ? window : windows[0];
  return windows.map((k) => ({ value: k, label: RESIDENT_WINDOWS[k].label, from: RESIDENT_WINDOWS[k].from, on: k === picked }));
}

/**
 * 申请期限: the date a resident's statutory window runs from (行政复议 60 days, 劳动仲裁 one year …),
 * asked only for a category that carries one, so a request close to its last day is done first.
 * Shared by 我要办事 and 登记来访, which keep the values in their drafts.
 */
Component({
  properties: {
    category: { type: String, value: '' },
    actOn: { type: String, value: '' },
    window: { type: String, value: '' },
    /** The last day that may be picked (today, in Beijing), from the page. */
    today: { type: String, value: '' },
    title: { type: String, value: '申请期限（知道日期的请填，快到期的优先办）' },
  },
  data: { windows: [] as ReturnType<typeof choices>, from: '' },
  observers: {
    'category, window'(category: CaseCategory | '', window: string) {
      const windows = choices(category, window);
      this.setData({ windows, from: windows.find((w) => w.on)?.from ?? '' });
    },
  },
  methods: {
    onWindow(e: WechatMiniprogram.BaseEvent) {
      this.triggerEvent('change', { actOn: this.data.actOn, window: (e.currentTarget.dataset as { value: WindowKey }).value });
    },
    onActOn(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.triggerEvent('change', { actOn: e.detail.value, window: this.data.window });
    },
  },
});
