// 材料接收、移交、签收: the applicant's papers tracked from the window to the back office.
import { itemList, optionalText } from '../input';
import { stay } from '../ledger';
import { badInput } from '../refusals';
import { MATERIAL_KINDS, type Applier, type Decider, type MaterialItem } from '../types';

function materialItems(items: readonly MaterialItem[]): MaterialItem[] {
  const names = itemList(
    items.map((i) => i.name),
    '材料',
  );
  if (items.some((i) => !Number.isInteger(i.count) || i.count < 1 || i.count > 999)) throw badInput('份数请填1到999之间的整数', 'material_count');
  if (names.length !== items.length) throw badInput('材料清单有重复或空白项', 'material_list_repeats');
  return items.map((i) => ({ name: i.name.trim(), count: i.count }));
}

export const decideRecordMaterials: Decider<'recordMaterials'> = (_state, command, base) => {
  if (!MATERIAL_KINDS.includes(command.kind)) throw badInput('请选择登记什么：材料接收、移交或签收', 'material_kind');
  const items = materialItems(command.items);
  const counterpart = command.counterpart === undefined ? null : optionalText(command.counterpart, '交接对象');
  // 前店后厂: the applicant sees each hand-over (实体平台建设指导意见 §(五): 材料接收、移交、签收 … 及时反馈).
  return { ...base, type: 'materialsRecorded', visibility: 'applicant', data: { kind: command.kind, items, counterpart } };
};

export const applyMaterialsRecorded: Applier<'materialsRecorded'> = (state, event) => {
  stay(state, event, 'recordMaterials');
  return state;
};
