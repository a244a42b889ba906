export * from './keywords';
export * from './templates';
export * from './policy';
export * from './delivery';
export * from './contracts';
export * from './schedule';
