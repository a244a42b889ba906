// 工单: the case every channel registers, its code (一案一码) and its one state machine.
export * from './categories';
export * from './code';
export * from './machine';
export * from './views';
export * from './access';
export * from './contracts';
