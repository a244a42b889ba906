// Privacy (X1): field protection's types and masking, consents and notices, retention, the privacy function's contracts.
export * from './mask';
export * from './sealed';
export * from './consent';
export * from './retention';
export * from './contracts';
