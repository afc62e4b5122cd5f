/**
 * Setup step for the real stack, run by `npm run setup`, `npm run dev` and
 * `npm test`: reports the Java runtimes found and fetches the Maven artifacts
 * once. Prints one JSON line on stdout for the caller:
 *   {"java17": "...", "java21": "...", "artifacts": "<dir>", "versions": {...}}
 * Exit codes: 0 ready; 3 no Java 17+ (the embedded stack only); 1 failed.
 */
import {
  cachedArtifacts,
  ensureArtifacts,
  findJava,
  JAVA_FOR_KAFKA,
  JAVA_FOR_REGISTRY,
  StackError,
} from '.';

async function main() {
  const java17 = findJava(JAVA_FOR_KAFKA);
  const java21 = findJava(JAVA_FOR_REGISTRY);
  if (!java17) {
    process.stdout.write(`${JSON.stringify({ java17: null, java21: null })}\n`);
    process.exit(3);
  }
  const wasCached = !!cachedArtifacts();
  const started = Date.now();
  const artifacts = await ensureArtifacts({
    onProgress: line => process.stderr.write(`[eventport] ${line}\n`),
  });
  process.stdout.write(
    `${JSON.stringify({
      java17: java17.bin,
      java21: java21?.bin ?? null,
      artifacts: artifacts.dir,
      versions: artifacts.versions,
      fetchedSeconds: wasCached ? 0 : Math.round((Date.now() - started) / 1000),
    })}\n`,
  );
}

function describeError(e: unknown): string {
  if (e instanceof StackError) return e.message;
  return e instanceof Error ? e.stack ?? e.message : String(e);
}

main().catch(e => {
  process.stderr.write(`[eventport] ${describeError(e)}\n`);
  process.exit(1);
});
