/**
 * devcloud's stand-in for security.msgSecCheck v2
 * (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html):
 * a local word list gives risky or review; everything else passes. Content over 2500 characters
 * is refused as WeChat refuses it.
 */
export interface SecCheckResult {
  errcode: number;
  errmsg: string;
  result?: { suggest: 'pass' | 'review' | 'risky'; label: number };
}

const MAX_LENGTH = 2500;
/** 20001 时政, 20002 色情, 20006 违法犯罪, 20013 版权, 10001 广告, 21000 其他 — the labels WeChat uses. */
export const DEFAULT_WORDS: Array<{ word: string; suggest: 'risky' | 'review'; label: number }> = [
  { word: '赌博', suggest: 'risky', label: 20006 },
  { word: '毒品', suggest: 'risky', label: 20006 },
  { word: '色情', suggest: 'risky', label: 20002 },
  { word: '代开发票', suggest: 'risky', label: 10001 },
  { word: '加微信', suggest: 'review', label: 10001 },
  { word: '刷单', suggest: 'review', label: 20006 },
];

export class DevContentGuard {
  constructor(private readonly words = DEFAULT_WORDS) {}

  check(content: string): SecCheckResult {
    if (content.length === 0) return { errcode: 44004, errmsg: 'empty content' };
    if ([...content].length > MAX_LENGTH) return { errcode: 40003, errmsg: 'content is longer than 2500 characters' };
    const hits = this.words.filter((w) => content.includes(w.word));
    const risky = hits.find((h) => h.suggest === 'risky');
    const hit = risky ?? hits[0];
    return hit
      ? { errcode: 0, errmsg: 'ok', result: { suggest: hit.suggest, label: hit.label } }
      : { errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } };
  }
}
