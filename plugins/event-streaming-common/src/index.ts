/**
 * Isomorphic types, zod schemas and rules shared by the Eventport plugins.
 *
 * @packageDocumentation
 */

export * from './clusters';

/** The plugin id shared by the frontend and backend plugins. */
export const EVENT_STREAMING_PLUGIN_ID = 'event-streaming';
