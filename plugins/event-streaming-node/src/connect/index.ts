export type {
  ConnectClient,
  ConnectConnector,
  ConnectPlugin,
  ConnectStatus,
  ConnectValidation,
} from './ConnectClient';
