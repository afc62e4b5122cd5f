export * from './durations';
export * from './names';
export * from './namespaces';
export * from './rules';
