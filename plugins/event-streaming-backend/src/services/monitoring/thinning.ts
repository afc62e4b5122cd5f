/**
 * Which sampler cycles to drop when old samples are thinned to one per
 * bucket: the earliest cycle of each bucket stays, the others go.
 *
 * Callers pass every cycle from a bucket boundary on, so that a bucket
 * already thinned on an earlier pass keeps its earliest cycle.
 */
export function cyclesToDrop(timestamps: number[], bucketMs: number): number[] {
  const drop: number[] = [];
  let lastBucket: number | undefined;
  for (const at of [...timestamps].sort((a, b) => a - b)) {
    const bucket = Math.floor(at / bucketMs);
    if (bucket === lastBucket) drop.push(at);
    lastBucket = bucket;
  }
  return drop;
}

/** The start of the bucket holding `at`. */
export function bucketStart(at: number, bucketMs: number): number {
  return Math.floor(at / bucketMs) * bucketMs;
}
