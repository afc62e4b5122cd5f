/**
 * Eventport backend plugin: REST API for event streaming in Backstage.
 *
 * @packageDocumentation
 */

export { eventStreamingPlugin as default } from './plugin';
