import type { ClusterState } from './cluster';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export interface BrokerNode {
  nodeId: number;
  host: string;
  port: number;
  cluster: ClusterState;
  logger: Logger;
}

export interface SaslState {
  /** true once the connection may send normal requests */
  authenticated: boolean;
  mechanism?: string;
  /** SaslHandshake v0: the next frame is a raw SASL token */
  rawTokenNext?: boolean;
  /** close after the pending response (failed authentication) */
  closeAfterResponse?: boolean;
}

export interface RequestContext {
  broker: BrokerNode;
  cluster: ClusterState;
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
  clientHost: string;
  sasl: SaslState;
}

/** A handler returns the response body, or undefined for "no response" (acks=0). */
export type Handler = (ctx: RequestContext, request: any) => unknown | Promise<unknown>;

export interface HandlerEntry {
  apiKey: number;
  /** versions this broker implements (intersected with the spec range when advertised) */
  minVersion: number;
  maxVersion: number;
  handle: Handler;
}
