// 评价: the applicant side rates the service once, after it is resolved; for an applicant with no
// WeChat a worker who did not handle the case records their rating, marked as worker-entered.
import { evaluationEntry } from '../guard';
import { isSatisfaction, optionalText } from '../input';
import { moveTo } from '../ledger';
import { badInput, corrupt } from '../refusals';
import type { Applier, Decider } from '../types';

export const decideEvaluate: Decider<'evaluate'> = (state, command, base) => {
  if (!isSatisfaction(command.satisfaction)) throw badInput('请选择1到5分的满意度', 'satisfaction_range');
  const comment = optionalText(command.comment, '评价内容') ?? '';
  const enteredBy = evaluationEntry(state, base.actor);
  return { ...base, type: 'evaluated', visibility: 'applicant', data: { satisfaction: command.satisfaction, comment, enteredBy } };
};

export const applyEvaluated: Applier<'evaluated'> = (state, event) => {
  if (state.evaluation) throw corrupt(event, state);
  const { satisfaction, comment } = event.data;
  return {
    ...state,
    status: moveTo(state, event, 'evaluate', 'evaluated'),
    evaluation: {
      satisfaction,
      comment,
      // `?? …`: ratings recorded before entries were marked say who typed them only by their actor.
      enteredBy: event.data.enteredBy ?? evaluationEntry(state, event.actor),
      recordedBy: { openid: event.actor.openid, name: event.actor.name },
    },
  };
};
