export type { ClusterDescription, KafkaAdmin } from './KafkaAdmin';
