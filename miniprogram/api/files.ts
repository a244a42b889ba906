import { uploadPrefix, type Attachment } from '@core';
import { api } from './client';
import { currentPersona, defaultUploader } from './transport';

const OPENID_KEY = 'me.openid';

/**
 * The caller's openid names their uploads folder. In local mode the persona is the identity; on
 * the platform it never changes for a WeChat account, so one whoami is remembered for good.
 */
async function myOpenid(): Promise<string> {
  if (__API_TARGET__ !== 'cloud') return currentPersona();
  const known = wx.getStorageSync(OPENID_KEY) as string;
  if (known) return known;
  const { openid } = await api().identity.whoami({});
  wx.setStorageSync(OPENID_KEY, openid);
  return openid;
}

function extensionOf(path: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(path);
  return m ? `.${(m[1] as string).toLowerCase()}` : '.jpg';
}

/**
 * Uploads one picked file into the caller's own folder; the name is what people will see on the
 * case. `onProgress` hears the percent sent.
 */
export async function uploadOwn(filePath: string, name: string, onProgress?: (percent: number) => void): Promise<Attachment> {
  const openid = await myOpenid();
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const fileID = await defaultUploader()(filePath, `${uploadPrefix(openid)}${unique}${extensionOf(filePath)}`, onProgress);
  return { fileID, name };
}
