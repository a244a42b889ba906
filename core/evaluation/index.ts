export * from './rating';
export * from './return-visit';
export * from './contracts';
export * from './assessment';
export * from './service-rating';
export * from './awareness';
export * from './sample';
