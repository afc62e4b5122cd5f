export {
  ApprovalDetails,
  ApprovalDetailsToggle,
  hasApprovalDetails,
} from './ApprovalDetails';
