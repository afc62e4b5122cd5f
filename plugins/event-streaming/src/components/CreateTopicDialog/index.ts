export { CreateTopicDialog } from './CreateTopicDialog';
export type { CreateTopicDialogProps } from './CreateTopicDialog';
