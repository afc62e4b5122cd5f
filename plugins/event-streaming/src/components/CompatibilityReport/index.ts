export {
  BreakChips,
  CompatibilityReportView,
  DifferenceList,
} from './CompatibilityReport';
