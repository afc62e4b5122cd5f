// The most expensive schemas of each kind we know how to build: inputs of
// the checker's worst-case test and of `npm run bench:compat`.
import { CompatibilityInput } from '../check';

/**
 * Avro records R0…Rn, each with two fields of the next record type (the
 * second by name): 2^n paths through a schema of n records. The candidate
 * changes the last record's field from int to string, so every path matters.
 */
export function avroDoubleChain(levels: number): CompatibilityInput {
  const build = (leaf: string) => {
    let type: unknown = {
      type: 'record',
      name: `R${levels}`,
      fields: [{ name: 'v', type: leaf }],
    };
    for (let i = levels - 1; i >= 0; i--) {
      type = {
        type: 'record',
        name: `R${i}`,
        fields: [
          { name: 'a', type },
          { name: 'b', type: `R${i + 1}` },
        ],
      };
    }
    return JSON.stringify({ ...(type as object), namespace: 'worst' });
  };
  return {
    format: 'AVRO',
    mode: 'BACKWARD',
    existing: [build('int')],
    candidate: build('string'),
  };
}

/** The same shape in JSON Schema: $defs d0…dn, each referring to the next twice. */
export function jsonRefChain(levels: number): CompatibilityInput {
  const build = (leaf: string) => {
    const defs: Record<string, unknown> = {
      [`d${levels}`]: { type: 'object', properties: { v: { type: leaf } } },
    };
    for (let i = 0; i < levels; i++) {
      const next = { $ref: `#/$defs/d${i + 1}` };
      defs[`d${i}`] = { type: 'object', properties: { a: next, b: next } };
    }
    return JSON.stringify({ $ref: '#/$defs/d0', $defs: defs });
  };
  return {
    format: 'JSON',
    mode: 'BACKWARD',
    existing: [build('integer')],
    candidate: build('string'),
  };
}

/**
 * A JSON Schema whose patternProperties pattern backtracks exponentially on
 * a backtracking engine, with a property name that triggers it.
 */
export function jsonEvilPattern(length: number): CompatibilityInput {
  const name = `${'a'.repeat(length)}!`;
  const previous = {
    type: 'object',
    properties: { [name]: { type: 'integer' } },
  };
  const next = {
    type: 'object',
    patternProperties: { '^(a+)+$': { type: 'string' } },
    additionalProperties: false,
  };
  return {
    format: 'JSON',
    mode: 'BACKWARD',
    existing: [JSON.stringify(previous)],
    candidate: JSON.stringify(next),
  };
}

/**
 * A JSON Schema object of `n` properties, every one of them changed in the
 * candidate. The work is linear, but at 20,000 properties (550 kB, within
 * the 1 MB request limit) it is more than one check's budget allows.
 */
export function jsonWideChange(n: number): CompatibilityInput {
  const build = (leaf: string) =>
    JSON.stringify({
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`p${i}`, { type: leaf }]),
      ),
    });
  return {
    format: 'JSON',
    mode: 'BACKWARD',
    existing: [build('integer')],
    candidate: build('string'),
  };
}

/**
 * Inputs that a pair-by-pair comparison of lists makes quadratic: an enum
 * whose values all change, anyOf branches that all change, an Avro record
 * whose fields are all renamed with aliases. `n` members each.
 */
export function jsonWideEnum(n: number): CompatibilityInput {
  const build = (offset: number) =>
    JSON.stringify({
      type: 'string',
      enum: Array.from({ length: n }, (_, i) => `v${i + offset}`),
    });
  return {
    format: 'JSON',
    mode: 'BACKWARD',
    existing: [build(0)],
    candidate: build(n),
  };
}

export function jsonWideAnyOf(n: number): CompatibilityInput {
  const build = (offset: number) =>
    JSON.stringify({
      anyOf: Array.from({ length: n }, (_, i) => ({ const: i + offset })),
    });
  return {
    format: 'JSON',
    mode: 'BACKWARD',
    existing: [build(0)],
    candidate: build(n),
  };
}

export function avroWideAliased(n: number): CompatibilityInput {
  const previous = {
    type: 'record',
    name: 'Wide',
    namespace: 'worst',
    fields: Array.from({ length: n }, (_, i) => ({
      name: `f${i}`,
      type: 'int',
    })),
  };
  const next = {
    ...previous,
    fields: Array.from({ length: n }, (_, i) => ({
      name: `g${i}`,
      aliases: [`f${i}`],
      type: 'long',
    })),
  };
  return {
    format: 'AVRO',
    mode: 'BACKWARD',
    existing: [JSON.stringify(previous)],
    candidate: JSON.stringify(next),
  };
}

/**
 * anyOf narrowed from 2n branches to n other ones: each removed branch is
 * tested for inclusion in every new one, n² tests, each a step of the
 * budget. At n = 1,000 (a 30 kB schema) the step budget stops it.
 */
export function jsonAnyOfNarrowed(n: number): CompatibilityInput {
  const build = (from: number, count: number) =>
    JSON.stringify({
      anyOf: Array.from({ length: count }, (_, i) => ({ const: from + i })),
    });
  return {
    format: 'JSON',
    mode: 'BACKWARD',
    existing: [build(0, 2 * n)],
    candidate: build(2 * n, n),
  };
}
