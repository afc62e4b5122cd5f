import { SchemaParseError } from './types';

/** A JSON value. */
export type Json =
  | null
  | boolean
  | number
  | string
  | Json[]
  | { [key: string]: Json };

/** A schema in object form, after `normalize`. */
export type Schema = { [key: string]: Json };

/** One JSON Schema document: its root and the anchors `$ref` may name. */
export class SchemaDocument {
  private readonly anchors = new Map<string, Json>();

  private constructor(readonly root: Json) {
    this.collect(root);
  }

  static parse(text: string): SchemaDocument {
    let root: Json;
    try {
      root = JSON.parse(text);
    } catch (error) {
      throw new SchemaParseError(`not valid JSON: ${(error as Error).message}`);
    }
    if (typeof root !== 'boolean' && !isObject(root)) {
      throw new SchemaParseError(
        'a JSON Schema is an object or a boolean at the top level',
      );
    }
    return new SchemaDocument(root);
  }

  static of(root: Json): SchemaDocument {
    return new SchemaDocument(root);
  }

  private collect(node: Json) {
    if (Array.isArray(node)) {
      node.forEach(n => this.collect(n));
      return;
    }
    if (!isObject(node)) return;
    for (const key of ['$id', 'id', '$anchor']) {
      const value = node[key];
      if (typeof value === 'string' && value.includes('#')) {
        this.anchors.set(value.slice(value.indexOf('#')), node);
      } else if (key === '$anchor' && typeof value === 'string') {
        this.anchors.set(`#${value}`, node);
      }
    }
    Object.values(node).forEach(n => this.collect(n));
  }

  /** The schema a local `$ref` names. */
  resolve(ref: string): Json {
    if (ref === '#') return this.root;
    if (ref.startsWith('#/')) {
      let node: Json = this.root;
      for (const raw of ref.slice(2).split('/')) {
        const key = decodeURIComponent(raw)
          .replace(/~1/g, '/')
          .replace(/~0/g, '~');
        let next: Json | undefined;
        if (Array.isArray(node)) next = node[Number(key)];
        else if (isObject(node)) next = node[key];
        if (next === undefined) {
          throw new SchemaParseError(`$ref ${ref} names nothing in the schema`);
        }
        node = next;
      }
      return node;
    }
    const anchored = this.anchors.get(ref.slice(ref.indexOf('#')));
    if (ref.includes('#') && anchored !== undefined) return anchored;
    throw new SchemaParseError(
      `$ref ${ref} is not a reference inside the schema; references to other artifacts are not checked`,
    );
  }
}

/** A schema node together with the document its `$ref`s resolve in. */
export interface SchemaNode {
  raw: Json;
  doc: SchemaDocument;
}

export function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keywords that do not constrain instances. */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  'id',
  '$anchor',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
  'definitions',
  '$defs',
  'readOnly',
  'writeOnly',
  'deprecated',
]);

export const NEVER: Schema = { not: {} };

export function isNever(s: Schema): boolean {
  return isObject(s.not) && Object.keys(s.not).length === 0;
}

export function isEmpty(s: Schema): boolean {
  return Object.keys(s).length === 0;
}

/**
 * Resolves `$ref` (siblings are ignored, as in draft 7) and rewrites the
 * schema to one form: booleans as objects, `const` as a one-value `enum`,
 * draft-4 boolean `exclusiveMinimum`/`exclusiveMaximum` as numbers, and no
 * annotations.
 */
export function normalize(node: SchemaNode): {
  s: Schema;
  doc: SchemaDocument;
  raw: Json;
} {
  let raw = node.raw;
  const seen = new Set<Json>();
  while (isObject(raw) && typeof raw.$ref === 'string') {
    if (seen.has(raw)) {
      throw new SchemaParseError(`$ref ${raw.$ref} refers to itself`);
    }
    seen.add(raw);
    raw = node.doc.resolve(raw.$ref);
  }
  if (raw === true || raw === undefined) return { s: {}, doc: node.doc, raw };
  if (raw === false) return { s: NEVER, doc: node.doc, raw };
  if (!isObject(raw)) {
    throw new SchemaParseError(
      `a schema must be an object or a boolean, found ${JSON.stringify(raw)}`,
    );
  }
  const s: Schema = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!ANNOTATIONS.has(key)) s[key] = value;
  }
  if ('const' in s) {
    const values = Array.isArray(s.enum)
      ? s.enum.filter(v => equal(v, s.const))
      : [s.const];
    s.enum = values;
    delete s.const;
  }
  for (const [excl, incl] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (s[excl] === true && typeof s[incl] === 'number') {
      s[excl] = s[incl];
      delete s[incl];
    } else if (typeof s[excl] === 'boolean') {
      delete s[excl];
    }
  }
  if (typeof s.type === 'string') s.type = [s.type];
  return { s, doc: node.doc, raw };
}

/** Deep equality of JSON values, object keys in any order. */
export function equal(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every(k => k in b && equal(a[k], b[k]))
    );
  }
  return false;
}

/**
 * A JSON value as text with object keys sorted: two values are `equal`
 * exactly when their canonical texts are, so lists of values can be compared
 * through sets in linear time instead of pair by pair.
 */
export function canonical(value: Json | undefined): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The members of `xs` that are not `equal` to any member of `ys`, in order. */
export function membersNotIn(xs: Json[], ys: Json[]): Json[] {
  const present = new Set(ys.map(canonical));
  return xs.filter(x => !present.has(canonical(x)));
}

/** Equal as sets: same members in any order. */
export function sameMembers(a: Json[], b: Json[]): boolean {
  return (
    a.length === b.length &&
    membersNotIn(a, b).length === 0 &&
    membersNotIn(b, a).length === 0
  );
}

export interface Bound {
  value: number;
  exclusive: boolean;
}

/** The strongest lower (`min`) or upper (`max`) bound of a number schema. */
export function bound(s: Schema, side: 'min' | 'max'): Bound | undefined {
  const [incl, excl] =
    side === 'min'
      ? (['minimum', 'exclusiveMinimum'] as const)
      : (['maximum', 'exclusiveMaximum'] as const);
  const candidates: Bound[] = [];
  if (typeof s[incl] === 'number')
    candidates.push({ value: s[incl] as number, exclusive: false });
  if (typeof s[excl] === 'number')
    candidates.push({ value: s[excl] as number, exclusive: true });
  if (candidates.length === 0) return undefined;
  const stronger = (x: Bound, y: Bound) => {
    if (x.value === y.value) return x.exclusive ? x : y;
    return (side === 'min') === x.value > y.value ? x : y;
  };
  return candidates.reduce(stronger);
}

/** True when every number within `inner` is within `outer`. */
export function boundWithin(
  inner: Bound | undefined,
  outer: Bound | undefined,
  side: 'min' | 'max',
): boolean {
  if (!outer) return true;
  if (!inner) return false;
  if (inner.value === outer.value) return !outer.exclusive || inner.exclusive;
  return side === 'min' ? inner.value > outer.value : inner.value < outer.value;
}

export function describeBound(
  b: Bound | undefined,
  side: 'min' | 'max',
): string {
  if (!b) return 'none';
  const ops = { min: ['≥', '>'], max: ['≤', '<'] }[side];
  const op = ops[b.exclusive ? 1 : 0];
  return `${op} ${b.value}`;
}

/** The instance types a schema allows; undefined means any. */
export function types(s: Schema): Set<string> | undefined {
  return Array.isArray(s.type) ? new Set(s.type as string[]) : undefined;
}

export function typesWithin(
  inner: Set<string> | undefined,
  outer: Set<string> | undefined,
): boolean {
  if (!outer) return true;
  if (!inner) return false;
  return [...inner].every(
    t => outer.has(t) || (t === 'integer' && outer.has('number')),
  );
}
