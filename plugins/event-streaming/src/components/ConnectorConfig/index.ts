export {
  ConfigChangesTable,
  ConfigValue,
  ConnectorConfigTable,
} from './ConnectorConfig';
