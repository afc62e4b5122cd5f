export { DeleteTopicDialog } from './DeleteTopicDialog';
