export * from './durations';
export * from './names';
export * from './namespaces';
