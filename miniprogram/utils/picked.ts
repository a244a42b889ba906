import { MAX_FILES, type Attachment } from '@core';
import { showError } from '../api/feedback';
import { uploadOwn } from '../api/files';

/** One photo as t-upload shows it, with what the upload made of it. */
export interface Picked {
  /** Stable while the photo is on screen: uploads finish out of order, removals happen meanwhile. */
  key: string;
  url: string;
  name: string;
  type: 'image';
  status: 'loading' | 'done' | 'failed';
  fileID: string;
}

interface Added {
  url: string;
}

/** Where a page keeps its photos: read fresh each time, because the person keeps adding and removing. */
export interface PickedStore {
  get(): readonly Picked[];
  set(list: Picked[]): void;
}

/** t-upload settings every page shares: photos only, compressed on the phone before they travel. */
export const PHOTO_PICKER = { photoOnly: ['image'], photoConfig: { sizeType: ['compressed'], sourceType: ['camera', 'album'] } };

export function attachmentsOf(picked: readonly Picked[]): Attachment[] {
  return picked.filter((p) => p.status === 'done').map((p) => ({ fileID: p.fileID, name: p.name }));
}

function stillUploading(picked: readonly Picked[]): boolean {
  return picked.some((p) => p.status === 'loading');
}

let counter = 0;

/**
 * Uploads the photos t-upload just added, one after another (a weak network does one at a time
 * better than many at once). Each result lands on the page's CURRENT list by key, so photos added
 * or removed meanwhile stay as the person left them; a removed photo's late result is dropped.
 * A failed photo stays on screen marked 失败, to be removed and picked again.
 */
export async function addPicked(store: PickedStore, added: readonly Added[]): Promise<void> {
  const current = store.get();
  const room = Math.max(0, MAX_FILES - current.length);
  if (added.length > room) wx.showToast({ title: `最多${MAX_FILES}张照片`, icon: 'none' });
  // Numbered past the highest so far: after a removal a new photo never takes an old one's name.
  const next = Math.max(0, ...current.map((p) => Number(/\d+$/.exec(p.name)?.[0] ?? 0))) + 1;
  const fresh: Picked[] = added.slice(0, room).map((a, i) => ({
    key: `p${Date.now().toString(36)}${(counter += 1)}`,
    url: a.url,
    name: `照片${next + i}`,
    type: 'image',
    status: 'loading',
    fileID: '',
  }));
  store.set([...current, ...fresh]);
  const settle = (key: string, change: Partial<Picked>) => {
    const list = store.get();
    if (list.some((p) => p.key === key)) store.set(list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  };
  for (const item of fresh) {
    if (!store.get().some((p) => p.key === item.key)) continue; // removed before its turn
    try {
      const { fileID } = await uploadOwn(item.url, item.name);
      settle(item.key, { status: 'done', fileID });
    } catch (err) {
      settle(item.key, { status: 'failed' });
      showError(err);
    }
  }
}

/**
 * What a draft brings back after the mini-program was closed: the photos that reached storage,
 * shown from their cloud file (a chooseMedia temp path does not outlive the session). Photos
 * still uploading or failed then cannot be sent any more and are left out.
 */
export function restored(picked: readonly Picked[]): Picked[] {
  return picked.filter((p) => p.status === 'done').map((p) => ({ ...p, url: p.fileID }));
}

export function removePicked(current: readonly Picked[], index: number): Picked[] {
  return current.filter((_, i) => i !== index);
}

/**
 * Before sending: photos still travelling hold the form back; photos that failed are named, and
 * the person chooses to send without them or go back. Answers whether to go on.
 */
export function readyToSend(picked: readonly Picked[]): Promise<boolean> {
  if (stillUploading(picked)) {
    wx.showToast({ title: '照片还在上传，请稍等', icon: 'none' });
    return Promise.resolve(false);
  }
  const failed = picked.filter((p) => p.status === 'failed').length;
  if (failed === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    wx.showModal({
      title: `有${failed}张照片没传上去`,
      content: '可以先删掉它重新选，也可以不带这几张先提交。',
      confirmText: '仍要提交',
      cancelText: '回去重传',
      success: (res) => resolve(res.confirm),
      fail: () => resolve(false),
    });
  });
}

/**
 * t-upload's `fail`: a cancelled pick is a choice; anything else (no camera permission, or the
 * privacy agreement not declaring 选中的照片, errno 112) is said plainly instead of nothing happening.
 */
export function pickFailed(detail: { errMsg?: string } | undefined): void {
  if (/cancel/.test(detail?.errMsg ?? '')) return;
  wx.showToast({ title: '没能打开相机或相册，请在设置里允许后再试', icon: 'none', duration: 3000 });
}
