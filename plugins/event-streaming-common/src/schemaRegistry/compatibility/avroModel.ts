import { SchemaParseError } from './types';

/** A parsed Avro schema: named types are shared objects, so recursion works. */
export type AvroType =
  | { kind: 'primitive'; name: string }
  | AvroRecord
  | {
      kind: 'enum';
      name: string;
      fullName: string;
      aliases: string[];
      symbols: string[];
      default?: string;
    }
  | {
      kind: 'fixed';
      name: string;
      fullName: string;
      aliases: string[];
      size: number;
    }
  | { kind: 'array'; items: AvroType }
  | { kind: 'map'; values: AvroType }
  | { kind: 'union'; branches: AvroType[] };

export interface AvroRecord {
  kind: 'record';
  name: string;
  fullName: string;
  aliases: string[];
  fields: AvroField[];
}

export interface AvroField {
  name: string;
  aliases: string[];
  type: AvroType;
  hasDefault: boolean;
}

export type NamedAvroType = Extract<AvroType, { fullName: string }>;

const PRIMITIVES = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

/** Writer primitive → reader primitives that can read it (Avro's promotions). */
const PROMOTIONS: Record<string, string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

export function promotes(writer: string, reader: string): boolean {
  return writer === reader || (PROMOTIONS[writer] ?? []).includes(reader);
}

function fullNameOf(name: string, namespace: string | undefined): string {
  if (name.includes('.')) return name;
  return namespace ? `${namespace}.${name}` : name;
}

function namespaceOf(fullName: string): string | undefined {
  const i = fullName.lastIndexOf('.');
  return i < 0 ? undefined : fullName.slice(0, i);
}

function simpleName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

class AvroParser {
  private readonly named = new Map<string, NamedAvroType>();

  parse(json: unknown, namespace: string | undefined, where: string): AvroType {
    if (typeof json === 'string') return this.reference(json, namespace, where);
    if (Array.isArray(json)) {
      return {
        kind: 'union',
        branches: json.map((b, i) =>
          this.parse(b, namespace, `${where}[${i}]`),
        ),
      };
    }
    if (typeof json !== 'object' || json === null) {
      throw new SchemaParseError(
        `${where || 'schema'}: ${JSON.stringify(json)} is not an Avro type`,
      );
    }
    const o = json as Record<string, unknown>;
    const type = o.type;
    if (
      typeof type !== 'string' &&
      !Array.isArray(type) &&
      typeof type !== 'object'
    ) {
      throw new SchemaParseError(
        `${where || 'schema'}: a type object needs "type"`,
      );
    }
    if (typeof type !== 'string') return this.parse(type, namespace, where);
    switch (type) {
      case 'record':
      case 'error': {
        const named = this.declare(o, namespace, where) as AvroRecord;
        const ns = namespaceOf(named.fullName);
        if (!Array.isArray(o.fields)) {
          throw new SchemaParseError(
            `${named.fullName}: a record needs "fields"`,
          );
        }
        const seen = new Set<string>();
        for (const f of o.fields as Record<string, unknown>[]) {
          if (typeof f?.name !== 'string') {
            throw new SchemaParseError(
              `${named.fullName}: a field needs a "name"`,
            );
          }
          if (seen.has(f.name)) {
            throw new SchemaParseError(
              `${named.fullName}: field "${f.name}" appears twice`,
            );
          }
          seen.add(f.name);
          named.fields.push({
            name: f.name,
            aliases: Array.isArray(f.aliases) ? (f.aliases as string[]) : [],
            type: this.parse(f.type, ns, `${named.fullName}.${f.name}`),
            hasDefault: 'default' in f,
          });
        }
        return named;
      }
      case 'enum': {
        if (!Array.isArray(o.symbols)) {
          throw new SchemaParseError(
            `${where || 'schema'}: an enum needs "symbols"`,
          );
        }
        const named = this.declare(o, namespace, where);
        return named;
      }
      case 'fixed': {
        if (typeof o.size !== 'number') {
          throw new SchemaParseError(
            `${where || 'schema'}: a fixed needs a numeric "size"`,
          );
        }
        return this.declare(o, namespace, where);
      }
      case 'array':
        return {
          kind: 'array',
          items: this.parse(o.items, namespace, `${where}[]`),
        };
      case 'map':
        return {
          kind: 'map',
          values: this.parse(o.values, namespace, `${where}{}`),
        };
      default:
        return this.reference(type, namespace, where);
    }
  }

  private reference(
    name: string,
    namespace: string | undefined,
    where: string,
  ): AvroType {
    if (PRIMITIVES.has(name)) return { kind: 'primitive', name };
    const found =
      this.named.get(fullNameOf(name, namespace)) ?? this.named.get(name);
    if (!found) {
      throw new SchemaParseError(
        `${where || 'schema'}: unknown type "${name}"`,
      );
    }
    return found;
  }

  private declare(
    o: Record<string, unknown>,
    namespace: string | undefined,
    where: string,
  ): NamedAvroType {
    if (typeof o.name !== 'string' || !o.name) {
      throw new SchemaParseError(
        `${where || 'schema'}: a ${o.type} needs a "name"`,
      );
    }
    const ns =
      typeof o.namespace === 'string' && !o.name.includes('.')
        ? o.namespace || undefined
        : namespace;
    const fullName = fullNameOf(o.name, ns);
    if (this.named.has(fullName)) {
      throw new SchemaParseError(`${fullName} is defined twice`);
    }
    const aliasNs = namespaceOf(fullName);
    const aliases = Array.isArray(o.aliases)
      ? (o.aliases as string[]).map(a => fullNameOf(a, aliasNs))
      : [];
    const base = { name: simpleName(fullName), fullName, aliases };
    let named: NamedAvroType;
    if (o.type === 'enum') {
      named = {
        kind: 'enum',
        ...base,
        symbols: o.symbols as string[],
        ...(typeof o.default === 'string' ? { default: o.default } : {}),
      };
    } else if (o.type === 'fixed') {
      named = { kind: 'fixed', ...base, size: o.size as number };
    } else {
      named = { kind: 'record', ...base, fields: [] };
    }
    this.named.set(fullName, named);
    return named;
  }
}

export function parseAvro(text: string): AvroType {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SchemaParseError(`not valid JSON: ${(error as Error).message}`);
  }
  return new AvroParser().parse(json, undefined, '');
}

/** A short name for a type in messages. */
export function describeAvro(t: AvroType): string {
  switch (t.kind) {
    case 'primitive':
      return t.name;
    case 'array':
      return `array<${describeAvro(t.items)}>`;
    case 'map':
      return `map<${describeAvro(t.values)}>`;
    case 'union':
      return `union [${t.branches.map(describeAvro).join(', ')}]`;
    default:
      return `${t.kind} ${t.fullName}`;
  }
}
