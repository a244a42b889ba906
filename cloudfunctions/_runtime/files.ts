import { refuse } from '@core';
import { cloud } from './cloud';

/** Short enough that a forwarded link soon stops working, long enough to view a photo on a weak network. */
const FILE_LINK_SECONDS = 10 * 60;

interface TempUrlAnswer {
  fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }>;
}

/** A signed download link for one stored file; the file's absence is NOT_FOUND, not a broken link. */
export async function tempFileUrl(fileID: string, now: Date): Promise<{ url: string; expiresAt: Date }> {
  const answer = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: FILE_LINK_SECONDS }] })) as TempUrlAnswer;
  const file = answer.fileList[0];
  if (!file || file.status !== 0 || !file.tempFileURL) throw refuse('NOT_FOUND', 'file_not_found', '文件不存在或已被删除');
  return { url: file.tempFileURL, expiresAt: new Date(now.getTime() + FILE_LINK_SECONDS * 1000) };
}
