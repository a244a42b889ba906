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
  /** t-upload's states: 'reload' draws 重新上传 on the tile, and a tap on the tile sends it again. */
  status: 'loading' | 'done' | 'reload';
  /** Percent sent while loading; t-upload draws it on the tile. */
  percent?: number;
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

/** A tile's percent moves in steps of this much: each step rewrites the page's list (and a draft). */
const PERCENT_STEP = 5;

let counter = 0;

/**
 * One page's uploads, one photo after another (a weak network does one at a time better than many
 * at once). Each result lands on the page's CURRENT list by key, so photos added or removed
 * meanwhile stay as the person left them; a removed photo's late result is dropped. A photo that
 * fails stays on screen as 重新上传, and a tap sends it again. The page's 提交 waits on `idle`.
 */
export class PhotoUploads {
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  /** The photos sent since the queue was last empty: what the overall percent is of. */
  private batch = new Set<string>();

  constructor(private readonly store: PickedStore) {}

  add(added: readonly Added[]): void {
    const current = this.store.get();
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
      percent: 0,
      fileID: '',
    }));
    this.store.set([...current, ...fresh]);
    for (const item of fresh) this.queue(item.key);
  }

  /** 重新上传: the tile's photo goes to the back of the queue again. */
  retry(key: string): void {
    const item = this.store.get().find((p) => p.key === key);
    if (!item || item.status !== 'reload') return;
    this.settle(key, { status: 'loading', percent: 0 });
    this.queue(key);
  }

  /** Resolves once no photo is waiting or travelling (photos added meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.chain;
  }

  /** How far the photos sent since the queue was last empty have come, 0–100. */
  percent(): number {
    const sent = this.store.get().filter((p) => this.batch.has(p.key) && p.status !== 'reload');
    if (sent.length === 0) return 100;
    return Math.floor(sent.reduce((sum, p) => sum + (p.status === 'done' ? 100 : (p.percent ?? 0)), 0) / sent.length);
  }

  private queue(key: string): void {
    this.pending += 1;
    this.batch.add(key);
    this.chain = this.chain.then(async () => {
      try {
        await this.send(key);
      } finally {
        this.pending -= 1;
        if (this.pending === 0) this.batch.clear();
      }
    });
  }

  private async send(key: string): Promise<void> {
    const item = this.store.get().find((p) => p.key === key);
    if (!item) return; // removed before its turn
    let shown = 0;
    const onProgress = (percent: number) => {
      const step = Math.min(99, Math.floor(percent / PERCENT_STEP) * PERCENT_STEP);
      if (step > shown) this.settle(key, { percent: (shown = step) });
    };
    try {
      const { fileID } = await uploadOwn(item.url, item.name, onProgress);
      this.settle(key, { status: 'done', percent: 100, fileID });
    } catch (err) {
      this.settle(key, { status: 'reload', percent: 0 });
      showError(err);
    }
  }

  private settle(key: string, change: Partial<Picked>): void {
    const list = this.store.get();
    if (list.some((p) => p.key === key)) this.store.set(list.map((p) => (p.key === key ? { ...p, ...change } : p)));
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
 * Photos that failed are named, and the person chooses to send without them or go back and tap
 * 重新上传. Answers whether to go on.
 */
export function failedPhotosAsked(picked: readonly Picked[]): Promise<boolean> {
  const failed = picked.filter((p) => p.status === 'reload').length;
  if (failed === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    wx.showModal({
      title: `有${failed}张照片没传上去`,
      content: '可以回去点照片上的"重新上传"，也可以不带这几张先提交。',
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
