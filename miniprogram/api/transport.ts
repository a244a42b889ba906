import { AppError, type CallRequest, type CallResponse } from '@core';

/** Sends one call to one function and answers the envelope; throws AppError('NETWORK') on transport failure. */
export type Transport = (fn: string, request: CallRequest) => Promise<CallResponse<unknown>>;

export const PERSONA_KEY = 'devcloud.persona';
export const DEFAULT_PERSONA = 'demo-resident';

function isEnvelope(value: unknown): value is CallResponse<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Production: wx.cloud.callFunction; the platform attaches the caller's identity. */
export const cloudTransport: Transport = (fn, request) =>
  new Promise((resolve, reject) => {
    wx.cloud.callFunction({
      name: fn,
      data: request,
      success: (res) => {
        const result = (res as { result?: unknown }).result;
        if (isEnvelope(result)) resolve(result);
        else reject(new AppError('INTERNAL'));
      },
      fail: () => reject(new AppError('NETWORK')),
    });
  });

/** Local mode: HTTP to devcloud, with the dev persona standing in for the platform identity. */
export function httpTransport(baseUrl: string): Transport {
  return (fn, request) =>
    new Promise((resolve, reject) => {
      const persona = currentPersona();
      wx.request({
        url: `${baseUrl}/fn/${fn}`,
        method: 'POST',
        data: request as unknown as WechatMiniprogram.IAnyObject,
        header: { 'content-type': 'application/json', 'x-devcloud-openid': persona },
        success: (res) => {
          if (isEnvelope(res.data)) resolve(res.data);
          else reject(new AppError('NETWORK'));
        },
        fail: () => reject(new AppError('NETWORK')),
      });
    });
}

/**
 * Puts one local file (a temp path from chooseMedia or a canvas) into cloud storage at cloudPath;
 * answers its fileID. `onProgress` hears the percent sent (UploadTask.onProgressUpdate): on a rural
 * link a photo takes most of a minute, and a person who sees nothing moving gives up.
 */
export type Uploader = (filePath: string, cloudPath: string, onProgress?: (percent: number) => void) => Promise<string>;

function reportProgress(task: WechatMiniprogram.UploadTask, onProgress?: (percent: number) => void): void {
  if (onProgress) task.onProgressUpdate((res) => onProgress(res.progress));
}

export const cloudUploader: Uploader = (filePath, cloudPath, onProgress) =>
  new Promise((resolve, reject) => {
    const task = wx.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve(res.fileID),
      fail: () => reject(new AppError('NETWORK', '照片没有传上去，请检查网络后再试')),
    });
    reportProgress(task, onProgress);
  });

/** Local mode: a multipart upload to devcloud, which stores it as wx.cloud.uploadFile would. */
export function httpUploader(baseUrl: string): Uploader {
  return (filePath, cloudPath, onProgress) =>
    new Promise((resolve, reject) => {
      const task = wx.uploadFile({
        url: `${baseUrl}/storage/form`,
        filePath,
        name: 'file',
        formData: { cloudPath },
        header: { 'x-devcloud-openid': currentPersona() },
        success: (res) => {
          const body = (() => {
            try {
              return JSON.parse(res.data) as { ok?: boolean; data?: { fileID?: string } };
            } catch {
              return null;
            }
          })();
          if (body?.ok && body.data?.fileID) resolve(body.data.fileID);
          else reject(new AppError('NETWORK', '照片没有传上去，请稍后再试'));
        },
        fail: () => reject(new AppError('NETWORK', '照片没有传上去，请检查网络后再试')),
      });
      reportProgress(task, onProgress);
    });
}

export function currentPersona(): string {
  return (wx.getStorageSync(PERSONA_KEY) as string) || DEFAULT_PERSONA;
}

export function defaultUploader(): Uploader {
  return __API_TARGET__ === 'cloud' ? cloudUploader : httpUploader(__DEVCLOUD_URL__);
}

export function defaultTransport(): Transport {
  return __API_TARGET__ === 'cloud' ? cloudTransport : httpTransport(__DEVCLOUD_URL__);
}
