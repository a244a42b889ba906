// 添加记录: a note on the ledger, internal or for the applicant to read.
import { isWorkerActor } from '../guard';
import { text } from '../input';
import { stay } from '../ledger';
import type { Applier, Decider } from '../types';

export const decideAddNote: Decider<'addNote'> = (_state, command, base) => {
  // A resident cannot write hidden notes: whatever they add is theirs to see.
  const visibility = isWorkerActor(base.actor) ? command.visibility : 'applicant';
  return { ...base, type: 'noteAdded', visibility, data: { text: text(command.text, '记录内容') } };
};

export const applyNoteAdded: Applier<'noteAdded'> = (state, event) => {
  stay(state, event, 'addNote');
  return state;
};
