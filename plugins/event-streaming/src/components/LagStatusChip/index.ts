export { LagStatusChip } from './LagStatusChip';
