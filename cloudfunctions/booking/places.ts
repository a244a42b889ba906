import { bookingContracts, rankPlaces } from '@core';
import type { Handler } from '../_runtime/function';
import { loadOrgs } from '../_runtime/orgs';
import { schedules } from './store';

/** Units taking appointments in a county: a few hundred at most, one read. */
const OPEN_SCHEDULES_READ = 1000;

export const places: Handler<typeof bookingContracts.places> = async (input) => {
  const { data } = await schedules().where({ active: true }).limit(OPEN_SCHEDULES_READ).get();
  const offering = data.filter((s) => s.services.includes(input.service)).map((s) => s.orgId);
  const units = (await loadOrgs(offering)).filter((o) => o.active);
  const home = input.home ? (await loadOrgs([input.home]))[0] ?? null : null;
  return { places: rankPlaces(units.map((o) => ({ ...o, id: o._id })), home ? { id: home._id, path: home.path } : null, input.location ?? null) };
};
