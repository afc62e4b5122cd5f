export { DeleteConnectorDialog } from './DeleteConnectorDialog';
