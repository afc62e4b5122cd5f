import {
  AvroField,
  AvroRecord,
  AvroType,
  describeAvro,
  NamedAvroType,
  parseAvro,
  promotes,
} from './avroModel';
import { SchemaDifference } from './types';
import { spend } from './budget';

/**
 * Finished `canRead` answers per (reader, writer) node pair. Named types are
 * shared nodes, so a schema whose records refer to the next ones several
 * times is compared once per pair, not once per path. An answer that leaned
 * on a cycle assumption (a pair still open) is not kept, except `false`,
 * which assumptions cannot make wrong.
 */
const answers = new WeakMap<AvroType, WeakMap<AvroType, boolean>>();
let assumptions = 0;

/*
 * Avro compatibility follows Avro's schema resolution: data written with the
 * writer's schema is read with the reader's. BACKWARD means the next schema
 * reads data written with the previous one; FORWARD the reverse. Names match
 * by simple name or by the reader's aliases (as Avro's own
 * SchemaCompatibility does); numbers promote int → long → float → double,
 * and string and bytes read each other.
 */

/** Each field list's fields by name (the first of a name) with their position. */
const fieldIndexes = new WeakMap<
  AvroField[],
  Map<string, { field: AvroField; at: number }>
>();

function fieldIndex(fields: AvroField[]) {
  let index = fieldIndexes.get(fields);
  if (!index) {
    index = new Map();
    fields.forEach((field, at) => {
      if (!index!.has(field.name)) index!.set(field.name, { field, at });
    });
    fieldIndexes.set(fields, index);
  }
  return index;
}

/**
 * The writer's field a reader's field reads: the one of its name, else the
 * first (in the writer's order) named by one of its aliases. By index, so a
 * record of n fields costs n lookups, not n².
 */
function fieldMatch(
  reader: AvroField,
  writerFields: AvroField[],
): AvroField | undefined {
  const index = fieldIndex(writerFields);
  const direct = index.get(reader.name);
  if (direct) return direct.field;
  let first: { field: AvroField; at: number } | undefined;
  for (const alias of reader.aliases) {
    const found = index.get(alias);
    if (found && (!first || found.at < first.at)) first = found;
  }
  return first?.field;
}

function namesMatch(reader: NamedAvroType, writer: NamedAvroType): boolean {
  return (
    reader.name === writer.name || reader.aliases.includes(writer.fullName)
  );
}

/** Whether data written with `writer` can be read with `reader`. */
export function canRead(
  reader: AvroType,
  writer: AvroType,
  open: Set<string> = new Set(),
): boolean {
  const known = answers.get(reader)?.get(writer);
  if (known !== undefined) return known;
  spend();
  const before = assumptions;
  const answer = canReadOnce(reader, writer, open);
  if (!answer || assumptions === before) {
    let inner = answers.get(reader);
    if (!inner) answers.set(reader, (inner = new WeakMap()));
    inner.set(writer, answer);
  }
  return answer;
}

function canReadOnce(
  reader: AvroType,
  writer: AvroType,
  open: Set<string>,
): boolean {
  if (writer.kind === 'union') {
    return writer.branches.every(w => canRead(reader, w, open));
  }
  if (reader.kind === 'union') {
    return reader.branches.some(r => canRead(r, writer, open));
  }
  if (reader.kind === 'primitive' || writer.kind === 'primitive') {
    return (
      reader.kind === 'primitive' &&
      writer.kind === 'primitive' &&
      promotes(writer.name, reader.name)
    );
  }
  if (reader.kind !== writer.kind) return false;
  switch (reader.kind) {
    case 'array':
      return canRead(reader.items, (writer as typeof reader).items, open);
    case 'map':
      return canRead(reader.values, (writer as typeof reader).values, open);
    case 'fixed': {
      const w = writer as typeof reader;
      return namesMatch(reader, w) && reader.size === w.size;
    }
    case 'enum': {
      const w = writer as typeof reader;
      return (
        namesMatch(reader, w) &&
        (reader.default !== undefined ||
          w.symbols.every(s => reader.symbols.includes(s)))
      );
    }
    case 'record': {
      const w = writer as AvroRecord;
      if (!namesMatch(reader, w)) return false;
      const key = `${reader.fullName}\u0000${w.fullName}`;
      if (open.has(key)) {
        assumptions += 1;
        return true;
      }
      open.add(key);
      try {
        return reader.fields.every(f => {
          const wf = fieldMatch(f, w.fields);
          return wf ? canRead(f.type, wf.type, open) : f.hasDefault;
        });
      } finally {
        open.delete(key);
      }
    }
    default:
      return false;
  }
}

class AvroDiffer {
  private readonly open = new Set<string>();
  /** Record pairs already walked: their differences are reported once, at the first path. */
  private readonly walked = new Set<string>();
  readonly out: SchemaDifference[] = [];

  private push(
    path: string,
    change: string,
    previous: AvroType,
    next: AvroType,
  ) {
    this.out.push({
      path,
      change,
      breaksBackward: !canRead(next, previous),
      breaksForward: !canRead(previous, next),
    });
  }

  private add(
    path: string,
    change: string,
    breaksBackward: boolean,
    breaksForward: boolean,
  ) {
    this.out.push({ path, change, breaksBackward, breaksForward });
  }

  walk(a: AvroType, b: AvroType, path: string) {
    spend();
    if (a.kind === 'union' || b.kind === 'union') {
      this.unions(a, b, path);
      return;
    }
    if (
      a.kind !== b.kind ||
      (a.kind === 'primitive' && b.kind === 'primitive' && a.name !== b.name)
    ) {
      const promoted =
        a.kind === 'primitive' &&
        b.kind === 'primitive' &&
        promotes(a.name, b.name);
      this.push(
        path,
        `type changed from ${describeAvro(a)} to ${describeAvro(b)}${
          promoted ? ' (a promotion Avro allows for reading old data)' : ''
        }`,
        a,
        b,
      );
      return;
    }
    switch (a.kind) {
      case 'array':
        this.walk(a.items, (b as typeof a).items, `${path}[]`);
        return;
      case 'map':
        this.walk(a.values, (b as typeof a).values, `${path}{}`);
        return;
      case 'fixed': {
        const nb = b as typeof a;
        this.names(a, nb, path);
        if (a.size !== nb.size) {
          this.add(
            path,
            `fixed size changed from ${a.size} to ${nb.size} bytes`,
            true,
            true,
          );
        }
        return;
      }
      case 'enum': {
        const nb = b as typeof a;
        this.names(a, nb, path);
        const before = new Set(a.symbols);
        const after = new Set(nb.symbols);
        const added = nb.symbols.filter(s => !before.has(s));
        const removed = a.symbols.filter(s => !after.has(s));
        if (added.length) {
          this.add(
            path,
            `enum symbols added: ${added.join(', ')}${
              a.default !== undefined
                ? ` (old readers map them to the default ${a.default})`
                : '; old readers fail on them, as the old enum has no default'
            }`,
            false,
            a.default === undefined,
          );
        }
        if (removed.length) {
          this.add(
            path,
            `enum symbols removed: ${removed.join(', ')}${
              nb.default !== undefined
                ? ` (new readers map them to the default ${nb.default})`
                : '; new readers fail on old data that has them, as the new enum has no default'
            }`,
            nb.default === undefined,
            false,
          );
        }
        if (a.default !== nb.default) {
          this.add(
            path,
            `enum default changed from ${a.default ?? 'none'} to ${
              nb.default ?? 'none'
            }`,
            !canRead(nb, a),
            !canRead(a, nb),
          );
        }
        return;
      }
      case 'record':
        this.records(a, b as AvroRecord, path);
        return;
      default:
    }
  }

  private names(a: NamedAvroType, b: NamedAvroType, path: string) {
    if (a.name === b.name) return;
    this.add(
      path,
      `${a.kind} renamed from ${a.fullName} to ${b.fullName}${
        b.aliases.includes(a.fullName)
          ? ` (the new one lists ${a.fullName} as an alias)`
          : ''
      }`,
      !b.aliases.includes(a.fullName),
      !a.aliases.includes(b.fullName),
    );
  }

  private records(a: AvroRecord, b: AvroRecord, path: string) {
    const key = `${a.fullName}\u0000${b.fullName}`;
    if (this.open.has(key) || this.walked.has(key)) return;
    this.walked.add(key);
    this.open.add(key);
    try {
      const at = path || b.name;
      this.names(a, b, at);
      for (const nf of b.fields) {
        const of = fieldMatch(nf, a.fields);
        const fieldPath = `${at}.${nf.name}`;
        if (!of) {
          this.add(
            fieldPath,
            nf.hasDefault
              ? `field "${nf.name}" added with a default`
              : `field "${nf.name}" added without a default: new readers cannot fill it in old data`,
            !nf.hasDefault,
            false,
          );
          continue;
        }
        if (of.name !== nf.name) {
          this.add(
            fieldPath,
            `field "${of.name}" renamed to "${nf.name}" (alias kept)`,
            false,
            !fieldMatch(of, b.fields) && !of.hasDefault,
          );
        }
        if (of.hasDefault && !nf.hasDefault) {
          this.add(
            fieldPath,
            `default of field "${nf.name}" removed`,
            false,
            false,
          );
        }
        this.walk(of.type, nf.type, fieldPath);
      }
      const aliased = new Set(b.fields.flatMap(nf => nf.aliases));
      for (const of of a.fields) {
        if (fieldMatch(of, b.fields) || aliased.has(of.name)) continue;
        this.add(
          `${at}.${of.name}`,
          of.hasDefault
            ? `field "${of.name}" removed (old readers use its default)`
            : `field "${of.name}" removed: old readers need it and it has no default`,
          false,
          !of.hasDefault,
        );
      }
    } finally {
      this.open.delete(key);
    }
  }

  private unions(a: AvroType, b: AvroType, path: string) {
    const ba = a.kind === 'union' ? a.branches : [a];
    const bb = b.kind === 'union' ? b.branches : [b];
    const label = (t: AvroType) =>
      'fullName' in t ? t.fullName : describeAvro(t);
    if (a.kind !== b.kind) {
      this.push(
        path,
        `type changed from ${describeAvro(a)} to ${describeAvro(b)}`,
        a,
        b,
      );
    }
    // Branches by kind and name (the first of each), so that unions of n
    // branches cost n lookups, not n².
    const key = (t: AvroType) => `${t.kind} ${label(t)}`;
    const firstOf = (branches: AvroType[]) => {
      const index = new Map<string, AvroType>();
      for (const t of branches) if (!index.has(key(t))) index.set(key(t), t);
      return index;
    };
    const inA = firstOf(ba);
    const inB = firstOf(bb);
    for (const x of ba) {
      const y = inB.get(key(x));
      if (y) {
        this.walk(x, y, `${path}<${label(x)}>`);
      } else if (a.kind === 'union' && b.kind === 'union') {
        this.add(
          `${path}<${label(x)}>`,
          `union branch ${label(x)} removed`,
          !canRead(b, x),
          false,
        );
      }
    }
    for (const y of bb) {
      if (!inA.has(key(y)) && a.kind === 'union' && b.kind === 'union') {
        this.add(
          `${path}<${label(y)}>`,
          `union branch ${label(y)} added`,
          false,
          !canRead(a, y),
        );
      }
    }
  }
}

/** Every difference between two Avro schema texts. */
export function diffAvroSchemas(
  previous: string,
  next: string,
): SchemaDifference[] {
  const a = parseAvro(previous);
  const b = parseAvro(next);
  const differ = new AvroDiffer();
  differ.walk(a, b, '');
  // Structural differences explain; the verdict must also hold as a whole.
  const backward = canRead(b, a);
  const forward = canRead(a, b);
  const out = differ.out.map(d => ({
    ...d,
    path: d.path || '/',
    breaksBackward: d.breaksBackward && !backward,
    breaksForward: d.breaksForward && !forward,
  }));
  if (!backward && !out.some(d => d.breaksBackward)) {
    out.push({
      path: '/',
      change: 'the new schema cannot read data written with the previous one',
      breaksBackward: true,
      breaksForward: false,
    });
  }
  if (!forward && !out.some(d => d.breaksForward)) {
    out.push({
      path: '/',
      change: 'the previous schema cannot read data written with the new one',
      breaksBackward: false,
      breaksForward: true,
    });
  }
  return out;
}
