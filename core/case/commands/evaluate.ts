// 评价: the applicant side rates the service once, after it is resolved; for an applicant with no
// WeChat a worker who did not handle the case records their rating, marked as worker-entered.
import { isRatingLevel, readRating } from '../../evaluation/rating';
import { evaluationEntry } from '../guard';
import { isSatisfaction, optionalText } from '../input';
import { moveTo } from '../ledger';
import { badInput, corrupt } from '../refusals';
import type { Applier, Decider } from '../types';

export const decideEvaluate: Decider<'evaluate'> = (state, command, base) => {
  if (!isSatisfaction(command.satisfaction)) throw badInput('请选择1到5分的满意度', 'satisfaction_range');
  const comment = optionalText(command.comment, '评价内容') ?? '';
  if (!Object.values(command.dimensions ?? {}).every((v) => v === undefined || isRatingLevel(v))) throw badInput('请为每一项选择1到5分', 'dimension_range');
  // The shared 好差评 model checks the dimensions and 问题解决了吗 as every rated service does.
  const rating = readRating({ satisfaction: command.satisfaction, dimensions: command.dimensions, solved: command.solved, comment });
  const enteredBy = evaluationEntry(state, base.actor);
  return {
    ...base,
    type: 'evaluated',
    visibility: 'applicant',
    data: {
      satisfaction: command.satisfaction,
      comment,
      enteredBy,
      // Only what was answered is kept, so a bare rating reads as it did before the survey grew.
      ...(Object.keys(rating.dimensions).length > 0 && { dimensions: rating.dimensions }),
      ...(rating.solved !== null && { solved: rating.solved }),
    },
  };
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
      ...(event.data.dimensions && { dimensions: event.data.dimensions }),
      ...(event.data.solved !== undefined && event.data.solved !== null && { solved: event.data.solved }),
      // `?? …`: ratings recorded before entries were marked say who typed them only by their actor.
      enteredBy: event.data.enteredBy ?? evaluationEntry(state, event.actor),
      recordedBy: { openid: event.actor.openid, name: event.actor.name },
    },
  };
};
