import type { Contracts } from './action';
import { identityContracts } from '../identity/contracts';

/** Every cloud function and its actions: the single source for the client and docs/api.md. */
export const FUNCTIONS = {
  identity: identityContracts,
} as const satisfies Record<string, Contracts>;

export type FunctionName = keyof typeof FUNCTIONS;
