import {
  equal,
  Json,
  normalize,
  Schema,
  SchemaDocument,
  canonical,
} from './jsonSchemaModel';
import {
  Normal,
  COMBINATORS,
  diff,
  pointer,
  hasRef,
  merge,
} from './jsonSchemaSupport';
import type { JsonSchemaDiffer } from './jsonSchema';
import { SchemaDifference } from './types';

/* Combinators of the JSON Schema differ: allOf, anyOf, oneOf and not. */

export function combinators(
  d: JsonSchemaDiffer,
  A: Normal,
  B: Normal,
  path: string,
): SchemaDifference[] {
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
              !d.includes(wholeA, constraint(B.doc)),
              false,
            )
          : diff(
              at,
              `${key} removed`,
              false,
              !d.includes(wholeB, constraint(A.doc)),
            ),
      );
      continue;
    }
    // Pair equal members first, then the rest in order.
    const restA = la.map((_, i) => i);
    const restB = lb.map((_, i) => i);
    // By canonical text: linear in the number of members, not quadratic.
    const unpairedB = new Map<string, number[]>();
    lb.forEach((member, k) => {
      const text = canonical(member);
      unpairedB.set(text, [...(unpairedB.get(text) ?? []), k]);
    });
    const pairedB = new Set<number>();
    const pairedA = new Set<number>();
    la.forEach((member, i) => {
      if (hasRef(member)) return;
      const j = unpairedB.get(canonical(member))?.shift();
      if (j !== undefined) {
        pairedA.add(i);
        pairedB.add(j);
      }
    });
    restA.splice(0, restA.length, ...restA.filter(i => !pairedA.has(i)));
    restB.splice(0, restB.length, ...restB.filter(k => !pairedB.has(k)));
    const pairs = Math.min(restA.length, restB.length);
    for (let p = 0; p < pairs; p++) {
      out.push(
        ...d.diff(
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
              !d.includes(member, wholeA),
            )
          : diff(
              pointer(at, j),
              'allOf member added',
              !d.includes(wholeA, member),
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
              !d.includes(member, wholeB),
              false,
            )
          : diff(
              pointer(at, i),
              'allOf member removed',
              false,
              !d.includes(wholeB, member),
            ),
      );
    }
  }
  if (A.s.not !== undefined || B.s.not !== undefined) {
    const at = pointer(path, 'not');
    if (A.s.not !== undefined && B.s.not !== undefined) {
      out.push(
        ...d
          .diff({ raw: A.s.not, doc: A.doc }, { raw: B.s.not, doc: B.doc }, at)
          .map(inner => ({
            ...inner,
            change: `inside not: ${inner.change}`,
            breaksBackward: inner.breaksForward,
            breaksForward: inner.breaksBackward,
          })),
      );
    } else if (B.s.not !== undefined) {
      out.push(
        diff(
          at,
          'not added',
          !d.includes(wholeA, { raw: { not: B.s.not }, doc: B.doc }),
          false,
        ),
      );
    } else {
      out.push(
        diff(
          at,
          'not removed',
          false,
          !d.includes(wholeB, {
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
        for (const k of [...COMBINATORS, 'not', ...conditional]) delete rest[k];
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
        const backward = d.includes(inA, inB);
        const forward = d.includes(inB, inA);
        out.push(
          ...d
            .diff(
              { raw: ra, doc: A.doc },
              { raw: rb, doc: B.doc },
              pointer(path, key),
            )
            .map(inner => ({
              ...inner,
              breaksBackward: inner.breaksBackward && !backward,
              breaksForward: inner.breaksForward && !forward,
            })),
        );
      }
    }
  }
  return out;
}
