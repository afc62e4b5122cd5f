/** The APIs this broker implements, with the version ranges it handles. */
import { ApiKeys } from '../../protocol/generated';
import type { Handler, HandlerEntry } from '../context';
import { apiVersionsHandler } from './apiVersions';
import { handleAlterConfigs, handleDescribeConfigs, handleIncrementalAlterConfigs } from './configs';
import { handleFetch } from './fetch';
import { handleDeleteGroups, handleDescribeGroups, handleListGroups, handleOffsetCommit, handleOffsetFetch } from './groupAdmin';
import { handleFindCoordinator, handleHeartbeat, handleJoinGroup, handleLeaveGroup, handleSyncGroup } from './groups';
import { handleListOffsets } from './listOffsets';
import { handleDescribeCluster, handleMetadata } from './metadata';
import { handleInitProducerId, handleProduce } from './produce';
import { handleSaslAuthenticate, handleSaslHandshake } from './sasl';
import { handleCreatePartitions, handleCreateTopics, handleDeleteTopics } from './topics';

export function createHandlers(): Map<number, HandlerEntry> {
  const handlers = new Map<number, HandlerEntry>();
  const add = (apiKey: number, minVersion: number, maxVersion: number, handle: Handler) =>
    handlers.set(apiKey, { apiKey, minVersion, maxVersion, handle });
  // Produce < 3 and Fetch < 4 use the pre-v2 message formats, which this broker does not store.
  add(ApiKeys.Produce, 3, 11, handleProduce);
  add(ApiKeys.Fetch, 4, 17, handleFetch);
  // ListOffsets v0 returns the legacy multi-offset format: not implemented.
  add(ApiKeys.ListOffsets, 1, 10, handleListOffsets);
  add(ApiKeys.Metadata, 0, 12, handleMetadata);
  add(ApiKeys.OffsetCommit, 0, 9, handleOffsetCommit);
  add(ApiKeys.OffsetFetch, 0, 9, handleOffsetFetch);
  add(ApiKeys.FindCoordinator, 0, 6, handleFindCoordinator);
  add(ApiKeys.JoinGroup, 0, 9, handleJoinGroup);
  add(ApiKeys.Heartbeat, 0, 4, handleHeartbeat);
  add(ApiKeys.LeaveGroup, 0, 5, handleLeaveGroup);
  add(ApiKeys.SyncGroup, 0, 5, handleSyncGroup);
  add(ApiKeys.DescribeGroups, 0, 5, handleDescribeGroups);
  add(ApiKeys.ListGroups, 0, 5, handleListGroups);
  add(ApiKeys.SaslHandshake, 0, 1, handleSaslHandshake);
  add(ApiKeys.ApiVersions, 0, 4, apiVersionsHandler(handlers));
  add(ApiKeys.CreateTopics, 0, 7, handleCreateTopics);
  add(ApiKeys.DeleteTopics, 0, 6, handleDeleteTopics);
  add(ApiKeys.InitProducerId, 0, 5, handleInitProducerId);
  add(ApiKeys.DescribeConfigs, 0, 4, handleDescribeConfigs);
  add(ApiKeys.AlterConfigs, 0, 2, handleAlterConfigs);
  add(ApiKeys.SaslAuthenticate, 0, 2, handleSaslAuthenticate);
  add(ApiKeys.CreatePartitions, 0, 3, handleCreatePartitions);
  add(ApiKeys.DeleteGroups, 0, 2, handleDeleteGroups);
  add(ApiKeys.IncrementalAlterConfigs, 0, 1, handleIncrementalAlterConfigs);
  add(ApiKeys.DescribeCluster, 0, 1, handleDescribeCluster);
  return handlers;
}
