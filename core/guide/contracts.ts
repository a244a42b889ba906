import * as z from 'zod/mini';
import { action } from '../api/action';
import { CASE_CATEGORIES } from '../case/categories';
import { locationSchema } from '../org/tiers';
import type { Access } from '../policy/policy';
import { guideEntryInputSchema, guideEntrySchema } from './catalogue';
import { placeSchema, PROVIDER_KINDS, providerIdSchema, providerInputSchema, providerSchema } from './directory';

const EVERYONE: Access = { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] };
/** The role gate of an edit; the handler then requires the grant to be on the county center (or an admin). */
const CENTER_EDITORS: Access = { staff: ['any'], supervisor: ['any'], admin: ['any'] };
const WORKERS: Access = { advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] };

const NOT_CENTER = { not_center_staff: { code: 'FORBIDDEN', when: 'the caller is staff or supervisor of a station or room, not of the county center' } } as const;
const dayKey = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期不对，应为 YYYY-MM-DD'));

/** 服务指南 and 服务地图: what each service needs, and who provides it where. */
export const guideContracts = {
  catalogue: action({
    summary: 'The service guide: one entry per service (who may apply, materials with why and replacements, time limit and its source, fees and waivers, where, steps).',
    input: z.strictObject({}),
    output: z.object({ entries: z.array(guideEntrySchema) }),
    access: EVERYONE,
    write: false,
    refusals: {},
  }),
  entry: action({
    summary: "One service's guide entry.",
    input: z.strictObject({ service: z.enum(CASE_CATEGORIES) }),
    output: guideEntrySchema,
    access: EVERYONE,
    write: false,
    refusals: {},
  }),
  saveEntry: action({
    summary: "Replace one service's guide entry (center staff, supervisors, admins); audited with the materials before and after.",
    input: guideEntryInputSchema,
    output: guideEntrySchema,
    access: CENTER_EDITORS,
    write: true,
    refusals: NOT_CENTER,
  }),
  places: action({
    summary:
      'The service map and directory: the three tiers and the outside providers, nearest first from a GCJ-02 point when the caller shares one, otherwise by township; filters by kind of place, service and township.',
    input: z.strictObject({
      near: z.optional(locationSchema),
      stationId: z.optional(z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '乡镇不对'))),
      service: z.optional(z.enum(CASE_CATEGORIES)),
      type: z.optional(z.enum(['unit', 'provider'])),
    }),
    output: z.object({
      places: z.array(placeSchema),
      /** The township stations, for the list by township (works with location refused). */
      townships: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
    access: EVERYONE,
    write: false,
    refusals: {},
  }),
  provider: action({
    summary: "One provider's public notice: services, address, phone, hours, licence number and public credit notes.",
    input: z.strictObject({ id: providerIdSchema }),
    output: providerSchema,
    access: EVERYONE,
    write: false,
    refusals: { provider_not_found: { code: 'NOT_FOUND', when: 'no active provider has that id' } },
  }),
  providers: action({
    summary: 'Every provider, inactive ones too, for the staff edit page.',
    input: z.strictObject({ kind: z.optional(z.enum(PROVIDER_KINDS)) }),
    output: z.object({ providers: z.array(providerSchema) }),
    access: CENTER_EDITORS,
    write: false,
    refusals: {},
  }),
  saveProvider: action({
    summary: 'Create or update a provider by its id (center staff, supervisors, admins); audited.',
    input: providerInputSchema,
    output: providerSchema,
    access: CENTER_EDITORS,
    write: true,
    idempotentBy: 'the provider id (a save replaces the record)',
    refusals: { ...NOT_CENTER, unknown_station: { code: 'VALIDATION_FAILED', when: 'stationId names no township station' } },
  }),
  missingTally: action({
    summary: 'Which catalogue items 一次性告知 asked for most often over a period (by the day the notice was given, Beijing dates; default the last 90 days).',
    input: z.strictObject({ from: z.optional(dayKey), to: z.optional(dayKey) }),
    output: z.object({
      from: z.string(),
      to: z.string(),
      notices: z.number(),
      items: z.array(z.object({ ref: z.string(), service: z.string(), name: z.string(), count: z.number() })),
    }),
    access: WORKERS,
    write: false,
    refusals: { bad_period: { code: 'VALIDATION_FAILED', when: 'from is after to, or the period is longer than a year' } },
  }),
};
