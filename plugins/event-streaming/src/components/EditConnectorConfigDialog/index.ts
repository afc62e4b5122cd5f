export { EditConnectorConfigDialog } from './EditConnectorConfigDialog';
