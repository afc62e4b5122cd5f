export { CdcChangePage } from './CdcChangePage';
