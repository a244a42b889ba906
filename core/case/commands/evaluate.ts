// 评价: the applicant side rates the service once, after it is resolved.
import { isSatisfaction, optionalText } from '../input';
import { moveTo } from '../ledger';
import { badInput, corrupt } from '../refusals';
import type { Applier, Decider } from '../types';

export const decideEvaluate: Decider<'evaluate'> = (_state, command, base) => {
  if (!isSatisfaction(command.satisfaction)) throw badInput('请选择1到5分的满意度', 'satisfaction_range');
  const comment = optionalText(command.comment, '评价内容') ?? '';
  return { ...base, type: 'evaluated', visibility: 'applicant', data: { satisfaction: command.satisfaction, comment } };
};

export const applyEvaluated: Applier<'evaluated'> = (state, event) => {
  if (state.evaluation) throw corrupt(event, state);
  return {
    ...state,
    status: moveTo(state, event, 'evaluate', 'evaluated'),
    evaluation: { satisfaction: event.data.satisfaction, comment: event.data.comment },
  };
};
