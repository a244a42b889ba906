import { statsContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { statsBoard, statsQuality } from './board';
import { statsServices } from './services';

export const main = defineFunction('stats', statsContracts, {
  async board(input, ctx) {
    const [board, quality, services] = await Promise.all([statsBoard(ctx, input), statsQuality(ctx, input), statsServices(ctx, input)]);
    const guidance = board.byCategory.find((c) => c.key === 'consultation')?.count ?? 0;
    return { from: input.from, to: input.to, ...board, quality: quality(services.mediation), services: services.fold(guidance) };
  },
});
