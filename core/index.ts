// The client-facing surface of core: everything the mini-program may import.
export * from './api/errors';
export * from './api/envelope';
export * from './api/action';
export * from './api/registry';
export * from './identity/roles';
export * from './identity/grants';
export * from './identity/contracts';
export * from './db/collections';
export * from './notify';
export * from './org';
export * from './policy/policy';
export * from './clock';
export * from './calendar';
export * from './case';
export * from './stats';
export * from './booking';
export * from './privacy/mask';
