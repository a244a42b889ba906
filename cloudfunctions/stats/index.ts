import { statsContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { statsBoard } from './board';

export const main = defineFunction('stats', statsContracts, {
  async board(input, ctx) {
    return { from: input.from, to: input.to, ...(await statsBoard(ctx, input)) };
  },
});
