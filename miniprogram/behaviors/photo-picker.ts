import { addPicked, pickFailed, PHOTO_PICKER, removePicked, type Picked } from '../utils/picked';

/** What a page using the photo picker keeps its photos in (a draft field, or plain data). */
export interface PhotoHost {
  pickedFiles(): readonly Picked[];
  setPickedFiles(list: Picked[]): void;
}

/**
 * t-upload's handlers shared by every page that takes photos (我要办事, 登记来访, the case forms):
 * the page says where its photos live, the behavior does the adding, failing and removing.
 */
export const photoPicker = Behavior({
  data: { ...PHOTO_PICKER },
  methods: {
    async onAddFiles(e: WechatMiniprogram.CustomEvent<{ files: Array<{ url: string }> }>) {
      const host = this as unknown as PhotoHost;
      await addPicked({ get: () => host.pickedFiles(), set: (list) => host.setPickedFiles(list) }, e.detail.files);
    },
    onPickFail(e: WechatMiniprogram.CustomEvent<{ errMsg?: string }>) {
      pickFailed(e.detail);
    },
    onRemoveFile(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const host = this as unknown as PhotoHost;
      host.setPickedFiles(removePicked(host.pickedFiles(), e.detail.index));
    },
  },
});
