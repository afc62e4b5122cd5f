export { AddPartitionsDialog } from './AddPartitionsDialog';
