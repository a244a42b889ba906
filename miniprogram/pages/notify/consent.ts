import type { TemplateName } from '@core';
import { api } from '../../api/client';

/** This deployment's template ids (the build's SUBSCRIBE_TEMPLATE_IDS); a name stands for itself where none is set. */
function idOf(name: TemplateName): string {
  const ids = typeof __SUBSCRIBE_TEMPLATE_IDS__ === 'undefined' ? {} : __SUBSCRIBE_TEMPLATE_IDS__;
  return ids[name] ?? name;
}

type Answer = 'accept' | 'reject' | 'ban' | 'filter' | 'acceptWithAlert' | 'acceptWithAudio' | 'acceptWithForcePush';
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter', 'acceptWithAlert', 'acceptWithAudio', 'acceptWithForcePush'];

/**
 * Asks WeChat for consent to the given notices (at most 3: WeChat's older limit) and tells notify
 * what the person chose, so a send is attempted only with a consent. Call it straight from a tap
 * handler: WeChat shows the request only for a tap. Answers whether anything was allowed.
 */
export async function requestConsent(names: readonly TemplateName[]): Promise<boolean> {
  const tmplIds = names.slice(0, 3).map(idOf);
  let result: Record<string, unknown>;
  try {
    result = (await wx.requestSubscribeMessage({ tmplIds } as WechatMiniprogram.RequestSubscribeMessageOption)) as unknown as Record<string, unknown>;
  } catch {
    // The main switch is off (20004) or the dialog could not show: nothing was allowed, nothing to record.
    return false;
  }
  const answers: Record<string, Answer> = {};
  for (const id of tmplIds) {
    const a = result[id];
    if (typeof a === 'string' && ANSWERS.includes(a)) answers[id] = a as Answer;
  }
  if (Object.keys(answers).length === 0) return false;
  await api().notify.recordConsent({ answers });
  return Object.values(answers).some((a) => a.startsWith('accept'));
}
