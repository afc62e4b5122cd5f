/*
 * Compatibility checker speed: `npm run bench:compat`.
 *
 * A 1,000-field Avro record, a 1,000-property JSON Schema and a 1,000-field
 * .proto message, each checked against a candidate with a handful of changes
 * (a field added, one removed, one promoted). The baseline, measured in the
 * same run, is parsing both texts, the least any checker must do: JSON.parse
 * for Avro and JSON Schema, protobufjs's parser for .proto (which takes time
 * quadratic in a message's field count). The target for Avro is under 50 ms
 * per check.
 *
 * Then the worst inputs we know how to build (issue 25): an Avro chain of 40
 * records each referring twice to the next (2^40 paths), the same as a JSON
 * Schema $ref chain, a catastrophic patternProperties pattern, and a JSON
 * Schema of 20,000 changed properties (550 kB, the most work a request
 * within the 1 MB body limit can ask for), lists that a pair-by-pair
 * comparison makes quadratic (enum values, anyOf branches, aliased Avro
 * fields), and an anyOf narrowing that needs 10^6 inclusion tests. Each is
 * printed beside the 1,000-field check of its format, and must end with a
 * verdict or SchemaTooComplexError (HTTP 422), in well under a second.
 */
/* eslint-disable no-console */
import * as protobuf from 'protobufjs';
import {
  checkCompatibility,
  CompatibilityInput,
  SchemaTooComplexError,
} from '../src';
import {
  avroDoubleChain,
  jsonEvilPattern,
  jsonRefChain,
  jsonWideChange,
  jsonWideEnum,
  jsonWideAnyOf,
  jsonAnyOfNarrowed,
  avroWideAliased,
} from '../src/schemaRegistry/compatibility/__testUtils__/worstCases';

const FIELDS = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

function avroInput(): CompatibilityInput {
  const fields = Array.from({ length: FIELDS }, (_, i) => ({
    name: `f${i}`,
    type: ['int', 'string', ['null', 'long']][i % 3],
    ...(i % 5 === 0 ? { default: i % 3 === 1 ? '' : null } : {}),
  }));
  const previous = { type: 'record', name: 'Wide', namespace: 'bench', fields };
  const next = {
    ...previous,
    fields: [
      ...fields.slice(1).map((f, i) => (i === 11 ? { ...f, type: 'long' } : f)),
      { name: 'added', type: 'string', default: '' },
    ],
  };
  return {
    format: 'AVRO',
    mode: 'BACKWARD',
    existing: [JSON.stringify(previous)],
    candidate: JSON.stringify(next),
  };
}

function jsonInput(): CompatibilityInput {
  const properties = Object.fromEntries(
    Array.from({ length: FIELDS }, (_, i) => [
      `p${i}`,
      i % 2
        ? { type: 'string', maxLength: 100 }
        : { type: 'integer', minimum: 0 },
    ]),
  );
  const previous = { type: 'object', properties, required: ['p0', 'p1'] };
  const nextProps: Record<string, unknown> = {
    ...properties,
    added: { type: 'string' },
  };
  delete nextProps.p5;
  nextProps.p10 = { type: 'number', minimum: 0 };
  return {
    format: 'JSON',
    mode: 'BACKWARD',
    existing: [JSON.stringify(previous)],
    candidate: JSON.stringify({ ...previous, properties: nextProps }),
  };
}

function protoInput(): CompatibilityInput {
  const field = (i: number) =>
    `  ${i % 2 ? 'string' : 'int64'} f${i} = ${i + 1};`;
  const body = (lines: string[]) =>
    `syntax = "proto3";\npackage bench;\nmessage Wide {\n${lines.join(
      '\n',
    )}\n}\n`;
  const lines = Array.from({ length: FIELDS }, (_, i) => field(i));
  const next = [
    ...lines.slice(1),
    `  string added = ${FIELDS + 1};`,
    '  reserved 1;',
    '  reserved "f0";',
  ];
  return {
    format: 'PROTOBUF',
    mode: 'BACKWARD',
    existing: [body(lines)],
    candidate: body(next),
  };
}

function time(fn: () => void): number[] {
  fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (x: number) => `${x.toFixed(2)} ms`;

console.log(
  `compatibility checker, ${FIELDS} fields, ${RUNS} runs each (median / p95)`,
);
for (const [name, make] of [
  ['Avro record', avroInput],
  ['JSON Schema object', jsonInput],
  ['Protobuf message', protoInput],
] as const) {
  const input = make();
  const report = checkCompatibility(input);
  const baseline = time(() => {
    if (input.format === 'PROTOBUF') {
      protobuf.parse(input.existing[0], { keepCase: true });
      protobuf.parse(input.candidate, { keepCase: true });
    } else {
      JSON.parse(input.existing[0]);
      JSON.parse(input.candidate);
    }
  });
  const check = time(() => checkCompatibility(input));
  console.log(
    `${name.padEnd(20)} check ${fmt(pct(check, 50))} / ${fmt(
      pct(check, 95),
    )}   baseline (parse) ${fmt(pct(baseline, 50))} / ${fmt(
      pct(baseline, 95),
    )}   ` +
      `${report.differences.length} differences, ${
        report.compatible ? 'compatible' : 'not compatible'
      }`,
  );
  if (name === 'Avro record') {
    console.log(
      `  target: under 50 ms per check: ${
        pct(check, 50) < 50 ? 'met' : 'NOT met'
      } (median)`,
    );
  }
}

/** The check's outcome: its verdict, or the checker's refusal. */
function outcome(input: CompatibilityInput): string {
  try {
    return checkCompatibility(input).compatible
      ? 'compatible'
      : 'not compatible';
  } catch (error) {
    if (error instanceof SchemaTooComplexError) return 'too complex (422)';
    throw error;
  }
}

console.log(
  '\nworst cases (median / max), beside the 1,000-field check of the format',
);
const WORST_RUNS = Math.min(RUNS, 10);
for (const [name, make, baselineOf] of [
  ['Avro 40-record double chain', () => avroDoubleChain(40), avroInput],
  ['JSON 40-level $ref chain', () => jsonRefChain(40), jsonInput],
  ['JSON (a+)+ pattern, 40 chars', () => jsonEvilPattern(40), jsonInput],
  ['JSON 20,000 changed props', () => jsonWideChange(20_000), jsonInput],
  ['JSON enum 20,000 changed', () => jsonWideEnum(20_000), jsonInput],
  ['JSON anyOf 10,000 changed', () => jsonWideAnyOf(10_000), jsonInput],
  ['JSON anyOf 2,000 -> 1,000', () => jsonAnyOfNarrowed(1_000), jsonInput],
  ['Avro 10,000 aliased fields', () => avroWideAliased(10_000), avroInput],
] as const) {
  const input = make();
  const baseline = baselineOf();
  // Both answer before they are timed.
  const verdict = outcome(input);
  outcome(baseline);
  const times: number[] = [];
  for (let i = 0; i < WORST_RUNS; i++) {
    const t = process.hrtime.bigint();
    outcome(input);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const base = time(() => outcome(baseline));
  console.log(
    `${name.padEnd(30)} ${fmt(pct(times, 50))} / ${fmt(
      times[times.length - 1],
    )}   1,000-field ${fmt(pct(base, 50))}   ${verdict}   ${
      (input.existing[0].length + input.candidate.length) / 1000
    } kB of schema text`,
  );
}
