export { ConnectorStateChip } from './ConnectorStateChip';
