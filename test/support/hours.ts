import type { bookingContracts, InputOf } from '../../core';

export type Hours = InputOf<typeof bookingContracts.saveSchedule>;

/**
 * A unit's appointment hours as the tests open them: Tuesday mornings 09:00–11:00 in 30-minute
 * slots of two seats, 14 days ahead, booked at least an hour before; consultation unless told.
 */
export function tuesdayMornings(orgId: string, overrides: Partial<Hours> = {}): Hours {
  return {
    orgId,
    sessions: [{ weekday: 2, from: '09:00', to: '11:00' }],
    slotMinutes: 30,
    capacity: 2,
    services: ['consultation'],
    horizonDays: 14,
    leadMinutes: 60,
    active: true,
    ...overrides,
  };
}
