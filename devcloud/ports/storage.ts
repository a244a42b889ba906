import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/** wx.cloud.uploadFile's limit for a photo is far above this; a phone photo, compressed, is well under. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * devcloud's file storage, spoken to by the real SDK over the /admin wire: storage.getUploadMetadata
 * hands out an upload URL on devcloud (the SDK PUTs the bytes there, as it would to COS),
 * storage.batchGetDownloadUrl answers signed temporary URLs that expire on devcloud's clock, and
 * storage.batchDeleteFile removes. Files live under <data>/storage, or in memory.
 * Storage rules do not protect a download URL on CloudBase either, so private files (ID photos)
 * are reached only through these short-lived URLs.
 */
export class DevStorage {
  private readonly memory = new Map<string, Buffer>();
  private readonly secret = crypto.randomBytes(32);

  constructor(
    private readonly dir: string | undefined,
    private readonly baseUrl: () => string,
    private readonly now: () => Date,
  ) {
    if (dir) fs.mkdirSync(dir, { recursive: true });
  }

  static fileId(cloudPath: string): string {
    return `cloud://devcloud.devcloud-1/${cloudPath}`;
  }

  /** cloud://env.bucket/a/b.jpg → a/b.jpg, refusing anything that climbs out of the store. */
  static pathOf(fileId: string): string | null {
    const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
    const p = m?.[1];
    if (!p || p.split('/').some((s) => s === '..' || s === '')) return null;
    return p;
  }

  put(cloudPath: string, content: Buffer): void {
    if (this.dir) {
      const file = path.join(this.dir, cloudPath);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    } else {
      this.memory.set(cloudPath, content);
    }
  }

  get(cloudPath: string): Buffer | null {
    if (!this.dir) return this.memory.get(cloudPath) ?? null;
    const file = path.join(this.dir, cloudPath);
    return fs.existsSync(file) ? fs.readFileSync(file) : null;
  }

  remove(cloudPath: string): boolean {
    if (!this.dir) return this.memory.delete(cloudPath);
    const file = path.join(this.dir, cloudPath);
    if (!fs.existsSync(file)) return false;
    fs.rmSync(file);
    return true;
  }

  private sign(cloudPath: string, expires: number): string {
    return crypto.createHmac('sha256', this.secret).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32);
  }

  /** Answers a storage.* wire action, or null when the action is not a storage one. */
  handle(body: Record<string, unknown>): Record<string, unknown> | null {
    const action = body.action;
    if (action === 'storage.getUploadMetadata') {
      const cloudPath = typeof body.path === 'string' ? body.path : '';
      if (!DevStorage.pathOf(DevStorage.fileId(cloudPath))) return { code: 'INVALID_PARAM', message: 'invalid cloudPath' };
      const expires = this.now().getTime() + 10 * 60_000;
      const url = `${this.baseUrl()}/storage/upload/${encodeURIComponent(cloudPath)}?e=${expires}&s=${this.sign(cloudPath, expires)}`;
      return { data: { url, token: 'devcloud', authorization: 'devcloud', fileId: DevStorage.fileId(cloudPath), cosFileId: cloudPath } };
    }
    if (action === 'storage.batchGetDownloadUrl') {
      const list = Array.isArray(body.file_list) ? (body.file_list as Array<{ fileid?: string; max_age?: number }>) : [];
      return {
        data: {
          download_list: list.map((f) => {
            const cloudPath = DevStorage.pathOf(f.fileid ?? '');
            if (!cloudPath || !this.get(cloudPath)) return { fileID: f.fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
            const expires = this.now().getTime() + Math.max(1, Math.min(f.max_age ?? 7200, 86400)) * 1000;
            const url = `${this.baseUrl()}/storage/file/${encodeURIComponent(cloudPath)}?e=${expires}&s=${this.sign(cloudPath, expires)}`;
            return { fileID: f.fileid, tempFileURL: url, code: 'SUCCESS' };
          }),
        },
      };
    }
    if (action === 'storage.batchDeleteFile') {
      const ids = Array.isArray(body.fileid_list) ? (body.fileid_list as string[]) : [];
      return {
        data: {
          delete_list: ids.map((id) => {
            const cloudPath = DevStorage.pathOf(id);
            return { fileID: id, code: cloudPath && this.remove(cloudPath) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' };
          }),
        },
      };
    }
    return null;
  }

  /**
   * What the mini-program's wx.uploadFile sends in local mode (a multipart form with `file` and
   * `cloudPath`), standing in for wx.cloud.uploadFile. CloudBase's storage rule lets a client
   * write only its own files; devcloud holds clients to the project's stricter convention, their
   * own uploads/<openid>/ folder, so a client that builds the wrong path fails here first.
   */
  async receiveForm(req: http.IncomingMessage, openid: string | undefined): Promise<{ status: number; body: Record<string, unknown> }> {
    const refuse = (status: number, code: string, message: string) => ({ status, body: { ok: false, error: { code, message } } });
    if (!openid) return refuse(401, 'UNAUTHENTICATED', '请先登录');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_UPLOAD_BYTES) return refuse(413, 'PAYLOAD_TOO_LARGE', '文件太大了，请选小一点的照片');
      chunks.push(chunk as Buffer);
    }
    // Node's own fetch Request parses multipart: no hand-written parser, no extra dependency.
    const form = await new Request('http://devcloud/', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body: Buffer.concat(chunks),
    })
      .formData()
      .catch(() => null);
    const file = form?.get('file');
    const cloudPath = form?.get('cloudPath');
    if (!form || typeof file === 'string' || !file || typeof cloudPath !== 'string') return refuse(400, 'BAD_REQUEST', '上传格式不对');
    const fileID = DevStorage.fileId(cloudPath);
    if (!DevStorage.pathOf(fileID) || !cloudPath.startsWith(`uploads/${openid}/`)) return refuse(403, 'FORBIDDEN', '只能上传到自己的文件夹');
    this.put(cloudPath, Buffer.from(await file.arrayBuffer()));
    return { status: 200, body: { ok: true, data: { fileID } } };
  }

  /** Checks a signed URL's path, expiry and signature; answers the stored path when valid. */
  verify(cloudPath: string, expires: string | null, signature: string | null): 'ok' | 'expired' | 'forbidden' {
    const e = Number(expires);
    if (!signature || !Number.isFinite(e)) return 'forbidden';
    const expected = this.sign(cloudPath, e);
    if (expected.length !== signature.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return 'forbidden';
    return e < this.now().getTime() ? 'expired' : 'ok';
  }
}
