import {
  equal,
  isObject,
  Json,
  Schema,
  SchemaDocument,
} from './jsonSchemaModel';
import { Normal, diff, pointer, safeTest } from './jsonSchemaSupport';
import type { JsonSchemaDiffer } from './jsonSchema';
import { SchemaDifference } from './types';

/* Object keywords of the JSON Schema differ: properties, patternProperties, additionalProperties and dependencies. */

/** properties, patternProperties and additionalProperties. */
export function objectMembers(
  d: JsonSchemaDiffer,
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
          ...d.sub(
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
            !d.includes(old, now.node),
            !d.includes(now.node, old),
          ),
        );
      } else {
        const before = fallback(a, A.doc, name, viaPatterns);
        const added = { raw: pb[name], doc: B.doc };
        out.push(
          diff(
            at,
            `${label} "${name}" added; before, its values were checked by ${before.where}`,
            !d.includes(before.node, added),
            !d.includes(added, before.node),
          ),
        );
      }
    }
  }
  if (!equal(a.additionalProperties, b.additionalProperties)) {
    out.push(
      ...d.sub(
        { raw: a.additionalProperties ?? true, doc: A.doc },
        { raw: b.additionalProperties ?? true, doc: B.doc },
        pointer(path, 'additionalProperties'),
      ),
    );
  }
  return out;
}

export function dependencies(
  d: JsonSchemaDiffer,
  A: Normal,
  B: Normal,
  path: string,
): SchemaDifference[] {
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
        const before = new Set(la);
        const after = new Set(lb);
        const added = lb.filter(x => !before.has(x));
        const removed = la.filter(x => !after.has(x));
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
          ...d.sub(
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
