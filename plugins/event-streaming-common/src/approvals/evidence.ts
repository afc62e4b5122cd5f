import { z } from 'zod';

/**
 * One fact an approver weighs, e.g. a consumer group still reading a topic.
 *
 * @public
 */
export const evidenceItemSchema = z.object({
  label: z.string(),
  detail: z.string().optional(),
});

/**
 * A titled list of facts of one kind, with what an empty list means, or why
 * it could not be read.
 *
 * @public
 */
export const evidenceSectionSchema = z.object({
  id: z.string(),
  title: z.string(),
  items: z.array(evidenceItemSchema),
  /** What an empty list means, in words ("No consumer group reads it"). */
  empty: z.string(),
  /** Set when the facts could not be read: the cause. */
  problem: z.string().optional(),
});
/** @public */
export type EvidenceSection = z.infer<typeof evidenceSectionSchema>;

/**
 * What an approver sees beside a request: why it needs approval, what
 * would make it self-service, and the facts about the resource, computed
 * when the request is made and again when it is opened.
 *
 * @public
 */
export const approvalEvidenceSchema = z.object({
  computedAt: z.string(),
  policy: z.object({
    /** Why a person decides this kind of request. */
    why: z.string(),
    /** What the requester could do at once instead, if anything. */
    selfService: z.string(),
  }),
  sections: z.array(evidenceSectionSchema),
});
/** @public */
export type ApprovalEvidence = z.infer<typeof approvalEvidenceSchema>;
