// 节假日: the official work calendar (holidays and 调休 working days) every time limit counts by.
export {
  createWorkCalendar,
  missingYears,
  calendarOverrideSchema,
  calendarOverridesSchema,
  type CalendarOverride,
  type WorkCalendar,
} from './calendar';
export * from './contracts';
