import { RE2JS } from 're2js';
import { spend } from './budget';
import {
  equal,
  isObject,
  Json,
  Schema,
  SchemaDocument,
  SchemaNode,
  canonical,
} from './jsonSchemaModel';
import { SchemaDifference } from './types';

/** Helpers shared by the JSON Schema differ and its keyword modules. */

export type Node = SchemaNode;
export type Normal = { s: Schema; doc: SchemaDocument; raw: Json };

export const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;
export const LOWER_COUNTS = ['minLength', 'minItems', 'minProperties'] as const;
export const UPPER_COUNTS = ['maxLength', 'maxItems', 'maxProperties'] as const;
export const EXACT = [
  'pattern',
  'format',
  'contentEncoding',
  'contentMediaType',
] as const;
export const MAX_DEPTH = 64;

export function diff(
  path: string,
  change: string,
  breaksBackward: boolean,
  breaksForward: boolean,
): SchemaDifference {
  return { path: path || '/', change, breaksBackward, breaksForward };
}

export function pointer(path: string, ...keys: (string | number)[]): string {
  return `${path}/${keys
    .map(k => String(k).replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/')}`;
}

export function show(value: Json | undefined): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}

export function countChange(key: string, va?: number, vb?: number): string {
  if (va === undefined) return `${key} ${vb} added`;
  if (vb === undefined) return `${key} ${va} removed`;
  return `${key} ${vb > va ? 'raised' : 'lowered'} from ${va} to ${vb}`;
}

export function isMultiple(x: number, of: number): boolean {
  const q = x / of;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

export function hasRef(value: Json): boolean {
  return JSON.stringify(value).includes('"$ref"');
}

/**
 * The pairs of schema nodes under comparison right now. Meeting a pair again
 * while comparing it means a recursive `$ref`: the recursion is assumed to
 * agree, and the rest of the comparison decides.
 */
export class InProgress<T = unknown> {
  private readonly pairs = new Map<Json, Set<Json>>();
  private cycles = 0;
  /**
   * With `memo`, the finished answers per (a, b) pair of schema objects:
   * shared $ref targets are then compared once per pair, not once per path.
   * An answer that leaned on a cycle assumption is not kept.
   */
  private readonly answers?: WeakMap<object, WeakMap<object, T>>;
  /** With `repeat`, a finished pair met again answers this instead. */
  private readonly repeat?: { value: T };

  constructor(options: { memo?: boolean; repeat?: { value: T } } = {}) {
    if (options.memo || options.repeat) this.answers = new WeakMap();
    this.repeat = options.repeat;
  }

  /** Runs `fn` for the pair, or answers `onCycle` when the pair is already open. */
  run(a: Json, b: Json, onCycle: T, fn: () => T): T {
    spend();
    if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return fn();
    const known = this.answers?.get(a)?.get(b);
    if (known !== undefined) return this.repeat ? this.repeat.value : known;
    let inner = this.pairs.get(a);
    if (!inner) this.pairs.set(a, (inner = new Set()));
    if (inner.has(b)) {
      this.cycles += 1;
      return onCycle;
    }
    inner.add(b);
    const before = this.cycles;
    try {
      const answer = fn();
      if (this.answers && this.cycles === before) {
        let byB = this.answers.get(a);
        if (!byB) this.answers.set(a, (byB = new WeakMap()));
        byB.set(b, answer);
      }
      return answer;
    } finally {
      inner.delete(b);
    }
  }
}

export const KIND_MERGE: Record<
  string,
  (a: Json, b: Json) => Json | undefined
> = {
  type: (a, b) =>
    (a as string[]).filter(
      t =>
        (b as string[]).includes(t) ||
        (t === 'number' && (b as string[]).includes('integer')),
    ),
  enum: (a, b) => {
    const inB = new Set((b as Json[]).map(canonical));
    return (a as Json[]).filter(x => inB.has(canonical(x)));
  },
  required: (a, b) => [...new Set([...(a as string[]), ...(b as string[])])],
  minimum: (a, b) => Math.max(a as number, b as number),
  exclusiveMinimum: (a, b) => Math.max(a as number, b as number),
  minLength: (a, b) => Math.max(a as number, b as number),
  minItems: (a, b) => Math.max(a as number, b as number),
  minProperties: (a, b) => Math.max(a as number, b as number),
  maximum: (a, b) => Math.min(a as number, b as number),
  exclusiveMaximum: (a, b) => Math.min(a as number, b as number),
  maxLength: (a, b) => Math.min(a as number, b as number),
  maxItems: (a, b) => Math.min(a as number, b as number),
  maxProperties: (a, b) => Math.min(a as number, b as number),
};

/** The conjunction of two schemas of one document, as far as it can be written out. */
export function merge(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (!(key in out)) {
      out[key] = value;
    } else if (equal(out[key], value)) {
      continue;
    } else if (KIND_MERGE[key]) {
      out[key] = KIND_MERGE[key](out[key], value) ?? null;
    } else if (key === 'properties' && isObject(out[key]) && isObject(value)) {
      const props = { ...(out[key] as Schema) };
      for (const [name, schema] of Object.entries(value)) {
        props[name] = name in props ? { allOf: [props[name], schema] } : schema;
      }
      out[key] = props;
    } else {
      out.allOf = [...((out.allOf as Json[]) ?? []), { [key]: value }];
    }
  }
  return out;
}

const compiled = new Map<string, RE2JS | null>();

/**
 * Tests a user's pattern on a linear-time engine (RE2): no pattern can make
 * it backtrack. A pattern RE2 does not take (backreferences, lookaround)
 * matches nothing here, which the checker's conservative verdicts allow.
 */
export function safeTest(pattern: string, name: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = pattern.length > 1000 ? null : RE2JS.compile(pattern);
    } catch {
      re = null;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re ? re.matcher(name).find() : false;
}
