export * from './groups';
export * from './metrics';
export * from './alerts';
export * from './links';
export * from './entityLag';
