import { cloud } from '../_runtime/cloud';

/**
 * Which WeChat chat a card was opened from. The client reads wx.getGroupEnterInfo's cloudID (the
 * shareTicket route is deprecated since base library 2.17.3) and the function decodes it: the
 * opengid never passes through the client in clear, and a cloudID lasts 5 minutes and belongs to
 * the user who opened the card.
 */
export interface GroupEnter {
  opengid: string | null;
  /** 1 WeChat 1:1, 2 WeCom 1:1, 3 WeChat group, 4 WeCom interop group. */
  chatType: number | null;
}

export interface OpenDataPort {
  groupEnter(cloudId: string, openid: string): Promise<GroupEnter | 'expired'>;
}

interface OpenDataItem {
  cloudID?: string;
  json?: string;
  errCode?: number;
}

function parse(item: OpenDataItem | undefined): GroupEnter | 'expired' {
  if (!item?.json) return 'expired';
  try {
    const body = JSON.parse(item.json) as { data?: { opengid?: unknown; openGId?: unknown; chat_type?: unknown } };
    const d = body.data ?? {};
    const gid = typeof d.opengid === 'string' ? d.opengid : typeof d.openGId === 'string' ? d.openGId : null;
    return { opengid: gid, chatType: typeof d.chat_type === 'number' ? d.chat_type : null };
  } catch {
    return 'expired';
  }
}

/** CloudBase: cloud.getOpenData decodes the caller's own cloudIDs (an expired one answers -601006). */
export function wxOpenData(): OpenDataPort {
  return {
    async groupEnter(cloudId) {
      try {
        const res = (await (cloud as unknown as { getOpenData(a: { list: string[] }): Promise<{ list?: OpenDataItem[] }> }).getOpenData({ list: [cloudId] })) ?? {};
        return parse(res.list?.[0]);
      } catch {
        return 'expired';
      }
    },
  };
}

export function devcloudOpenData(origin: string): OpenDataPort {
  return {
    async groupEnter(cloudId, openid) {
      const res = await fetch(`${origin}/devcloud/openapi/getOpenData`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ list: [cloudId], openid }),
      });
      const body = (await res.json()) as { list?: OpenDataItem[] };
      return parse(body.list?.[0]);
    },
  };
}

const devcloudOrigin = process.env.DEVCLOUD_SERVICE_URL ? new URL(process.env.DEVCLOUD_SERVICE_URL).origin : null;
export const openData: OpenDataPort = devcloudOrigin ? devcloudOpenData(devcloudOrigin) : wxOpenData();
