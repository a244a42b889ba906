import { isKeywordType, keywordProblem, type KeywordType } from './keywords';

/** A subscribe-message template as the deployment declares it (dist/manifest.json `templates`). */
export interface SubscribeTemplate {
  /** devcloud uses the name as the template id. */
  name: string;
  longTerm: boolean;
  keywords: Record<string, KeywordType>;
}

/** What subscribeMessage.send takes (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html). */
export interface SendRequest {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface SentMessage extends SendRequest {
  at: string;
  errcode: number;
  errmsg: string;
}

/**
 * devcloud's stand-in for WeChat's subscribe-message service: records every send and refuses what
 * WeChat refuses — an unknown template (40037), a value that breaks its keyword type (47003), a
 * user with no unused consent for a one-time template (43101).
 */
export class DevMessenger {
  private readonly templates = new Map<string, SubscribeTemplate>();
  /** openid → templateId → unused one-time consents (long-term: any positive number means on). */
  private readonly consents = new Map<string, Map<string, number>>();
  readonly sent: SentMessage[] = [];

  constructor(templates: readonly SubscribeTemplate[], private readonly now: () => Date) {
    for (const t of templates) {
      // WeChat offers no template with another field type, so such a manifest is a broken build.
      const unknown = Object.entries(t.keywords).find(([, type]) => !isKeywordType(type));
      if (unknown) throw new Error(`template ${t.name}: ${unknown[0]} has no WeChat keyword type ${String(unknown[1])}`);
      this.templates.set(t.name, t);
    }
  }

  /** What the user's tap on requestSubscribeMessage recorded: one accepted consent per template. */
  accept(openid: string, templateIds: string[]): Record<string, 'accept' | 'reject'> {
    const mine = this.consents.get(openid) ?? new Map<string, number>();
    const answer: Record<string, 'accept' | 'reject'> = {};
    for (const id of templateIds) {
      if (!this.templates.has(id)) {
        answer[id] = 'reject';
        continue;
      }
      mine.set(id, (mine.get(id) ?? 0) + 1);
      answer[id] = 'accept';
    }
    this.consents.set(openid, mine);
    return answer;
  }

  consentsOf(openid: string): Record<string, number> {
    return Object.fromEntries(this.consents.get(openid) ?? []);
  }

  send(req: SendRequest): { errcode: number; errmsg: string } {
    const result = this.check(req);
    this.sent.unshift({ ...req, at: this.now().toISOString(), ...result });
    if (this.sent.length > 1000) this.sent.pop();
    return result;
  }

  private check(req: SendRequest): { errcode: number; errmsg: string } {
    const template = this.templates.get(req.templateId);
    if (!template) return { errcode: 40037, errmsg: 'invalid template_id' };
    for (const [key, type] of Object.entries(template.keywords)) {
      const value = req.data[key]?.value;
      const problem = value === undefined ? 'missing' : keywordProblem(type, value);
      if (problem) return { errcode: 47003, errmsg: `argument invalid! data.${key}.value: ${problem}` };
    }
    const mine = this.consents.get(req.touser);
    const left = mine?.get(req.templateId) ?? 0;
    if (left <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    // A one-time consent allows exactly one message; a long-term one stays.
    if (!template.longTerm) mine?.set(req.templateId, left - 1);
    return { errcode: 0, errmsg: 'ok' };
  }
}
