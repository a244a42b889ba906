import { defineFunction } from '../_runtime/function';
import { tick } from './jobs';

/**
 * timer: everything that happens because time passed, on one trigger (CloudBase allows one timer
 * per function) every 2 minutes. It has no actions a person may call; each job is idempotent by
 * its key, so a trigger delivered twice or a run cut short and repeated changes nothing twice.
 */
export const main = defineFunction('timer', {}, {}, { tick });
