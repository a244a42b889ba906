// Which files a caller may put on a case: their own uploads, a few at a time.
import { text } from './input';
import { badInput } from './refusals';
import type { Actor, Attachment } from './types';

export const MAX_FILES = 9;

/** Where a client stores its uploads: the one place `ownsUpload` accepts. */
export function uploadPrefix(openid: string): string {
  return `uploads/${openid}/`;
}

/** The platform lets a client write only under its own prefix, so that is where its own files are. */
export function ownsUpload(fileID: string, openid: string): boolean {
  const m = /^cloud:\/\/[A-Za-z0-9._-]+\/(.+)$/.exec(fileID);
  const path = m?.[1] ?? '';
  const prefix = uploadPrefix(openid);
  return openid !== '' && path.startsWith(prefix) && /^[A-Za-z0-9._-]{1,100}$/.test(path.slice(prefix.length));
}

/** The caller's own uploads, named, at most MAX_FILES per step; the same file twice counts once. */
export function fileList(files: readonly Attachment[], actor: Actor, required: boolean): Attachment[] {
  if (required && files.length === 0) throw badInput('请先选择要上传的文件', 'files_missing');
  if (files.length > MAX_FILES) throw badInput(`一次最多上传${MAX_FILES}个文件`, 'too_many_files');
  // Content, not the person: the button stays on offer, the payload is what is wrong.
  if (files.some((f) => !ownsUpload(f.fileID, actor.openid))) throw badInput('只能提交您自己上传的文件', 'not_own_upload');
  const seen = new Set<string>();
  return files
    .filter((f) => !seen.has(f.fileID) && seen.add(f.fileID))
    .map((f) => ({ fileID: f.fileID, name: text(f.name, '文件名', 60) }));
}
