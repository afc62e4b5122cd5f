export { CreateConnectorDialog } from './CreateConnectorDialog';
