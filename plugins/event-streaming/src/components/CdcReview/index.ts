export { PreflightList } from './PreflightList';
export { CdcTablesTable, HANDLING_LABELS } from './CdcTablesTable';
export { ManifestList } from './ManifestList';
export { CdcStatusChip, CDC_STATUS_LABELS } from './CdcStatusChip';
export { CdcChangeDiff } from './CdcChangeDiff';
