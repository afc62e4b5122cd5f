export { ConnectorsTab } from './ConnectorsTab';
