export { ApprovalDecisionDialog } from './ApprovalDecisionDialog';
export type { ApprovalDecision } from './ApprovalDecisionDialog';
