export { ConnectorPage } from './ConnectorPage';
