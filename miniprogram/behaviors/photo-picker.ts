import { failedPhotosAsked, pickFailed, PHOTO_PICKER, PhotoUploads, removePicked, type Picked } from '../utils/picked';

/** What a page using the photo picker keeps its photos in (a draft field, or plain data). */
export interface PhotoHost {
  pickedFiles(): readonly Picked[];
  setPickedFiles(list: Picked[]): void;
}

interface PickerData {
  /** The page's 提交 is waiting on photos still travelling: its label says so (正在上传 n%). */
  photoWaiting: boolean;
  /** How far the photos being sent have come, 0–100. */
  photoPercent: number;
}

type Instance = PhotoHost & { setData(d: Partial<PickerData>): void; data: PickerData };

const queues = new WeakMap<object, PhotoUploads>();

function uploadsOf(page: Instance): PhotoUploads {
  let uploads = queues.get(page);
  if (!uploads) {
    const made: PhotoUploads = new PhotoUploads({
      get: () => page.pickedFiles(),
      set: (list) => {
        page.setPickedFiles(list);
        const photoPercent = made.percent();
        if (page.data.photoPercent !== photoPercent) page.setData({ photoPercent });
      },
    });
    uploads = made;
    queues.set(page, uploads);
  }
  return uploads;
}

/**
 * t-upload's handlers shared by every page that takes photos (我要办事, 法律援助, 登记来访, the case
 * forms): the page says where its photos live, the behavior adds, uploads (with the percent on each
 * tile), sends a failed photo again when its tile (重新上传) is tapped, and removes. A page binds
 * t-upload's `click` to onPhotoTap, and its send button waits on `photosReady()` showing
 * `photoWaiting` / `photoPercent`, instead of refusing a tap while photos travel.
 */
export const photoPicker = Behavior({
  data: { ...PHOTO_PICKER, photoWaiting: false, photoPercent: 100 },
  methods: {
    onAddFiles(e: WechatMiniprogram.CustomEvent<{ files: Array<{ url: string }> }>) {
      uploadsOf(this as unknown as Instance).add(e.detail.files);
    },
    onPickFail(e: WechatMiniprogram.CustomEvent<{ errMsg?: string }>) {
      pickFailed(e.detail);
    },
    onRemoveFile(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const host = this as unknown as PhotoHost;
      host.setPickedFiles(removePicked(host.pickedFiles(), e.detail.index));
    },
    /** A tap on a tile: on a failed photo (重新上传) it is sent again; on others t-upload previews. */
    onPhotoTap(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const page = this as unknown as Instance;
      const item = page.pickedFiles()[e.detail.index];
      if (item?.status === 'reload') uploadsOf(page).retry(item.key);
    },
    /**
     * Before sending: waits for photos still travelling (the button shows 正在上传 n%), then asks
     * about any that failed. Answers whether to go on.
     */
    async photosReady(): Promise<boolean> {
      const page = this as unknown as Instance;
      const uploads = uploadsOf(page);
      if (page.pickedFiles().some((p) => p.status === 'loading')) {
        page.setData({ photoWaiting: true, photoPercent: uploads.percent() });
        try {
          await uploads.idle();
        } finally {
          page.setData({ photoWaiting: false });
        }
      }
      return failedPhotosAsked(page.pickedFiles());
    },
  },
});
