import {
  ApprovalKind,
  approvalPayloadSchemas,
  TopicDeletePayload,
} from '@eventport/plugin-event-streaming-common';
import { ConflictError, isError } from '@backstage/errors';
import { TopicService } from '../topics/TopicService';

/**
 * Runs the operation of one kind of approval request. `isDone` looks at the
 * real state of the external system; the reconciler uses it after a crash to
 * finish a record without running the operation again.
 */
export interface ApprovalExecutor<TPayload> {
  /** One line for notifications and audit, e.g. "delete topic x on c". */
  describe(payload: TPayload): string;
  /** May answer what it did, for the request's history. */
  execute(payload: TPayload): Promise<void | string>;
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
  function reviewedId(p: TopicDeletePayload): string {
    if (!p.topicId) {
      throw new ConflictError(
        `This request to delete '${p.topic}' was made before Eventport recorded topic IDs, so it cannot tell whether '${p.topic}' is still the topic that was reviewed; it was not deleted. Request the deletion again.`,
      );
    }
    return p.topicId;
  }
  return {
    describe: p =>
      `delete topic '${p.topic}'${
        p.topicId ? ` (ID ${p.topicId})` : ''
      } on cluster '${p.cluster}'`,
    execute: p => topics.delete(p.cluster, p.topic, reviewedId(p)),
    // Done when the reviewed topic is gone, even if another topic has since
    // taken its name.
    isDone: async p => {
      const id = reviewedId(p);
      const current = await topics.idOf(p.cluster, p.topic).catch(error => {
        if (isError(error) && error.name === 'NotFoundError') return undefined;
        throw error;
      });
      return current !== id;
    },
  };
}
