export { CdcPipelinePage } from './CdcPipelinePage';
