export * from './schemas';
export * from './pii';
export * from './pipelines';
export * from './naming';
export * from './bytes';
export * from './changes';
