import { MAX_FILES, type Attachment } from '@core';
import { showError } from '../api/feedback';
import { uploadOwn } from '../api/files';

/** One photo as t-upload shows it, with what the upload made of it. */
export interface Picked {
  url: string;
  name: string;
  type: 'image';
  status: 'loading' | 'done' | 'failed';
  fileID: string;
}

interface Added {
  url: string;
}

/** t-upload settings every page shares: photos only, compressed on the phone before they travel. */
export const PHOTO_PICKER = { photoOnly: ['image'], photoConfig: { sizeType: ['compressed'], sourceType: ['camera', 'album'] } };

export function attachmentsOf(picked: readonly Picked[]): Attachment[] {
  return picked.filter((p) => p.status === 'done').map((p) => ({ fileID: p.fileID, name: p.name }));
}

export function stillUploading(picked: readonly Picked[]): boolean {
  return picked.some((p) => p.status === 'loading');
}

/**
 * Uploads the photos t-upload just added, one after another (a weak network does one at a time
 * better than many at once), redrawing after each so the person sees progress. A failed photo
 * stays on screen marked 失败, to be removed and picked again.
 */
export async function addPicked(current: readonly Picked[], added: readonly Added[], redraw: (list: Picked[]) => void): Promise<Picked[]> {
  const room = Math.max(0, MAX_FILES - current.length);
  if (added.length > room) wx.showToast({ title: `最多${MAX_FILES}张照片`, icon: 'none' });
  const start = current.length;
  // Numbered past the highest so far: after a removal a new photo never takes an old one's name.
  const next = Math.max(0, ...current.map((p) => Number(/\d+$/.exec(p.name)?.[0] ?? 0))) + 1;
  let list: Picked[] = [
    ...current,
    ...added.slice(0, room).map((a, i) => ({ url: a.url, name: `照片${next + i}`, type: 'image' as const, status: 'loading' as const, fileID: '' })),
  ];
  redraw(list);
  for (let i = start; i < list.length; i++) {
    const item = list[i] as Picked;
    try {
      const { fileID } = await uploadOwn(item.url, item.name);
      list = list.map((p, j) => (j === i ? { ...p, status: 'done', fileID } : p));
    } catch (err) {
      list = list.map((p, j) => (j === i ? { ...p, status: 'failed' } : p));
      showError(err);
    }
    redraw(list);
  }
  return list;
}

/** A photo whose upload was cut off (the page closed mid-way) is shown as failed, never as "uploading" forever. */
export function interrupted(picked: readonly Picked[]): Picked[] {
  return picked.map((p) => (p.status === 'loading' ? { ...p, status: 'failed' } : p));
}

export function removePicked(current: readonly Picked[], index: number): Picked[] {
  return current.filter((_, i) => i !== index);
}
