// 上传材料: files onto an open case, for the applicant side or for workers only.
import { isWorkerActor } from '../guard';
import { stay } from '../ledger';
import { fileList } from '../uploads';
import type { Applier, Decider } from '../types';

/** A worker's files stay internal unless shared; the applicant side's are always theirs to see. */
export const decideAddFiles: Decider<'addFiles'> = (_state, command, base) => ({
  ...base,
  type: 'filesAdded',
  visibility: isWorkerActor(base.actor) ? (command.visibility ?? 'internal') : 'applicant',
  data: { files: fileList(command.files, base.actor, true) },
});

export const applyFilesAdded: Applier<'filesAdded'> = (state, event) => {
  stay(state, event, 'addFiles');
  return event.visibility === 'internal'
    ? { ...state, internalFiles: [...state.internalFiles, ...event.data.files] }
    : { ...state, files: [...state.files, ...event.data.files] };
};
