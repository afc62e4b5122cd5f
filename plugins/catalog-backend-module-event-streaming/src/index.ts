/**
 * Catalog module for Eventport: entity providers for event-streaming resources.
 *
 * @packageDocumentation
 */

export { catalogModuleEventStreaming as default } from './module';
export { EventStreamingEntityProvider } from './providers/EventStreamingEntityProvider';
