import { statsContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { statsBoard, statsQuality } from './board';

export const main = defineFunction('stats', statsContracts, {
  async board(input, ctx) {
    const [board, quality] = await Promise.all([statsBoard(ctx, input), statsQuality(ctx, input)]);
    return { from: input.from, to: input.to, ...board, quality };
  },
});
