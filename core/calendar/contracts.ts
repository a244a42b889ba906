import * as z from 'zod/mini';
import { action } from '../api/action';
import { isDayKey } from '../clock';
import { calendarOverridesSchema } from './calendar';
import type { Access } from '../policy/policy';

const WORKERS: Access = { advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] };

/** Where a year's schedule was taken from, as an admin typed it: the State Council notice's title or number. */
export const calendarSourceSchema = z.string().check(z.trim(), z.minLength(1, '请填写依据（国务院办公厅通知的名称或文号）'), z.maxLength(100, '依据太长了'));

const calendarOutput = z.object({
  overrides: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']) })),
  /** The years an admin entered, each with its source and when. */
  years: z.array(z.object({ year: z.number(), source: z.string(), days: z.number(), savedAt: z.string() })),
  /** Years within the next 60 days whose official schedule nobody has entered. */
  missingYears: z.array(z.number()),
});

/** 节假日: the official holidays and 调休 working days every time limit counts by. */
export const calendarContracts = {
  get: action({
    summary: 'The holiday/调休 overrides an admin entered and the coming years still missing from the work calendar.',
    input: z.strictObject({}),
    output: calendarOutput,
    access: WORKERS,
    write: false,
    refusals: {},
  }),
  saveYear: action({
    summary: "Replace one year's holidays and 调休 working days as the State Council notice lists them, naming that notice as the source.",
    input: z
      .strictObject({
        year: z.number().check(z.int(), z.minimum(2020, '年份不对'), z.maximum(2100, '年份不对')),
        source: calendarSourceSchema,
        overrides: calendarOverridesSchema.check(z.minLength(1, '请至少录入一天'), z.maxLength(120, '录入的日期太多了')),
      })
      .check(
        z.refine((v) => v.overrides.every((o) => isDayKey(o.date) && Number(o.date.slice(0, 4)) === v.year), {
          message: '录入的日期必须都在所选年份内',
          params: { rule: 'outside_year' },
        }),
      ),
    output: calendarOutput,
    access: { admin: ['any'] },
    write: true,
    refusals: {},
  }),
};
