import {
  ApprovalKind,
  approvalPayloadSchemas,
  TopicDeletePayload,
} from '@eventport/plugin-event-streaming-common';
import { TopicService } from '../topics/TopicService';

/**
 * Runs the operation of one kind of approval request. `isDone` looks at the
 * real state of the external system; the reconciler uses it after a crash to
 * finish a record without running the operation again.
 */
export interface ApprovalExecutor<TPayload> {
  /** One line for notifications and audit, e.g. "delete topic x on c". */
  describe(payload: TPayload): string;
  execute(payload: TPayload): Promise<void>;
  isDone(payload: TPayload): Promise<boolean>;
}

export type ApprovalExecutors = {
  [K in ApprovalKind]: ApprovalExecutor<
    ReturnType<(typeof approvalPayloadSchemas)[K]['parse']>
  >;
};

export function topicDeleteExecutor(
  topics: TopicService,
): ApprovalExecutor<TopicDeletePayload> {
  return {
    describe: p => `delete topic '${p.topic}' on cluster '${p.cluster}'`,
    execute: p => topics.delete(p.cluster, p.topic),
    isDone: async p => !(await topics.exists(p.cluster, p.topic)),
  };
}
