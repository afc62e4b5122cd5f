export {
  ApprovalStatusLabel,
  APPROVAL_STATUS_LABELS,
} from './ApprovalStatusLabel';
