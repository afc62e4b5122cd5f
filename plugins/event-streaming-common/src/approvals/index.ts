export * from './schemas';
export * from './evidence';
