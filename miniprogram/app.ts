App({
  onLaunch() {
    // wx.cloud exists only in the WeChat runtime; local mode talks to devcloud over HTTP instead.
    if (__API_TARGET__ === 'cloud' && wx.cloud) wx.cloud.init({ traceUser: true });
  },
});
