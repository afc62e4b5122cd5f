export type {
  ConnectClient,
  ConnectConfigDefinition,
  ConnectConnector,
  ConnectPlugin,
  ConnectStatus,
  ConnectValidation,
} from './ConnectClient';
