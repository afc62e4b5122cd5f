/**
 * Isomorphic types, zod schemas, permissions and policy rules shared by the
 * Eventport plugins.
 *
 * @packageDocumentation
 */

export * from './clusters';
export * from './topics';
export * from './approvals';
export * from './permissions';
export * from './policy';
export * from './schemaRegistry';
export * from './connect';
export * from './monitoring';
export * from './cdc';
export * from './catalog';

/**
 * The plugin id shared by the frontend and backend plugins.
 *
 * @public
 */
export const EVENT_STREAMING_PLUGIN_ID = 'event-streaming';
