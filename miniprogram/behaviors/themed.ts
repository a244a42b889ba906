import { elderOn, setElder, themeClass } from '../utils/elder';

/**
 * The one way a page takes the app's theme: every page lists this behavior and puts
 * `{{xftTheme}}` on its root view (`<view class="page {{xftTheme}}">`); theme.wxss does the rest.
 * WeChat gives a page no class of its own, and page-meta's page-style could only carry tokens as
 * inline values, so the class rides on the root view, where CSS variables reach every TDesign
 * component below it. test/repo/a11y.repo.test.ts holds every page of app.json to this.
 * Pages below the top one pick a change up when they show again, so nothing has to be pushed.
 */
export const themed = Behavior({
  data: { xftTheme: '' },
  lifetimes: {
    attached() {
      this.setData({ xftTheme: themeClass() });
    },
  },
  methods: {
    /** 长辈模式's switch, offered on 首页 and 我的: the choice is kept on the phone. */
    onToggleElder() {
      setElder(!elderOn());
      this.setData({ xftTheme: themeClass() });
    },
  },
  pageLifetimes: {
    // Switched on another page, or WeChat's font setting changed while the app was away.
    show() {
      const cls = themeClass();
      if ((this.data as { xftTheme: string }).xftTheme !== cls) this.setData({ xftTheme: cls });
    },
  },
});
