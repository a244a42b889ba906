// 人民调解 outcomes: 调解成功 with its agreement (written, or oral and recorded: 人民调解法 Art 28),
// 调解不成 with the other routes told (Art 26), the follow-up of performance (Art 31), and the
// 30 days from the agreement's taking effect within which both sides may ask a court to confirm it (Art 33).
import { addDays, shanghaiDay } from '../../clock';
import { text } from '../input';
import { badInput, invalid } from '../refusals';
import type { Applier, Decider } from '../types';

/** Art 33: 自调解协议生效之日起三十日内 共同向人民法院申请司法确认. */
export const JUDICIAL_CONFIRMATION_DAYS = 30;

/** Art 26: 调解不成的…告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利. */
export const MEDIATION_FAILURE_ROUTES =
  '调解没有成功。您可以依法通过仲裁、行政、司法等途径维护自己的权利：向人民法院起诉、申请仲裁，或请有关行政机关处理；符合条件的可以申请法律援助。';

export const decideRecordMediation: Decider<'recordMediation'> = (state, command, base) => {
  if (state.category !== 'mediation') throw invalid('只有人民调解需要登记调解结果', 'not_mediation');
  if (state.mediation) throw invalid('调解结果已经登记过了', 'mediation_recorded');
  if (command.outcome === 'failure') {
    return { ...base, type: 'mediationRecorded', visibility: 'applicant', data: { outcome: 'failure', agreement: null, confirmationBy: null, routesTold: MEDIATION_FAILURE_ROUTES } };
  }
  if (!command.agreement) throw badInput('调解成功请登记调解协议（书面或口头）', 'agreement_missing');
  const agreement = { form: command.agreement.form, content: text(command.agreement.content, '协议内容', 2000) };
  return {
    ...base,
    type: 'mediationRecorded',
    visibility: 'applicant',
    data: { outcome: 'success', agreement, confirmationBy: addDays(shanghaiDay(base.at), JUDICIAL_CONFIRMATION_DAYS), routesTold: null },
  };
};

export const applyMediationRecorded: Applier<'mediationRecorded'> = (state, event) => ({
  ...state,
  mediation: { ...event.data, at: event.at, performance: null },
});

export const decideRecordPerformance: Decider<'recordPerformance'> = (state, command, base) => {
  if (state.mediation?.outcome !== 'success') throw invalid('没有调解协议，无需回访履行情况', 'no_agreement');
  const note = (command.text ?? '').trim();
  if (note.length > 500) throw badInput('履行情况太长了', 'text_too_long');
  return { ...base, type: 'performanceRecorded', visibility: 'applicant', data: { performed: command.performed, text: note } };
};

export const applyPerformanceRecorded: Applier<'performanceRecorded'> = (state, event) => ({
  ...state,
  mediation: state.mediation ? { ...state.mediation, performance: { performed: event.data.performed, text: event.data.text, at: event.at } } : null,
});
