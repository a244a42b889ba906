import { drawTabBar } from '../../custom-tab-bar/tabs';
import { themed } from '../../behaviors/themed';

/**
 * The 管理 tab: a tab page must live in the main package, while the staff pages live in the
 * `admin` subpackage so residents never download them. This page is the door; app.json preloads
 * the subpackage when a worker opens it.
 */
Component({
  behaviors: [themed],
  pageLifetimes: {
    show() {
      drawTabBar(this, 4);
    },
  },
  methods: {
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const url = (e.currentTarget.dataset as { url: string }).url;
      void wx.navigateTo({ url });
    },
  },
});
