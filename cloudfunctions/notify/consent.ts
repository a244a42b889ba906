import { applyConsent, isLongTerm, maySend, NO_CONSENT, NOTIFY_REFUSALS, refuser, TEMPLATES, templateIds, type Consent, type SubscribeAnswer, type TemplateName } from '@core';
import { db, getOrNull } from '../_runtime/cloud';

/** The `subscriptions` document: one person's consent for one template. */
export interface SubscriptionDoc extends Consent {
  _id: string;
  openid: string;
  template: TemplateName;
  lastAnswer: SubscribeAnswer | null;
  updatedAt: Date;
}

const refuse = refuser(NOTIFY_REFUSALS);

/** This deployment's template ids (SUBSCRIBE_TEMPLATE_IDS) and long-term switch (SUBSCRIBE_LONG_TERM). */
export const ids = (): Record<TemplateName, string> => templateIds(process.env.SUBSCRIBE_TEMPLATE_IDS);
export const longTerm = (name: TemplateName): boolean => isLongTerm(name, process.env.SUBSCRIBE_LONG_TERM);
export const subscriptionId = (openid: string, template: TemplateName) => `${openid}:${template}`;

function nameOfId(id: string): TemplateName | null {
  const entry = Object.entries(ids()).find(([, v]) => v === id);
  return entry ? (entry[0] as TemplateName) : null;
}

export async function consentOf(openid: string, template: TemplateName): Promise<SubscriptionDoc | null> {
  return (await getOrNull(db.collection('subscriptions').doc(subscriptionId(openid, template)))) as SubscriptionDoc | null;
}

export async function recordAnswers(openid: string, answers: Record<string, SubscribeAnswer>, now: Date): Promise<void> {
  const named = Object.entries(answers).map(([id, answer]) => {
    const name = nameOfId(id);
    if (!name) throw refuse('unknown_template', '这个通知类型不存在，请更新小程序后再试', { templateId: id });
    return { name, answer };
  });
  for (const { name, answer } of named) {
    const before = (await consentOf(openid, name)) ?? NO_CONSENT;
    const next = applyConsent({ credits: before.credits, longTermOn: before.longTermOn, stopped: before.stopped }, answer, longTerm(name));
    await db.collection('subscriptions').doc(subscriptionId(openid, name)).set({ data: { ...next, openid, template: name, lastAnswer: answer, updatedAt: now } });
  }
}

export async function statusOf(openid: string) {
  const { data } = await db.collection<SubscriptionDoc>('subscriptions').where({ openid }).limit(20).get();
  const mine = new Map(data.map((d) => [d.template, d]));
  const idMap = ids();
  return TEMPLATES.map((t) => {
    const c = mine.get(t.name) ?? NO_CONSENT;
    const lt = longTerm(t.name);
    return { name: t.name, id: idMap[t.name], title: t.title, longTerm: lt, on: maySend(c, lt), credits: c.credits, stopped: c.stopped };
  });
}
