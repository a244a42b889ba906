/** Whether this person works here, remembered from their last whoami so the tab bar can show 管理 at once. */
const WORKER_KEY = 'me.worker';

export function rememberWorker(worker: boolean): boolean {
  wx.setStorageSync(WORKER_KEY, worker);
  return worker;
}

export function isRememberedWorker(): boolean {
  return wx.getStorageSync(WORKER_KEY) === true;
}
