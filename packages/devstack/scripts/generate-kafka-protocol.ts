/*
 * Development-time generator for the Kafka wire-protocol codecs.
 *
 * Reads the upstream message definitions (JSON with comments) from
 * `../shared/reference/kafka-protocol/` relative to the repository root and
 * writes version-aware TypeScript encoders/decoders to
 * `packages/devstack/src/kafka/protocol/generated/`.
 *
 * Run:  tsx packages/devstack/scripts/generate-kafka-protocol.ts
 *
 * The jest test `src/kafka/protocol/generated.test.ts` regenerates in memory
 * and compares against the committed files.
 */
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SPEC_DIR = path.resolve(
  REPO_ROOT,
  '../shared/reference/kafka-protocol',
);
export const OUT_DIR = path.resolve(__dirname, '../src/kafka/protocol/generated');
const SPEC_DISPLAY = '../shared/reference/kafka-protocol';

interface FieldSpec {
  name: string;
  type: string;
  versions?: string;
  nullableVersions?: string;
  flexibleVersions?: string;
  tag?: number;
  taggedVersions?: string;
  default?: string | number | boolean;
  fields?: FieldSpec[];
}

interface MessageSpec {
  apiKey?: number;
  type: string;
  name: string;
  validVersions: string;
  flexibleVersions: string;
  fields: FieldSpec[];
}

interface Range {
  min: number;
  max: number;
}

const MAX = 0x7fff;

/** Removes `//` comments (outside of strings) so JSON.parse can read the spec. */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[++i];
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

export function parseRange(s: string | undefined): Range | null {
  if (s === undefined || s === 'none') return null;
  if (s.endsWith('+')) return { min: Number(s.slice(0, -1)), max: MAX };
  const dash = s.indexOf('-');
  if (dash > 0) {
    return { min: Number(s.slice(0, dash)), max: Number(s.slice(dash + 1)) };
  }
  return { min: Number(s), max: Number(s) };
}

function intersect(a: Range | null, b: Range | null): Range | null {
  if (!a || !b) return null;
  const min = Math.max(a.min, b.min);
  const max = Math.min(a.max, b.max);
  return min <= max ? { min, max } : null;
}

/** A TS boolean expression testing `v` against a range, relative to the valid range. */
function cond(range: Range | null, valid: Range): string {
  const r = intersect(range, valid);
  if (!r) return 'false';
  const parts: string[] = [];
  if (r.min > valid.min) parts.push(`v >= ${r.min}`);
  if (r.max < valid.max) parts.push(`v <= ${r.max}`);
  return parts.length ? parts.join(' && ') : 'true';
}

const PRIMITIVES: Record<string, { ts: string; read: string; write: string; def: string }> = {
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

const NULLABLE_READS = new Set(['string', 'bytes', 'records']);

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

interface StructDef {
  tsName: string;
  fields: FieldSpec[];
  nested: Map<FieldSpec, string>;
}

class FileGen {
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
function markUnused(lines: string[], start: number): void {
  const body = lines.slice(start + 1).join('\n');
  if (!/\bv\b/.test(body)) lines.splice(start + 1, 0, '  void v;');
}

function header(sources: string[]): string {
  return [
    '// GENERATED FILE - DO NOT EDIT.',
    '// Generated by packages/devstack/scripts/generate-kafka-protocol.ts from the',
    `// Apache Kafka message definitions in ${SPEC_DISPLAY}/:`,
    ...sources.map(s => `//   ${s}`),
    '/* eslint-disable */',
    '',
  ].join('\n');
}

function loadSpec(specDir: string, file: string): MessageSpec {
  return JSON.parse(stripJsonComments(fs.readFileSync(path.join(specDir, file), 'utf8')));
}

interface ApiEntry {
  name: string;
  apiKey: number;
  file: string;
  valid: Range;
  flexible: Range | null;
}

function generateApi(req: MessageSpec, res: MessageSpec): { code: string; entry: ApiEntry } {
  const valid = parseRange(req.validVersions)!;
  const name = req.name.replace(/Request$/, '');
  const out: string[] = [
    header([`${req.name}.json`, `${res.name}.json`]),
    "import { Reader } from '../reader';",
    "import { Writer } from '../writer';",
    "import { EMPTY_BUFFER, ZERO_UUID, readArray, writeArray, writeTaggedFields } from '../codecRuntime';",
    '',
    'void EMPTY_BUFFER; void ZERO_UUID; void readArray; void writeArray; void writeTaggedFields;',
    '',
  ];
  const flexible = parseRange(req.flexibleVersions);
  out.push(`export const ${name}ApiKey = ${req.apiKey};`);
  out.push(`export const ${name}Versions = { min: ${valid.min}, max: ${valid.max}, flexibleMin: ${flexible ? flexible.min : -1} };`, '');
  // struct names must be unique across the request and response in one file
  const names = new Set<string>();
  for (const msg of [req, res]) {
    const gen = new FileGen(valid, msg.name, names);
    gen.registerStruct(msg.name, msg.fields);
    for (const s of gen.structs) out.push(gen.emitStruct(s));
    const flexCond = flexible ? cond(flexible, valid) : 'false';
    out.push(`export function decode${msg.name}(r: Reader, v: number): ${msg.name} {`);
    out.push(`  return read${msg.name}(r, v, ${flexCond});`, '}', '');
    out.push(`export function encode${msg.name}(w: Writer, v: number, m: ${msg.name}): void {`);
    out.push(`  write${msg.name}(w, v, ${flexCond}, m);`, '}', '');
  }
  let code = out.join('\n');
  if (code.includes('TaggedWrite[]')) {
    code = code.replace(
      "from '../codecRuntime';\n",
      "from '../codecRuntime';\nimport type { TaggedWrite } from '../codecRuntime';\n",
    );
  }
  return {
    code,
    entry: { name, apiKey: req.apiKey!, file: camel(name), valid, flexible },
  };
}

/** Generates all files; returns a map from file name (in OUT_DIR) to content. */
export function generateKafkaProtocol(specDir: string = SPEC_DIR): Map<string, string> {
  const files = new Map<string, string>();
  const requests = fs
    .readdirSync(specDir)
    .filter(f => f.endsWith('Request.json') && f !== 'RequestHeader.json')
    .sort();
  const entries: ApiEntry[] = [];
  for (const reqFile of requests) {
    const req = loadSpec(specDir, reqFile);
    const res = loadSpec(specDir, reqFile.replace(/Request\.json$/, 'Response.json'));
    const { code, entry } = generateApi(req, res);
    files.set(`${entry.file}.ts`, code);
    entries.push(entry);
  }
  entries.sort((a, b) => a.apiKey - b.apiKey);
  const idx: string[] = [header(requests.flatMap(r => [r, r.replace('Request', 'Response')])), "import { Reader } from '../reader';", "import { Writer } from '../writer';"];
  for (const e of entries) idx.push(`import * as ${e.file} from './${e.file}';`);
  idx.push('');
  idx.push('// Message types live in the per-API modules (e.g. ./metadata); import them from there.');
  idx.push('', 'export const ApiKeys = {');
  for (const e of entries) idx.push(`  ${e.name}: ${e.apiKey},`);
  idx.push('} as const;', '');
  idx.push('export interface ApiCodec {');
  idx.push('  name: string;', '  apiKey: number;', '  minVersion: number;', '  maxVersion: number;', '  /** first flexible version, -1 if none */', '  flexibleMin: number;');
  idx.push('  decodeRequest(r: Reader, v: number): any;', '  encodeRequest(w: Writer, v: number, m: any): void;');
  idx.push('  decodeResponse(r: Reader, v: number): any;', '  encodeResponse(w: Writer, v: number, m: any): void;', '}', '');
  idx.push('export const API_CODECS: Record<number, ApiCodec> = {');
  for (const e of entries) {
    idx.push(`  ${e.apiKey}: {`);
    idx.push(`    name: '${e.name}',`, `    apiKey: ${e.apiKey},`, `    minVersion: ${e.valid.min},`, `    maxVersion: ${e.valid.max},`, `    flexibleMin: ${e.flexible ? e.flexible.min : -1},`);
    idx.push(`    decodeRequest: ${e.file}.decode${e.name}Request,`, `    encodeRequest: ${e.file}.encode${e.name}Request,`);
    idx.push(`    decodeResponse: ${e.file}.decode${e.name}Response,`, `    encodeResponse: ${e.file}.encode${e.name}Response,`, '  },');
  }
  idx.push('};', '');
  files.set('index.ts', idx.join('\n'));
  // error codes
  const tsv = fs.readFileSync(path.join(specDir, 'error-codes.tsv'), 'utf8');
  const err: string[] = [header(['error-codes.tsv']), 'export const ErrorCode = {', '  NONE: 0,'];
  for (const line of tsv.split('\n')) {
    const [code, name] = line.split('\t');
    if (code && name && /^-?\d+$/.test(code)) err.push(`  ${name}: ${code},`);
  }
  err.push('} as const;', '', 'export type ErrorCodeName = keyof typeof ErrorCode;', '');
  files.set('errorCodes.ts', err.join('\n'));
  return files;
}

function main(): void {
  const files = generateKafkaProtocol();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const f of fs.readdirSync(OUT_DIR)) {
    if (f.endsWith('.ts') && !files.has(f)) fs.unlinkSync(path.join(OUT_DIR, f));
  }
  for (const [name, content] of files) {
    fs.writeFileSync(path.join(OUT_DIR, name), content);
  }
  process.stdout.write(`generated ${files.size} files in ${path.relative(REPO_ROOT, OUT_DIR)}\n`);
}

if (require.main === module) main();
