export * from './compatibility';
