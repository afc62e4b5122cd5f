export { ScrollingTable } from './ScrollingTable';
