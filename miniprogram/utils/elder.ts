/**
 * 长辈模式 (elder mode): larger type, stronger contrast, larger tap targets — one theme class,
 * `xft-elder`, whose tokens live in theme.wxss. The resident's own choice is kept on the phone;
 * without one, the mode follows WeChat's font-size setting (我-设置-通用-字体大小), as WeChat's
 * 小程序适老化设计指南 asks.
 */
export const ELDER_KEY = 'xft.elder';
export const ELDER_CLASS = 'xft-elder';
/**
 * WeChat's standard body size is 17 px (16 on some Android builds); 关怀模式 is 23.8 px. Anything from
 * 20 px up means the person asked WeChat for large text.
 */
export const LARGE_FONT_PX = 20;

export type ElderChoice = 'on' | 'off' | 'auto';

function systemFontPx(): number {
  try {
    const info = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
    return Number((info as { fontSizeSetting?: number }).fontSizeSetting) || 0;
  } catch {
    return 0;
  }
}

export function elderChoice(): ElderChoice {
  try {
    const v: unknown = wx.getStorageSync(ELDER_KEY);
    return v === 'on' || v === 'off' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

/** Whether elder mode is on now: the resident's choice, else WeChat's large font. */
export function elderOn(): boolean {
  const choice = elderChoice();
  if (choice !== 'auto') return choice === 'on';
  return systemFontPx() >= LARGE_FONT_PX;
}

/** Whether WeChat's own font setting alone would turn elder mode on (said beside the switch). */
export function followsWeChatFont(): boolean {
  return systemFontPx() >= LARGE_FONT_PX;
}

export function themeClass(): string {
  return elderOn() ? ELDER_CLASS : '';
}

/** Keeps the resident's choice; pages redraw themselves (behaviors/themed.ts). */
export function setElder(on: boolean): void {
  wx.setStorageSync(ELDER_KEY, on ? 'on' : 'off');
}
