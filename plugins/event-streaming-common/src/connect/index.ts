export * from './schemas';
export * from './secrets';
export * from './configDiff';
