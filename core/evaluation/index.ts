export * from './rating';
export * from './return-visit';
export * from './contracts';
export * from './assessment';
