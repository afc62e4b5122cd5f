export * from './compatibility';
export * from './schemas';
