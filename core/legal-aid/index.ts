// 法律援助: the self-check, the application with its hardship routes, and the legal-aid steps.
export * from './rules';
export * from './self-check';
export * from './hardship';
export * from './state';
export * from './machine';
export * from './application';
export * from './forms';
export * from './refusals';
export * from './contracts';
export * from './notices';
export * from './case-step';
export * from './verification';
