import { foldSatisfaction, statsContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { statsCases, statsQuality } from './board';
import { statsServices } from './services';

export const main = defineFunction('stats', statsContracts, {
  async board(input, ctx) {
    const [cases, quality, services] = await Promise.all([statsCases(ctx, input), statsQuality(ctx, input), statsServices(ctx, input)]);
    const board = cases.fold(services.aid);
    const guidance = board.byCategory.find((c) => c.key === 'consultation')?.count ?? 0;
    return {
      from: input.from,
      to: input.to,
      ...board,
      quality: quality.fold(services.mediation),
      services: services.fold(guidance),
      satisfaction: foldSatisfaction({ outcomes: cases.outcomes, aid: services.aid, services: quality.ratings }),
    };
  },
});
