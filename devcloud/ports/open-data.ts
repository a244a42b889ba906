import crypto from 'node:crypto';

/**
 * devcloud's stand-in for WeChat's open data of a group entry: wx.getGroupEnterInfo gives the
 * client a cloudID, and the function decodes it (cloud.getOpenData / CloudID). A cloudID here is
 * minted for one user and one chat (what opening a card in that chat would give), lasts 5 minutes
 * on devcloud's clock and decodes only for the user it was minted for, as CloudBase's does.
 */
const LIFE_MS = 5 * 60_000;

export interface OpenDataItem {
  cloudID: string;
  json?: string;
  errCode?: number;
  errMsg?: string;
}

export class DevOpenData {
  private readonly secret = crypto.randomBytes(32);

  constructor(private readonly now: () => Date) {}

  /** What wx.getGroupEnterInfo hands the client when `openid` opens a card in chat `opengid` (chat_type 3: a WeChat group). */
  mint(openid: string, opengid: string, chatType = 3): string {
    const payload = Buffer.from(JSON.stringify({ o: openid, g: opengid, c: chatType, e: this.now().getTime() + LIFE_MS })).toString('base64url');
    return `dc1.${payload}.${this.sign(payload)}`;
  }

  /** cloud.getOpenData({ list }) for the calling user: each item's json, or -601006 when expired or not theirs. */
  decode(list: readonly string[], openid: string): { list: OpenDataItem[] } {
    return { list: list.slice(0, 5).map((cloudID) => this.one(cloudID, openid)) };
  }

  private one(cloudID: string, openid: string): OpenDataItem {
    const bad = { cloudID, errCode: -601006, errMsg: 'cloudID expired.' };
    const [v, payload, sig] = cloudID.split('.');
    if (v !== 'dc1' || !payload || !sig || sig !== this.sign(payload)) return bad;
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { o: string; g: string; c: number; e: number };
    if (body.o !== openid || body.e < this.now().getTime()) return bad;
    const data = body.c === 3 || body.c === 4 ? { opengid: body.g, chat_type: body.c } : { open_single_roomid: body.g, chat_type: body.c };
    return { cloudID, json: JSON.stringify({ cloudID, data }) };
  }

  private sign(payload: string): string {
    return crypto.createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 22);
  }
}
