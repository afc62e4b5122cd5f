export { ActionDialog } from './ActionDialog';
export type { ActionDialogProps } from './ActionDialog';
export { ConfirmNameField, ReasonField } from './RequestFields';
