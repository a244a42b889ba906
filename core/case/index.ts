// 工单: the case every channel registers, its code (一案一码) and its one state machine.
export * from './categories';
export * from './code';
export * from './statuses';
export * from './types';
export * from './labels';
export * from './command-guide';
export * from './uploads';
export * from './transitions';
export * from './guard';
export { CASE_MACHINE_REFUSALS, type CaseMachineReason } from './refusals';
export * from './machine';
export { AUTO_CLOSE_DAYS, AUTO_CLOSE_MS } from './commands/auto-close';
export * from './deadline';
export * from './visit-time';
export * from './views';
export * from './access';
export * from './complaint';
export * from './contracts';
