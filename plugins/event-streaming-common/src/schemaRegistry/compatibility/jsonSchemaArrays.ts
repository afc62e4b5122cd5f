import { equal, Json, Schema } from './jsonSchemaModel';
import { Normal, diff, pointer } from './jsonSchemaSupport';
import type { JsonSchemaDiffer } from './jsonSchema';
import { SchemaDifference } from './types';

/* Array keywords of the JSON Schema differ: items, additionalItems and prefixItems. */

/** items (schema or tuple), additionalItems and prefixItems. */
export function arrayItems(
  d: JsonSchemaDiffer,
  A: Normal,
  B: Normal,
  path: string,
): SchemaDifference[] {
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
    return d.sub(
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
      out.push(...d.sub(ea, eb, at));
    } else {
      const removed = i >= wb.tuple.length;
      out.push(
        diff(
          at,
          removed
            ? `tuple position ${i} removed; it is now checked by ${wb.restKey}`
            : `tuple position ${i} added; before, it was checked by ${wa.restKey}`,
          !d.includes(ea, eb),
          !d.includes(eb, ea),
        ),
      );
    }
  }
  if (!equal(wa.rest, wb.rest)) {
    out.push(
      ...d.sub(
        { raw: wa.rest, doc: A.doc },
        { raw: wb.rest, doc: B.doc },
        pointer(path, wb.restKey),
      ),
    );
  }
  return out;
}
