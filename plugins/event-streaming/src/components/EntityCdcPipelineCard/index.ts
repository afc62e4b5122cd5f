export { EntityCdcPipelineCard } from './EntityCdcPipelineCard';
