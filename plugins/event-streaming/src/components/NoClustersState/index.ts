export { NoClustersState } from './NoClustersState';
