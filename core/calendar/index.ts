// 节假日: the official work calendar (holidays and 调休 working days) every time limit counts by.
export {
  createWorkCalendar,
  missingYears,
  replaceYear,
  calendarOverrideSchema,
  calendarOverridesSchema,
  type CalendarOverride,
  type CalendarYearEntry,
  type WorkCalendar,
} from './calendar';
export * from './contracts';
