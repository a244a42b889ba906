// 限时办结: the time-limit clock of a case, computed in Beijing time on the official work calendar.
export { deadlineFrom, lastInstantOf, timeLimitSchema, type TimeLimit, type TimeUnit } from './limit';
export { periodLastDay, windowDates, windowState, URGENT_WITHIN_DAYS, type PeriodUnit, type StatutoryPeriod, type WindowDates, type WindowState } from './window';
export {
  startClock,
  pauseClock,
  resumeClock,
  isPaused,
  dueAt,
  clockStatus,
  dueSoonWindow,
  metDeadline,
  clockStateSchema,
  DEFAULT_DUE_SOON,
  type ClockPause,
  type ClockState,
  type ClockStatus,
  type ClockStatusOptions,
} from './clock';
export {
  formatShanghai,
  dayStart,
  dayEnd,
  shanghaiDay,
  startOfShanghaiDay,
  endOfShanghaiDay,
  isDayKey,
  daysBetween,
  addDays,
  type DayKey,
} from './shanghai';
