import {
  bound,
  boundWithin,
  describeBound,
  equal,
  isEmpty,
  isNever,
  isObject,
  Json,
  normalize,
  sameMembers,
  Schema,
  SchemaDocument,
  SchemaNode,
  types,
  typesWithin,
} from './jsonSchemaModel';
import { SchemaDifference } from './types';

/*
 * JSON Schema compatibility, change by change.
 *
 * A version is BACKWARD compatible when every instance the previous schema
 * accepts is accepted by the next one (consumers on the next schema read old
 * data), FORWARD compatible when the reverse holds. The differ walks both
 * schemas keyword by keyword and says, for each change, which of the two it
 * breaks. Where a change cannot be judged keyword by keyword (a property that
 * moves under additionalProperties, a combinator added or replaced), the flag
 * comes from a conservative inclusion test: "not included" whenever inclusion
 * cannot be shown.
 *
 * oneOf is compared like anyOf branch by branch, as Apicurio Registry does.
 */

type Node = SchemaNode;
type Normal = { s: Schema; doc: SchemaDocument; raw: Json };

const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;
const LOWER_COUNTS = ['minLength', 'minItems', 'minProperties'] as const;
const UPPER_COUNTS = ['maxLength', 'maxItems', 'maxProperties'] as const;
const EXACT = [
  'pattern',
  'format',
  'contentEncoding',
  'contentMediaType',
] as const;
const MAX_DEPTH = 64;

function diff(
  path: string,
  change: string,
  breaksBackward: boolean,
  breaksForward: boolean,
): SchemaDifference {
  return { path: path || '/', change, breaksBackward, breaksForward };
}

function pointer(path: string, ...keys: (string | number)[]): string {
  return `${path}/${keys
    .map(k => String(k).replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/')}`;
}

function show(value: Json | undefined): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}

function countChange(key: string, va?: number, vb?: number): string {
  if (va === undefined) return `${key} ${vb} added`;
  if (vb === undefined) return `${key} ${va} removed`;
  return `${key} ${vb > va ? 'raised' : 'lowered'} from ${va} to ${vb}`;
}

function isMultiple(x: number, of: number): boolean {
  const q = x / of;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

function hasRef(value: Json): boolean {
  return JSON.stringify(value).includes('"$ref"');
}

/**
 * The pairs of schema nodes under comparison right now. Meeting a pair again
 * while comparing it means a recursive `$ref`: the recursion is assumed to
 * agree, and the rest of the comparison decides.
 */
class InProgress {
  private readonly pairs = new Map<Json, Set<Json>>();

  /** Runs `fn` for the pair, or answers `onCycle` when the pair is already open. */
  run<T>(a: Json, b: Json, onCycle: T, fn: () => T): T {
    if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return fn();
    let inner = this.pairs.get(a);
    if (!inner) this.pairs.set(a, (inner = new Set()));
    if (inner.has(b)) return onCycle;
    inner.add(b);
    try {
      return fn();
    } finally {
      inner.delete(b);
    }
  }
}

const KIND_MERGE: Record<string, (a: Json, b: Json) => Json | undefined> = {
  type: (a, b) =>
    (a as string[]).filter(
      t =>
        (b as string[]).includes(t) ||
        (t === 'number' && (b as string[]).includes('integer')),
    ),
  enum: (a, b) =>
    (a as Json[]).filter(x => (b as Json[]).some(y => equal(x, y))),
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
function merge(a: Schema, b: Schema): Schema {
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

export class JsonSchemaDiffer {
  private readonly diffing = new InProgress();
  /** True while `includes` compares keywords: nested schemas are then compared by inclusion too. */
  private semantic = false;
  private readonly including = new InProgress();
  private depth = 0;

  /** Every difference from `previous` to `next`. */
  compare(previous: SchemaDocument, next: SchemaDocument): SchemaDifference[] {
    return this.diff(
      { raw: previous.root, doc: previous },
      { raw: next.root, doc: next },
      '',
    );
  }

  diff(a: Node, b: Node, path: string): SchemaDifference[] {
    return this.diffing.run(a.raw, b.raw, [], () => this.diffOpen(a, b, path));
  }

  private diffOpen(a: Node, b: Node, path: string): SchemaDifference[] {
    const A = normalize(a);
    const B = normalize(b);
    if (equal(A.s, B.s) && !hasRef(A.s)) return [];
    if (isNever(A.s) || isNever(B.s)) {
      if (isNever(A.s) && isNever(B.s)) return [];
      return isNever(A.s)
        ? [
            diff(
              path,
              'was false (accepted nothing), now accepts values',
              false,
              true,
            ),
          ]
        : [diff(path, 'now false: accepts nothing', true, false)];
    }
    return [...this.keywords(A, B, path), ...this.combinators(A, B, path)];
  }

  /** True when every instance `a` accepts is accepted by `b` (conservative). */
  includes(a: Node, b: Node): boolean {
    if (this.depth > MAX_DEPTH) return false;
    return this.including.run(a.raw, b.raw, true, () => {
      this.depth += 1;
      try {
        return this.includesNormal(normalize(a), normalize(b));
      } finally {
        this.depth -= 1;
      }
    });
  }

  private includesNormal(A: Normal, B: Normal): boolean {
    if (isNever(A.s) || isEmpty(B.s)) return true;
    if (isNever(B.s)) return false;
    if (equal(A.s, B.s) && (A.doc === B.doc || !hasRef(A.s))) return true;
    let as = this.flatten(A);
    let bs = B.s;
    for (const key of ['anyOf', 'oneOf'] as const) {
      const x = as[key];
      const y = bs[key];
      if (
        Array.isArray(x) &&
        Array.isArray(y) &&
        sameMembers(x, y) &&
        (A.doc === B.doc || !hasRef(x))
      ) {
        as = { ...as };
        bs = { ...bs };
        delete as[key];
        delete bs[key];
      }
    }
    const branches = (as.anyOf ?? as.oneOf) as Json[] | undefined;
    if (Array.isArray(branches)) {
      const base = { ...as };
      delete base.anyOf;
      delete base.oneOf;
      return branches.every(branch =>
        this.includes(
          {
            raw: merge(base, normalize({ raw: branch, doc: A.doc }).s),
            doc: A.doc,
          },
          { raw: bs, doc: B.doc },
        ),
      );
    }
    const aNode = { raw: as, doc: A.doc };
    const bChild = (raw: Json) => ({ raw, doc: B.doc });
    if (
      Array.isArray(bs.allOf) &&
      !bs.allOf.every(m => this.includes(aNode, bChild(m)))
    ) {
      return false;
    }
    if (
      Array.isArray(bs.anyOf) &&
      !bs.anyOf.some(m => this.includes(aNode, bChild(m)))
    ) {
      return false;
    }
    if (bs.oneOf !== undefined) return false;
    if (bs.not !== undefined) {
      if (as.not === undefined) return false;
      if (!this.includes(bChild(bs.not), { raw: as.not, doc: A.doc }))
        return false;
    }
    if (bs.if !== undefined || bs.then !== undefined || bs.else !== undefined) {
      if (!equal(as.if, bs.if)) return false;
      for (const key of ['then', 'else']) {
        if (
          !this.includes(
            { raw: as[key] ?? true, doc: A.doc },
            bChild(bs[key] ?? true),
          )
        ) {
          return false;
        }
      }
    }
    const rest: Schema = { ...bs };
    for (const key of [...COMBINATORS, 'not', 'if', 'then', 'else'])
      delete rest[key];
    const outer = this.semantic;
    this.semantic = true;
    try {
      return this.keywords(
        { s: as, doc: A.doc, raw: as },
        { s: rest, doc: B.doc, raw: rest },
        '',
      ).every(d => !d.breaksBackward);
    } finally {
      this.semantic = outer;
    }
  }

  /** A nested schema: its differences, or, inside `includes`, whether it is included. */
  private sub(a: Node, b: Node, path: string): SchemaDifference[] {
    if (!this.semantic) return this.diff(a, b, path);
    return this.includes(a, b) ? [] : [diff(path, 'not included', true, false)];
  }

  /** Merges allOf members without their own combinators into the base. */
  private flatten(A: Normal): Schema {
    if (!Array.isArray(A.s.allOf)) return A.s;
    let base: Schema = { ...A.s };
    delete base.allOf;
    const residual: Json[] = [];
    for (const member of A.s.allOf) {
      const m = normalize({ raw: member, doc: A.doc }).s;
      if (COMBINATORS.some(k => k in m) || 'not' in m || 'if' in m) {
        residual.push(member);
      } else {
        base = merge(base, m);
      }
    }
    if (residual.length)
      base.allOf = [...((base.allOf as Json[]) ?? []), ...residual];
    return base;
  }

  private keywords(A: Normal, B: Normal, path: string): SchemaDifference[] {
    const out: SchemaDifference[] = [];
    const a = A.s;
    const b = B.s;
    const childA = (raw: Json | undefined) => ({
      raw: raw ?? true,
      doc: A.doc,
    });
    const childB = (raw: Json | undefined) => ({
      raw: raw ?? true,
      doc: B.doc,
    });

    const ta = types(a);
    const tb = types(b);
    if (!(ta === tb || (ta && tb && sameMembers([...ta], [...tb])))) {
      out.push(
        diff(
          path,
          `type changed from ${ta ? [...ta].join('|') : 'any'} to ${
            tb ? [...tb].join('|') : 'any'
          }`,
          !typesWithin(ta, tb),
          !typesWithin(tb, ta),
        ),
      );
    }

    const ea = a.enum as Json[] | undefined;
    const eb = b.enum as Json[] | undefined;
    if (
      !(ea === undefined && eb === undefined) &&
      !(ea && eb && sameMembers(ea, eb))
    ) {
      const added = eb?.filter(y => !ea?.some(x => equal(x, y))) ?? [];
      const removed = ea?.filter(x => !eb?.some(y => equal(x, y))) ?? [];
      const words = [
        ea === undefined ? `allowed values restricted to ${show(eb)}` : '',
        eb === undefined ? 'allowed values no longer restricted' : '',
        ea && eb && added.length ? `values added: ${show(added)}` : '',
        ea && eb && removed.length ? `values removed: ${show(removed)}` : '',
      ].filter(Boolean);
      out.push(
        diff(
          path,
          words.join('; '),
          eb !== undefined && (ea === undefined || removed.length > 0),
          ea !== undefined && (eb === undefined || added.length > 0),
        ),
      );
    }

    for (const side of ['min', 'max'] as const) {
      const ba = bound(a, side);
      const bb = bound(b, side);
      if (ba?.value !== bb?.value || ba?.exclusive !== bb?.exclusive) {
        out.push(
          diff(
            path,
            `${
              side === 'min' ? 'lower' : 'upper'
            } bound changed from ${describeBound(ba, side)} to ${describeBound(
              bb,
              side,
            )}`,
            !boundWithin(ba, bb, side),
            !boundWithin(bb, ba, side),
          ),
        );
      }
    }

    const counts = [
      ...LOWER_COUNTS.map(k => [k, 'min'] as const),
      ...UPPER_COUNTS.map(k => [k, 'max'] as const),
    ];
    for (const [key, side] of counts) {
      const va = a[key] as number | undefined;
      const vb = b[key] as number | undefined;
      if (va === vb) continue;
      const within = (inner?: number, outer?: number) =>
        outer === undefined ||
        (inner !== undefined &&
          (side === 'min' ? inner >= outer : inner <= outer));
      out.push(
        diff(path, countChange(key, va, vb), !within(va, vb), !within(vb, va)),
      );
    }

    const ma = a.multipleOf as number | undefined;
    const mb = b.multipleOf as number | undefined;
    if (ma !== mb) {
      const within = (inner?: number, outer?: number) =>
        outer === undefined ||
        (inner !== undefined && isMultiple(inner, outer));
      out.push(
        diff(
          path,
          `multipleOf changed from ${show(ma)} to ${show(mb)}`,
          !within(ma, mb),
          !within(mb, ma),
        ),
      );
    }

    for (const key of EXACT) {
      if (equal(a[key], b[key])) continue;
      out.push(
        diff(
          path,
          `${key} changed from ${show(a[key])} to ${show(b[key])}`,
          b[key] !== undefined,
          a[key] !== undefined,
        ),
      );
    }

    const ua = a.uniqueItems === true;
    const ub = b.uniqueItems === true;
    if (ua !== ub) {
      out.push(
        diff(
          path,
          ub ? 'items must now be unique' : 'items no longer need to be unique',
          ub,
          ua,
        ),
      );
    }

    const ra = new Set((a.required as string[] | undefined) ?? []);
    const rb = new Set((b.required as string[] | undefined) ?? []);
    for (const name of rb) {
      if (!ra.has(name))
        out.push(
          diff(
            pointer(path, 'properties', name),
            `"${name}" became required`,
            true,
            false,
          ),
        );
    }
    for (const name of ra) {
      if (!rb.has(name))
        out.push(
          diff(
            pointer(path, 'properties', name),
            `"${name}" is no longer required`,
            false,
            true,
          ),
        );
    }

    out.push(...this.objectMembers(A, B, path));

    if (a.propertyNames !== undefined || b.propertyNames !== undefined) {
      out.push(
        ...this.sub(
          childA(a.propertyNames),
          childB(b.propertyNames),
          pointer(path, 'propertyNames'),
        ),
      );
    }
    out.push(...this.dependencies(A, B, path));
    out.push(...this.arrayItems(A, B, path));
    if (a.contains !== undefined || b.contains !== undefined) {
      out.push(
        ...this.sub(
          childA(a.contains),
          childB(b.contains),
          pointer(path, 'contains'),
        ),
      );
    }
    return out;
  }

  /** properties, patternProperties and additionalProperties. */
  private objectMembers(
    A: Normal,
    B: Normal,
    path: string,
  ): SchemaDifference[] {
    const a = A.s;
    const b = B.s;
    const keys = ['properties', 'patternProperties', 'additionalProperties'];
    if (!keys.some(k => k in a || k in b)) return [];
    const out: SchemaDifference[] = [];
    const fallback = (
      s: Schema,
      doc: SchemaDocument,
      name: string,
      viaPatterns: boolean,
    ) => {
      if (viaPatterns && isObject(s.patternProperties)) {
        for (const [pattern, schema] of Object.entries(s.patternProperties)) {
          if (safeTest(pattern, name))
            return {
              node: { raw: schema, doc },
              where: `patternProperties "${pattern}"`,
            };
        }
      }
      return {
        node: { raw: s.additionalProperties ?? true, doc },
        where:
          s.additionalProperties === undefined
            ? 'nothing (any value)'
            : 'additionalProperties',
      };
    };
    for (const key of ['properties', 'patternProperties'] as const) {
      const pa = isObject(a[key]) ? (a[key] as Schema) : {};
      const pb = isObject(b[key]) ? (b[key] as Schema) : {};
      const label = key === 'properties' ? 'property' : 'pattern';
      for (const name of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
        const at = pointer(path, key, name);
        if (name in pa && name in pb) {
          out.push(
            ...this.sub(
              { raw: pa[name], doc: A.doc },
              { raw: pb[name], doc: B.doc },
              at,
            ),
          );
          continue;
        }
        const viaPatterns = key === 'properties';
        if (name in pa) {
          const now = fallback(b, B.doc, name, viaPatterns);
          const old = { raw: pa[name], doc: A.doc };
          out.push(
            diff(
              at,
              `${label} "${name}" removed; its values are now checked by ${now.where}`,
              !this.includes(old, now.node),
              !this.includes(now.node, old),
            ),
          );
        } else {
          const before = fallback(a, A.doc, name, viaPatterns);
          const added = { raw: pb[name], doc: B.doc };
          out.push(
            diff(
              at,
              `${label} "${name}" added; before, its values were checked by ${before.where}`,
              !this.includes(before.node, added),
              !this.includes(added, before.node),
            ),
          );
        }
      }
    }
    if (!equal(a.additionalProperties, b.additionalProperties)) {
      out.push(
        ...this.sub(
          { raw: a.additionalProperties ?? true, doc: A.doc },
          { raw: b.additionalProperties ?? true, doc: B.doc },
          pointer(path, 'additionalProperties'),
        ),
      );
    }
    return out;
  }

  private dependencies(A: Normal, B: Normal, path: string): SchemaDifference[] {
    const out: SchemaDifference[] = [];
    for (const key of [
      'dependencies',
      'dependentRequired',
      'dependentSchemas',
    ] as const) {
      const da = isObject(A.s[key]) ? (A.s[key] as Schema) : {};
      const db = isObject(B.s[key]) ? (B.s[key] as Schema) : {};
      for (const name of new Set([...Object.keys(da), ...Object.keys(db)])) {
        const va = da[name];
        const vb = db[name];
        const at = pointer(path, key, name);
        if (equal(va, vb)) continue;
        const isList = (v: Json | undefined) =>
          v === undefined || Array.isArray(v);
        if (isList(va) && isList(vb)) {
          const la = (va as string[] | undefined) ?? [];
          const lb = (vb as string[] | undefined) ?? [];
          const added = lb.filter(x => !la.includes(x));
          const removed = la.filter(x => !lb.includes(x));
          out.push(
            diff(
              at,
              `when "${name}" is present, required properties ${
                added.length ? `added: ${added.join(', ')}` : ''
              }${added.length && removed.length ? '; ' : ''}${
                removed.length ? `removed: ${removed.join(', ')}` : ''
              }`,
              added.length > 0,
              removed.length > 0,
            ),
          );
        } else if (!Array.isArray(va) && !Array.isArray(vb)) {
          out.push(
            ...this.sub(
              { raw: va ?? true, doc: A.doc },
              { raw: vb ?? true, doc: B.doc },
              at,
            ),
          );
        } else {
          out.push(
            diff(
              at,
              `dependency of "${name}" changed between a property list and a schema`,
              true,
              true,
            ),
          );
        }
      }
    }
    return out;
  }

  /** items (schema or tuple), additionalItems and prefixItems. */
  private arrayItems(A: Normal, B: Normal, path: string): SchemaDifference[] {
    const a = A.s;
    const b = B.s;
    const tupleOf = (s: Schema) => {
      if (Array.isArray(s.prefixItems)) {
        return {
          tuple: s.prefixItems,
          rest: s.items ?? true,
          tupleKey: 'prefixItems',
          restKey: 'items',
        };
      }
      if (Array.isArray(s.items)) {
        return {
          tuple: s.items,
          rest: s.additionalItems ?? true,
          tupleKey: 'items',
          restKey: 'additionalItems',
        };
      }
      return undefined;
    };
    const ta = tupleOf(a);
    const tb = tupleOf(b);
    if (!ta && !tb) {
      if (a.items === undefined && b.items === undefined) return [];
      return this.sub(
        { raw: a.items ?? true, doc: A.doc },
        { raw: b.items ?? true, doc: B.doc },
        pointer(path, 'items'),
      );
    }
    const wa = ta ?? {
      tuple: [] as Json[],
      rest: a.items ?? true,
      tupleKey: 'items',
      restKey: 'items',
    };
    const wb = tb ?? {
      tuple: [] as Json[],
      rest: b.items ?? true,
      tupleKey: 'items',
      restKey: 'items',
    };
    const out: SchemaDifference[] = [];
    const n = Math.max(wa.tuple.length, wb.tuple.length);
    for (let i = 0; i < n; i++) {
      const ea = { raw: wa.tuple[i] ?? wa.rest, doc: A.doc };
      const eb = { raw: wb.tuple[i] ?? wb.rest, doc: B.doc };
      const at = pointer(
        path,
        wb.tuple[i] !== undefined ? wb.tupleKey : wa.tupleKey,
        i,
      );
      if (i < wa.tuple.length && i < wb.tuple.length) {
        out.push(...this.sub(ea, eb, at));
      } else {
        const removed = i >= wb.tuple.length;
        out.push(
          diff(
            at,
            removed
              ? `tuple position ${i} removed; it is now checked by ${wb.restKey}`
              : `tuple position ${i} added; before, it was checked by ${wa.restKey}`,
            !this.includes(ea, eb),
            !this.includes(eb, ea),
          ),
        );
      }
    }
    if (!equal(wa.rest, wb.rest)) {
      out.push(
        ...this.sub(
          { raw: wa.rest, doc: A.doc },
          { raw: wb.rest, doc: B.doc },
          pointer(path, wb.restKey),
        ),
      );
    }
    return out;
  }

  private combinators(A: Normal, B: Normal, path: string): SchemaDifference[] {
    const out: SchemaDifference[] = [];
    const wholeA = { raw: A.raw, doc: A.doc };
    const wholeB = { raw: B.raw, doc: B.doc };
    for (const key of COMBINATORS) {
      const la = A.s[key] as Json[] | undefined;
      const lb = B.s[key] as Json[] | undefined;
      if (la === undefined && lb === undefined) continue;
      const at = pointer(path, key);
      const widening = key !== 'allOf';
      if (la === undefined || lb === undefined) {
        const present = (la ?? lb) as Json[];
        const constraint = (doc: SchemaDocument) => ({
          raw: { [key]: present },
          doc,
        });
        out.push(
          la === undefined
            ? diff(
                at,
                `${key} added`,
                !this.includes(wholeA, constraint(B.doc)),
                false,
              )
            : diff(
                at,
                `${key} removed`,
                false,
                !this.includes(wholeB, constraint(A.doc)),
              ),
        );
        continue;
      }
      // Pair equal members first, then the rest in order.
      const restA = la.map((_, i) => i);
      const restB = lb.map((_, i) => i);
      for (const i of [...restA]) {
        const j = restB.find(k => equal(la[i], lb[k]) && !hasRef(la[i]));
        if (j !== undefined) {
          restA.splice(restA.indexOf(i), 1);
          restB.splice(restB.indexOf(j), 1);
        }
      }
      const pairs = Math.min(restA.length, restB.length);
      for (let p = 0; p < pairs; p++) {
        out.push(
          ...this.diff(
            { raw: la[restA[p]], doc: A.doc },
            { raw: lb[restB[p]], doc: B.doc },
            pointer(at, restB[p]),
          ),
        );
      }
      for (const j of restB.slice(pairs)) {
        const member = { raw: lb[j], doc: B.doc };
        out.push(
          widening
            ? diff(
                pointer(at, j),
                `${key} branch added`,
                false,
                !this.includes(member, wholeA),
              )
            : diff(
                pointer(at, j),
                'allOf member added',
                !this.includes(wholeA, member),
                false,
              ),
        );
      }
      for (const i of restA.slice(pairs)) {
        const member = { raw: la[i], doc: A.doc };
        out.push(
          widening
            ? diff(
                pointer(at, i),
                `${key} branch removed`,
                !this.includes(member, wholeB),
                false,
              )
            : diff(
                pointer(at, i),
                'allOf member removed',
                false,
                !this.includes(wholeB, member),
              ),
        );
      }
    }
    if (A.s.not !== undefined || B.s.not !== undefined) {
      const at = pointer(path, 'not');
      if (A.s.not !== undefined && B.s.not !== undefined) {
        out.push(
          ...this.diff(
            { raw: A.s.not, doc: A.doc },
            { raw: B.s.not, doc: B.doc },
            at,
          ).map(d => ({
            ...d,
            change: `inside not: ${d.change}`,
            breaksBackward: d.breaksForward,
            breaksForward: d.breaksBackward,
          })),
        );
      } else if (B.s.not !== undefined) {
        out.push(
          diff(
            at,
            'not added',
            !this.includes(wholeA, { raw: { not: B.s.not }, doc: B.doc }),
            false,
          ),
        );
      } else {
        out.push(
          diff(
            at,
            'not removed',
            false,
            !this.includes(wholeB, {
              raw: { not: A.s.not as Json },
              doc: A.doc,
            }),
          ),
        );
      }
    }
    const conditional = ['if', 'then', 'else'];
    if (conditional.some(k => A.s[k] !== undefined || B.s[k] !== undefined)) {
      if (!equal(A.s.if, B.s.if)) {
        out.push(
          diff(
            pointer(path, 'if'),
            'the if condition changed, so other values take the then and else branches',
            true,
            true,
          ),
        );
      } else {
        // A branch applies on top of the rest of its schema: a change the
        // rest already implies (then: { type: string } where the property is
        // a string anyway) breaks nothing.
        const base = (s: Schema) => {
          const rest = { ...s };
          for (const k of [...COMBINATORS, 'not', ...conditional])
            delete rest[k];
          return rest;
        };
        for (const key of ['then', 'else']) {
          const ra = A.s[key] ?? true;
          const rb = B.s[key] ?? true;
          const inA = {
            raw: merge(base(A.s), normalize({ raw: ra, doc: A.doc }).s),
            doc: A.doc,
          };
          const inB = {
            raw: merge(base(B.s), normalize({ raw: rb, doc: B.doc }).s),
            doc: B.doc,
          };
          const backward = this.includes(inA, inB);
          const forward = this.includes(inB, inA);
          out.push(
            ...this.diff(
              { raw: ra, doc: A.doc },
              { raw: rb, doc: B.doc },
              pointer(path, key),
            ).map(d => ({
              ...d,
              breaksBackward: d.breaksBackward && !backward,
              breaksForward: d.breaksForward && !forward,
            })),
          );
        }
      }
    }
    return out;
  }
}

function safeTest(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return false;
  }
}

/** Every difference between two JSON Schema texts. */
export function diffJsonSchemas(
  previous: string,
  next: string,
): SchemaDifference[] {
  return new JsonSchemaDiffer().compare(
    SchemaDocument.parse(previous),
    SchemaDocument.parse(next),
  );
}
