/**
 * @jest-environment node
 */
/*
 * The real Apicurio Registry is the oracle: every case (Apicurio's own test
 * data and ours) is registered in a running Apicurio Registry 3 under a
 * COMPATIBILITY rule, BACKWARD then FORWARD, and the registry's answer must
 * equal our checker's. Disagreements that remain are listed in KNOWN below,
 * each with the reason; the test fails on any other, and on a KNOWN entry
 * that no longer disagrees.
 */
// The oracle needs the real registry, which the devstack starts (tests only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { startTestStack, StackHandle } from '@eventport/devstack';
import {
  apicurioCases,
  apicurioDataAbsent,
  verdict,
} from './__testUtils__/apicurioCases';
import {
  AVRO_RULES,
  PROTOBUF_RULES,
  PROTO_ORDER,
} from './__testUtils__/ourCases';
import { diffSchemas } from './check';
import { SchemaFormat } from './types';

interface OracleCase {
  id: string;
  format: SchemaFormat;
  previous: string;
  next: string;
}

/** Case id → the verdicts that differ, and why. */
const KNOWN: Record<string, { registry: string; ours: string; why: string }> = {
  'our protobuf: removing an enum value, reserving it': {
    registry: 'forward',
    ours: 'backward',
    why:
      'Apicurio Registry 3.3.3 ignores `reserved` in enums: it refuses removing a reserved ' +
      'enum value under BACKWARD and accepts re-adding a reserved value under FORWARD, the ' +
      'reverse of how it treats reserved fields. We keep Protobuf’s rule for enums as for ' +
      'fields: a reserved value cannot come back, so removing it is safe.',
  },
};

const CONTENT_TYPE: Record<string, string> = {
  AVRO: 'application/json',
  JSON: 'application/json',
  PROTOBUF: 'application/x-protobuf',
};

const withApicurioData = apicurioCases('compat-avro.json') !== undefined;

function cases(): OracleCase[] {
  return [
    ...(apicurioCases('compat-jsonschema.json') ?? []).map(c => ({
      id: `apicurio json: ${c.id}`,
      format: 'JSON' as const,
      previous: JSON.stringify(c.original),
      next: JSON.stringify(c.updated),
    })),
    ...(apicurioCases('compat-avro.json') ?? []).map(c => ({
      id: `apicurio avro: ${c.id}`,
      format: 'AVRO' as const,
      previous: JSON.stringify(c.original),
      next: JSON.stringify(c.updated),
    })),
    ...AVRO_RULES.map(([rule, previous, next]) => ({
      id: `our avro: ${rule}`,
      format: 'AVRO' as const,
      previous,
      next,
    })),
    ...PROTOBUF_RULES.map(([rule, next]) => ({
      id: `our protobuf: ${rule}`,
      format: 'PROTOBUF' as const,
      previous: PROTO_ORDER,
      next,
    })),
  ];
}

describe('compatibility checker against the real Apicurio Registry', () => {
  let stack: StackHandle;
  let url: string;

  beforeAll(async () => {
    stack = await startTestStack({ registry: true });
    url = stack.registry!.url;
  }, 600_000);

  afterAll(async () => {
    await stack?.stop();
  }, 120_000);

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, text };
  }

  /** Apicurio's verdict for one case: does it accept `next` under BACKWARD, under FORWARD? */
  async function registryVerdict(c: OracleCase, n: number) {
    const artifactId = `case-${n}`;
    const content = (text: string) => ({
      content: text,
      contentType: CONTENT_TYPE[c.format],
    });
    const created = await call('POST', '/groups/oracle/artifacts', {
      artifactId,
      artifactType: c.format,
      firstVersion: { content: content(c.previous) },
    });
    if (created.status !== 200)
      throw new Error(
        `${c.id}: creating the artifact answered ${created.status}: ${created.text}`,
      );
    const accepts: Record<string, boolean> = {};
    for (const mode of ['BACKWARD', 'FORWARD']) {
      const rule =
        mode === 'BACKWARD'
          ? await call('POST', `/groups/oracle/artifacts/${artifactId}/rules`, {
              ruleType: 'COMPATIBILITY',
              config: mode,
            })
          : await call(
              'PUT',
              `/groups/oracle/artifacts/${artifactId}/rules/COMPATIBILITY`,
              { ruleType: 'COMPATIBILITY', config: mode },
            );
      if (rule.status >= 300)
        throw new Error(
          `${c.id}: setting ${mode} answered ${rule.status}: ${rule.text}`,
        );
      const tried = await call(
        'POST',
        `/groups/oracle/artifacts/${artifactId}/versions?dryRun=true`,
        { content: content(c.next) },
      );
      if (tried.status === 200) accepts[mode] = true;
      else if (
        (tried.status === 409 || tried.status === 400) &&
        /RuleViolation|compatib/i.test(tried.text)
      )
        accepts[mode] = false;
      else
        throw new Error(
          `${c.id}: the dry run under ${mode} answered ${tried.status}: ${tried.text}`,
        );
    }
    if (accepts.BACKWARD && accepts.FORWARD) return 'both';
    if (accepts.BACKWARD) return 'backward';
    return accepts.FORWARD ? 'forward' : 'none';
  }

  it('agrees with the registry on every case, or the disagreement is listed with its reason', async () => {
    const all = cases();
    const disagreements: Record<string, { registry: string; ours: string }> =
      {};
    let n = 0;
    for (const c of all) {
      n += 1;
      const theirs = await registryVerdict(c, n);
      const ours = verdict(diffSchemas(c.format, c.previous, c.next));
      if (theirs !== ours) disagreements[c.id] = { registry: theirs, ours };
    }
    process.stdout.write(
      `oracle: ${all.length} cases, ${
        all.length - Object.keys(disagreements).length
      } agree with Apicurio Registry ${stack.versions.apicurio}\n`,
    );
    // Apicurio's cases and ours; ours alone where the clone has no
    // ../shared (the test below is then skipped, with the reason).
    expect(all.length).toBeGreaterThan(withApicurioData ? 180 : 20);
    expect(disagreements).toEqual(
      Object.fromEntries(
        Object.entries(KNOWN).map(([id, { registry, ours }]) => [
          id,
          { registry, ours },
        ]),
      ),
    );
  }, 600_000);

  if (!withApicurioData) {
    // Left out, and declared: the run lists it with the reason.
    apicurioDataAbsent(
      "the registry's verdicts on Apicurio's own compatibility cases",
    );
  }
});
