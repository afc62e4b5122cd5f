export { EvidenceView, FreshEvidence } from './ApprovalEvidence';
