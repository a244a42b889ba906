import { legalAidContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { submit } from './apply';
import { act, expireMaterials, get, queue, stats } from './review';
import { draft, rules, saveDraft, saveSettings, settings } from './settings';

/**
 * 法律援助: the self-check's rules, drafts, the application (a case plus its legal-aid record), the
 * review queues and every step after. Its hourly timer deems withdrawn the applications whose
 * materials deadline passed (Art 43).
 */
export const main = defineFunction('legalAid', legalAidContracts, { rules, saveDraft, draft, submit, get, queue, stats, act, settings, saveSettings }, { expireMaterials });
