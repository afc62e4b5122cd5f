export { EditRetentionDialog } from './EditRetentionDialog';
