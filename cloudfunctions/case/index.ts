import { caseContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { act } from './act';
import { contact, fileUrl } from './contact';
import { findByCode, get } from './get';
import { handlers } from './handlers';
import { mine, register, submit } from './intake';
import { ledger } from './ledger';
import { workbench } from './workbench';

/** The case function: one file per verb (or close group), named as the action is. */
export const main = defineFunction('case', caseContracts, {
  submit,
  register,
  mine,
  get,
  findByCode,
  act,
  contact,
  fileUrl,
  ledger,
  handlers,
  workbench,
});
