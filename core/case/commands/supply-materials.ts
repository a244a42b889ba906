// 补交材料: the applicant side answers the 一次性告知; the case and its clock go on.
import { resumeClock } from '../../clock';
import { itemList } from '../input';
import { moveTo } from '../ledger';
import { fileList } from '../uploads';
import type { Applier, Decider } from '../types';

export const decideSupplyMaterials: Decider<'supplyMaterials'> = (_state, command, base) => ({
  ...base,
  type: 'materialsSupplied',
  visibility: 'applicant',
  data: { items: itemList(command.items, '补交的材料'), files: fileList(command.files ?? [], base.actor, false) },
});

/** Items not supplied stay on the missing list; the files join the applicant's. */
export const applyMaterialsSupplied: Applier<'materialsSupplied'> = (state, event) => {
  const supplied = new Set(event.data.items);
  return {
    ...state,
    status: moveTo(state, event, 'supplyMaterials', 'inProgress'),
    missingMaterials: state.missingMaterials.filter((item) => !supplied.has(item)),
    files: [...state.files, ...event.data.files],
    clock: resumeClock(state.clock, event.at),
  };
};
