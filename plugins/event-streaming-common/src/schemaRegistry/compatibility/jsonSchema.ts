import {
  bound,
  boundWithin,
  describeBound,
  equal,
  isEmpty,
  isNever,
  Json,
  normalize,
  sameMembers,
  Schema,
  SchemaDocument,
  types,
  typesWithin,
  membersNotIn,
} from './jsonSchemaModel';
import {
  Node,
  Normal,
  COMBINATORS,
  LOWER_COUNTS,
  UPPER_COUNTS,
  EXACT,
  MAX_DEPTH,
  diff,
  pointer,
  show,
  countChange,
  isMultiple,
  hasRef,
  InProgress,
  merge,
} from './jsonSchemaSupport';
import { arrayItems } from './jsonSchemaArrays';
import { combinators } from './jsonSchemaCombinators';
import { dependencies, objectMembers } from './jsonSchemaObjects';
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

export class JsonSchemaDiffer {
  /**
   * A pair of nodes is diffed once: its differences are reported at the
   * first path that reaches it (a $def referred to from two places), as the
   * Avro checker reports a named type's. So the work is linear in the
   * schemas' size, not in the number of paths through them.
   */
  private readonly diffing = new InProgress<SchemaDifference[]>({
    repeat: { value: [] },
  });
  /** True while `includes` compares keywords: nested schemas are then compared by inclusion too. */
  private semantic = false;
  private readonly including = new InProgress<boolean>({ memo: true });
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
    return [...this.keywords(A, B, path), ...combinators(this, A, B, path)];
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
  /** @internal for the keyword modules */
  sub(a: Node, b: Node, path: string): SchemaDifference[] {
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
      const added = eb ? membersNotIn(eb, ea ?? []) : [];
      const removed = ea ? membersNotIn(ea, eb ?? []) : [];
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

    out.push(...objectMembers(this, A, B, path));

    if (a.propertyNames !== undefined || b.propertyNames !== undefined) {
      out.push(
        ...this.sub(
          childA(a.propertyNames),
          childB(b.propertyNames),
          pointer(path, 'propertyNames'),
        ),
      );
    }
    out.push(...dependencies(this, A, B, path));
    out.push(...arrayItems(this, A, B, path));
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
