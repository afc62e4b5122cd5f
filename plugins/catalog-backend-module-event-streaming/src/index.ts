/**
 * Catalog module for Eventport: entity providers for event-streaming
 * resources, and the processor relating components to their topics.
 *
 * @packageDocumentation
 */

export { catalogModuleEventStreaming as default } from './module';
export {
  EventStreamingEntityProvider,
  DEFAULT_OWNER,
} from './providers/EventStreamingEntityProvider';
export type { RefreshResult } from './providers/EventStreamingEntityProvider';
export type { SnapshotSource } from './providers/SnapshotSource';
export { EventStreamingTopicRelationsProcessor } from './processors/TopicRelationsProcessor';
