import { formatShanghai } from '@core';

/**
 * The resident's home village and its 法治宣传, as the group pages last read them: 首页 shows them
 * without a call of its own when it opens (it makes one call, identity.whoami), and refreshes them
 * with group.home when the resident comes back to it.
 */
export interface PublicityRow {
  id: string;
  title: string;
  text: string;
  from: string;
}

const KEY = 'group.home';

interface Notice {
  id: string;
  title: string;
  text: string;
  orgName: string;
  at: Date | string;
}

export function rememberHome(home: { groupId: string; name: string } | null, notices: readonly Notice[]): void {
  if (!home) return;
  const publicity: PublicityRow[] = notices.slice(0, 5).map((n) => ({ id: n.id, title: n.title, text: n.text, from: `${n.orgName.replace(/公共法律服务(中心|工作站|工作室)$/, '')} ${formatShanghai(new Date(n.at), 'M月D日')}` }));
  wx.setStorageSync(KEY, { groupId: home.groupId, village: home.name, publicity });
}

export function cachedHome(): { groupId: string; village: string; publicity: PublicityRow[] } {
  const v = wx.getStorageSync(KEY) as { groupId?: string; village?: string; publicity?: PublicityRow[] } | '';
  return v ? { groupId: v.groupId ?? '', village: v.village ?? '', publicity: v.publicity ?? [] } : { groupId: '', village: '', publicity: [] };
}
