import { api } from '../../api/client';

/** The unread count the tab bar shows, remembered from the last answer that carried it. */
const UNREAD_KEY = 'notify.unread';

export function rememberUnread(count: number): number {
  wx.setStorageSync(UNREAD_KEY, count);
  return count;
}

export function rememberedUnread(): number {
  const n = Number(wx.getStorageSync(UNREAD_KEY));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** One light call when the app comes to the foreground, so the badge is fresh without a call per screen. */
export async function refreshUnread(): Promise<number> {
  try {
    return rememberUnread((await api().notify.unread({})).unread);
  } catch {
    return rememberedUnread();
  }
}
