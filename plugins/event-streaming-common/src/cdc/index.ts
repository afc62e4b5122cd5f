export * from './schemas';
export * from './pii';
