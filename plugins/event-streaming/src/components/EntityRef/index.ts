export { EntityRef } from './EntityRef';
