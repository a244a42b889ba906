import type { Contracts } from './action';
import { adminContracts } from '../admin/contracts';
import { bookingContracts } from '../booking/contracts';
import { intakeContracts, referralContracts } from '../case/contracts';
import { identityContracts } from '../identity/contracts';

/** Every cloud function and its actions: the single source for the client and docs/api.md. */
export const FUNCTIONS = {
  identity: identityContracts,
  admin: adminContracts,
  intake: intakeContracts,
  referral: referralContracts,
  booking: bookingContracts,
} as const satisfies Record<string, Contracts>;

export type FunctionName = keyof typeof FUNCTIONS;
