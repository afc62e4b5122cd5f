export { CdcPipelinesTab } from './CdcPipelinesTab';
