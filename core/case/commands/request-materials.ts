// 一次性告知: every missing item at once, once per case; the clock pauses until they come.
import { pauseClock } from '../../clock';
import { itemList } from '../input';
import { moveTo } from '../ledger';
import { corrupt } from '../refusals';
import type { Applier, Decider } from '../types';

export const decideRequestMaterials: Decider<'requestMaterials'> = (_state, command, base) => ({
  ...base,
  type: 'materialsRequested',
  visibility: 'applicant',
  // Catalogue items first, in the order ticked, then what the worker typed; each name once.
  data: {
    items: itemList([...(command.explained ?? []).map((m) => m.name), ...(command.items ?? [])], '缺少的材料'),
    ...(command.explained?.length && { explained: command.explained }),
  },
});

export const applyMaterialsRequested: Applier<'materialsRequested'> = (state, event) => {
  if (state.materialsRequested) throw corrupt(event, state);
  return {
    ...state,
    status: moveTo(state, event, 'requestMaterials', 'awaitingMaterials'),
    missingMaterials: event.data.items,
    materialsRequested: true,
    ...(event.data.explained?.length && { materialsNotice: event.data.explained }),
    clock: pauseClock(state.clock, event.at),
  };
};
