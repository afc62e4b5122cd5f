export { WordSafeTables } from './WordSafeTables';
