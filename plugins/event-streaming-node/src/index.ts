/**
 * Backend library for Eventport: client interfaces and configuration readers
 * shared by the event-streaming backend plugin and its catalog module.
 *
 * @packageDocumentation
 */

export * from './kafka';
export * from './config';
export * from './schemaRegistry';
export * from './connect';
