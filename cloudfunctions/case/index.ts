import { caseContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { sweepIdempotency } from '../_runtime/idempotency';
import { act } from './act';
import { contact, fileUrl } from './contact';
import { findByCode, get } from './get';
import { handlers } from './handlers';
import { mine, register, submit } from './intake';
import { link } from './link';
import { ledger, ledgerFile } from './ledger';
import { finishHalfWrittenSteps, prepareCaseCounters } from './store';
import { workbench } from './workbench';

/**
 * The case function: one file per verb (or close group), named as the action is. Its hourly timer
 * sweeps every function's expired idempotency records (case writes the most of them, and booking's
 * one timer trigger — CloudBase allows one per function — is taken), and finishes case steps a dead
 * writer left half-written (README "Case steps without a transaction"), and makes today's and
 * tomorrow's case-number counters ahead, so a day's first submission costs what any other does.
 */
export const main = defineFunction('case', caseContracts, {
  submit,
  register,
  mine,
  get,
  findByCode,
  link,
  act,
  contact,
  fileUrl,
  ledger,
  ledgerFile,
  handlers,
  workbench,
}, {
  sweepIdempotency: async (ctx) => ({ ...(await sweepIdempotency(ctx)), ...(await finishHalfWrittenSteps(ctx)), ...(await prepareCaseCounters(ctx)) }),
});
