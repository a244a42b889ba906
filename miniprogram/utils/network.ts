/**
 * Whether the phone has a connection, now and as it changes (wx.getNetworkType and
 * onNetworkStatusChange). Answers the way to stop listening.
 */
export function watchNetwork(listener: (online: boolean) => void): () => void {
  const onChange = (res: WechatMiniprogram.OnNetworkStatusChangeListenerResult) => listener(res.isConnected);
  wx.onNetworkStatusChange(onChange);
  wx.getNetworkType({ success: (res) => listener(res.networkType !== 'none') });
  return () => wx.offNetworkStatusChange(onChange as unknown as WechatMiniprogram.OffNetworkStatusChangeCallback);
}
