/**
 * A GitOps repository for tests and the demo: a bare git repository, and a
 * sync that applies its Strimzi manifests to Kafka and Kafka Connect as the
 * operators would.
 */
export { createBareRepo, openBareRepo } from './repo';
export type { BareRepo } from './repo';
export { syncGitOps, startGitOpsSync } from './sync';
export type { GitOpsSeen, GitOpsSyncOptions, GitOpsSyncResult } from './sync';
