import { refreshUnread } from './pages/notify/unread';

App({
  onShow() {
    // The 消息 badge: one light call when the app comes to the foreground, not one per screen.
    void refreshUnread();
  },
  onLaunch() {
    // wx.cloud exists only in the WeChat runtime; local mode talks to devcloud over HTTP instead.
    if (__API_TARGET__ === 'cloud' && wx.cloud) wx.cloud.init({ traceUser: true });
  },
});
