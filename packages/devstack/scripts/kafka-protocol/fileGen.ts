/*
 * Emits the TypeScript of one generated codec file: primitive reads and
 * writes, structs, and version conditions from the message definitions.
 */
import {
  FieldSpec,
  Range,
  parseRange,
  intersect,
  cond,
} from './spec';

export const PRIMITIVES: Record<string, { ts: string; read: string; write: string; def: string }> = {
  bool: { ts: 'boolean', read: 'r.bool()', write: 'w.bool(X)', def: 'false' },
  int8: { ts: 'number', read: 'r.int8()', write: 'w.int8(X)', def: '0' },
  int16: { ts: 'number', read: 'r.int16()', write: 'w.int16(X)', def: '0' },
  uint16: { ts: 'number', read: 'r.uint16()', write: 'w.int16(X)', def: '0' },
  int32: { ts: 'number', read: 'r.int32()', write: 'w.int32(X)', def: '0' },
  uint32: { ts: 'number', read: 'r.uint32()', write: 'w.uint32(X)', def: '0' },
  int64: { ts: 'number', read: 'r.int64()', write: 'w.int64(X)', def: '0' },
  float64: { ts: 'number', read: 'r.float64()', write: 'w.float64(X)', def: '0' },
  uuid: { ts: 'string', read: 'r.uuid()', write: 'w.uuid(X)', def: 'ZERO_UUID' },
  string: {
    ts: 'string',
    read: '(F ? r.compactString() : r.string())',
    write: '(F ? w.compactString(X) : w.string(X))',
    def: "''",
  },
  bytes: {
    ts: 'Buffer',
    read: '(F ? r.compactBytes() : r.bytes())',
    write: '(F ? w.compactBytes(X) : w.bytes(X))',
    def: 'EMPTY_BUFFER',
  },
  records: {
    ts: 'Buffer',
    read: '(F ? r.compactBytes() : r.bytes())',
    write: '(F ? w.compactBytes(X) : w.bytes(X))',
    def: 'null',
  },
};

export const NULLABLE_READS = new Set(['string', 'bytes', 'records']);

export function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export interface StructDef {
  tsName: string;
  fields: FieldSpec[];
  nested: Map<FieldSpec, string>;
}

export class FileGen {
  structs: StructDef[] = [];

  constructor(
    private readonly valid: Range,
    private readonly prefix: string,
    private readonly names: Set<string>,
  ) {}

  /** Registers nested structs depth-first and returns the TS name for a struct field. */
  registerStruct(specName: string, fields: FieldSpec[]): string {
    let tsName = specName;
    if (this.names.has(tsName)) tsName = `${this.prefix}${specName}`;
    this.names.add(tsName);
    const def: StructDef = { tsName, fields, nested: new Map() };
    this.structs.push(def);
    for (const f of fields) {
      if (f.fields) {
        const inner = f.type.startsWith('[]') ? f.type.slice(2) : f.type;
        def.nested.set(f, this.registerStruct(inner, f.fields));
      }
    }
    return tsName;
  }

  private fieldType(def: StructDef, f: FieldSpec): { ts: string; elem: string; isArray: boolean; struct?: string } {
    const isArray = f.type.startsWith('[]');
    const base = isArray ? f.type.slice(2) : f.type;
    const struct = def.nested.get(f);
    let elem: string;
    if (struct) elem = struct;
    else if (PRIMITIVES[base]) elem = PRIMITIVES[base].ts;
    else throw new Error(`unknown type ${f.type} for field ${f.name}`);
    let ts = isArray ? `${elem}[]` : elem;
    if (f.nullableVersions || base === 'records') ts += ' | null';
    return { ts, elem, isArray, struct };
  }

  private defaultExpr(def: StructDef, f: FieldSpec): string {
    const { isArray, struct } = this.fieldType(def, f);
    const base = isArray ? '' : f.type;
    if (f.default !== undefined) {
      const d = String(f.default);
      if (d === 'null') return 'null';
      if (base === 'string') return JSON.stringify(d);
      if (base === 'bool') return d === 'true' ? 'true' : 'false';
      if (PRIMITIVES[base]) return String(Number(d));
    }
    if (isArray) return '[]';
    if (struct) return 'undefined';
    return PRIMITIVES[base].def;
  }

  private readExpr(def: StructDef, f: FieldSpec, flex: string): string {
    const { isArray, struct } = this.fieldType(def, f);
    const base = isArray ? f.type.slice(2) : f.type;
    let elemRead: string;
    if (struct) elemRead = `read${struct}(r, v, ${flex})`;
    else {
      elemRead = PRIMITIVES[base].read.replace('F', flex);
      if (isArray && NULLABLE_READS.has(base)) elemRead += ` ?? ${PRIMITIVES[base].def}`;
    }
    if (isArray) {
      const e = `readArray(r, ${flex}, () => ${elemRead})`;
      return f.nullableVersions ? e : `${e} ?? []`;
    }
    if (NULLABLE_READS.has(base) && !f.nullableVersions && base !== 'records') {
      return `${elemRead} ?? ${PRIMITIVES[base].def}`;
    }
    return elemRead;
  }

  private writeStmt(def: StructDef, f: FieldSpec, flex: string, value: string, wv = 'w'): string {
    const { isArray, struct } = this.fieldType(def, f);
    const base = isArray ? f.type.slice(2) : f.type;
    const elemWrite = (x: string) =>
      struct
        ? `write${struct}(${wv}, v, ${flex}, ${x})`
        : PRIMITIVES[base].write.replace('F', flex).replace(/X/g, x).replace(/\bw\./g, `${wv}.`);
    if (isArray) {
      return `writeArray(${wv}, ${flex}, ${value}, e => ${elemWrite('e')});`;
    }
    return `${elemWrite(value)};`;
  }

  private isOptional(f: FieldSpec): boolean {
    const r = parseRange(f.versions);
    const covers = !!r && r.min <= this.valid.min && r.max >= this.valid.max;
    return !covers || f.tag !== undefined || f.default !== undefined || !!(f.fields && !f.type.startsWith('[]'));
  }

  emitStruct(def: StructDef): string {
    const lines: string[] = [];
    lines.push(`export interface ${def.tsName} {`);
    for (const f of def.fields) {
      lines.push(`  ${camel(f.name)}${this.isOptional(f) ? '?' : ''}: ${this.fieldType(def, f).ts};`);
    }
    lines.push('}', '');
    const tagged = def.fields
      .filter(f => f.tag !== undefined)
      .sort((a, b) => (a.tag as number) - (b.tag as number));
    // reader
    const readStart = lines.length;
    lines.push(`export function read${def.tsName}(r: Reader, v: number, flex: boolean): ${def.tsName} {`);
    lines.push(`  const m = {} as ${def.tsName};`);
    for (const f of def.fields) {
      const key = camel(f.name);
      const dflt = this.defaultExpr(def, f);
      if (f.tag !== undefined) {
        if (dflt !== 'undefined') lines.push(`  m.${key} = ${dflt};`);
        continue;
      }
      const c = cond(parseRange(f.versions), this.valid);
      const flex = f.flexibleVersions ? `(${cond(parseRange(f.flexibleVersions), this.valid)})` : 'flex';
      if (c === 'true') lines.push(`  m.${key} = ${this.readExpr(def, f, flex)};`);
      else if (c === 'false') {
        if (dflt !== 'undefined') lines.push(`  m.${key} = ${dflt};`);
      } else {
        lines.push(`  if (${c}) m.${key} = ${this.readExpr(def, f, flex)};`);
        if (dflt !== 'undefined') lines.push(`  else m.${key} = ${dflt};`);
      }
    }
    if (tagged.length === 0) {
      lines.push('  if (flex) r.skipTaggedFields();');
    } else {
      lines.push('  if (flex) {');
      lines.push('    const n = r.uvarint();');
      lines.push('    for (let i = 0; i < n; i++) {');
      lines.push('      const tag = r.uvarint();');
      lines.push('      const end = r.uvarint() + r.offset;');
      lines.push('      switch (tag) {');
      for (const f of tagged) {
        const c = cond(intersect(parseRange(f.versions), parseRange(f.taggedVersions)), this.valid);
        lines.push(`        case ${f.tag}:`);
        lines.push(`          if (${c}) m.${camel(f.name)} = ${this.readExpr(def, f, 'true')};`);
        lines.push('          break;');
      }
      lines.push('        default:');
      lines.push('          break;');
      lines.push('      }');
      lines.push('      r.offset = end;');
      lines.push('    }');
      lines.push('  }');
    }
    lines.push('  return m;', '}', '');
    markUnused(lines, readStart);
    // writer
    const writeStart = lines.length;
    lines.push(`export function write${def.tsName}(w: Writer, v: number, flex: boolean, m: ${def.tsName}): void {`);
    for (const f of def.fields) {
      if (f.tag !== undefined) continue;
      const key = camel(f.name);
      const dflt = this.defaultExpr(def, f);
      const value = this.isOptional(f) && dflt !== 'undefined' ? `(m.${key} ?? ${dflt})` : `m.${key}`;
      const c = cond(parseRange(f.versions), this.valid);
      const flex = f.flexibleVersions ? `(${cond(parseRange(f.flexibleVersions), this.valid)})` : 'flex';
      if (c === 'false') continue;
      const stmt = this.writeStmt(def, f, flex, value.startsWith('m.') && dflt === 'undefined' && this.isOptional(f) ? `${value}!` : value);
      lines.push(c === 'true' ? `  ${stmt}` : `  if (${c}) ${stmt}`);
    }
    if (tagged.length === 0) {
      lines.push('  if (flex) w.uvarint(0);');
    } else {
      lines.push('  if (flex) {');
      lines.push('    const tagged: TaggedWrite[] = [];');
      for (const f of tagged) {
        const key = camel(f.name);
        const c = cond(intersect(parseRange(f.versions), parseRange(f.taggedVersions)), this.valid);
        const dflt = this.defaultExpr(def, f);
        const { isArray } = this.fieldType(def, f);
        let present = `m.${key} !== undefined && m.${key} !== null`;
        if (isArray) present += ` && m.${key}.length > 0`;
        else if (dflt !== 'undefined' && dflt !== 'null') present += ` && m.${key} !== ${dflt}`;
        lines.push(`    if (${c === 'true' ? '' : `${c} && `}${present}) {`);
        lines.push(`      const x = m.${key};`);
        lines.push(`      tagged.push([${f.tag}, tw => ${this.writeStmt(def, f, 'true', 'x', 'tw').replace(/;$/, '')}]);`);
        lines.push('    }');
      }
      lines.push('    writeTaggedFields(w, tagged);');
      lines.push('  }');
    }
    lines.push('}', '');
    markUnused(lines, writeStart);
    return lines.join('\n');
  }
}

/** Adds `void v;` to a generated function whose body never reads the version. */
export function markUnused(lines: string[], start: number): void {
  const body = lines.slice(start + 1).join('\n');
  if (!/\bv\b/.test(body)) lines.splice(start + 1, 0, '  void v;');
}
