import * as protobuf from 'protobufjs';
import { SchemaDifference, SchemaParseError } from './types';

/*
 * Protobuf compatibility: the wire format names fields by number, so a change
 * breaks when a number changes meaning. These changes from one version to
 * the next break (see diffProtobufSchemas for the two directions): removing a
 * field without reserving its number and name; changing a field's type,
 * number, name or label; reusing a reserved number or name; removing an rpc or
 * changing its request, response or streaming; removing an enum value without
 * reserving it. Adding fields, messages, enum values and rpcs is compatible.
 */

interface Flat {
  messages: Map<string, protobuf.Type>;
  enums: Map<string, protobuf.Enum>;
  services: Map<string, protobuf.Service>;
}

function parseProto(text: string): Flat {
  let root: protobuf.Root;
  try {
    root = protobuf.parse(text, { keepCase: true }).root;
  } catch (error) {
    throw new SchemaParseError(
      `not a valid .proto file: ${(error as Error).message}`,
    );
  }
  const flat: Flat = {
    messages: new Map(),
    enums: new Map(),
    services: new Map(),
  };
  const visit = (ns: protobuf.NamespaceBase) => {
    for (const nested of ns.nestedArray) {
      const name = nested.fullName.replace(/^\./, '');
      if (nested instanceof protobuf.Type) flat.messages.set(name, nested);
      else if (nested instanceof protobuf.Enum) flat.enums.set(name, nested);
      else if (nested instanceof protobuf.Service)
        flat.services.set(name, nested);
      if (
        nested instanceof protobuf.Namespace ||
        nested instanceof protobuf.Type
      ) {
        visit(nested as protobuf.NamespaceBase);
      }
    }
  };
  visit(root);
  return flat;
}

type Reserved = Array<number[] | string> | undefined;

function reservesNumber(reserved: Reserved, n: number): boolean {
  return (reserved ?? []).some(r => Array.isArray(r) && n >= r[0] && n <= r[1]);
}

function reservesName(reserved: Reserved, name: string): boolean {
  return (reserved ?? []).some(r => r === name);
}

function fieldType(f: protobuf.Field): string {
  const map = f as unknown as Partial<protobuf.MapField>;
  const type = map.keyType ? `map<${map.keyType}, ${f.type}>` : f.type;
  return `${f.repeated && !map.keyType ? 'repeated ' : ''}${type}`;
}

/** A change that breaks the rules going from one version to the next. */
function breaks(path: string, change: string): SchemaDifference {
  return { path, change, breaksBackward: true, breaksForward: false };
}

function fine(path: string, change: string): SchemaDifference {
  return { path, change, breaksBackward: false, breaksForward: false };
}

function diffMessage(
  name: string,
  a: protobuf.Type,
  b: protobuf.Type,
): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const byNumberB = new Map(b.fieldsArray.map(f => [f.id, f]));
  const byNumberA = new Map(a.fieldsArray.map(f => [f.id, f]));
  const byNameA = new Set(a.fieldsArray.map(f => f.name));
  const byNameB = new Map(
    [...b.fieldsArray].reverse().map(f => [f.name, f] as const),
  );
  for (const fa of a.fieldsArray) {
    const path = `${name}.${fa.name}`;
    const fb = byNumberB.get(fa.id);
    if (!fb) {
      const moved = byNameB.get(fa.name);
      if (moved) {
        out.push(
          breaks(
            path,
            `field "${fa.name}" changed number from ${fa.id} to ${moved.id}`,
          ),
        );
      } else if (
        reservesNumber(b.reserved, fa.id) &&
        reservesName(b.reserved, fa.name)
      ) {
        out.push(
          fine(
            path,
            `field "${fa.name}" (${fa.id}) removed; its number and name are reserved`,
          ),
        );
      } else {
        const missing = [
          reservesNumber(b.reserved, fa.id) ? '' : `number ${fa.id}`,
          reservesName(b.reserved, fa.name) ? '' : `name "${fa.name}"`,
        ].filter(Boolean);
        out.push(
          breaks(
            path,
            `field "${fa.name}" (${
              fa.id
            }) removed without reserving its ${missing.join(' and ')}`,
          ),
        );
      }
      continue;
    }
    if (fb.name !== fa.name) {
      out.push(
        breaks(
          path,
          `field ${fa.id} renamed from "${fa.name}" to "${fb.name}"`,
        ),
      );
    }
    if (fieldType(fa) !== fieldType(fb)) {
      out.push(
        breaks(
          path,
          `field "${fa.name}" (${fa.id}) changed type from ${fieldType(
            fa,
          )} to ${fieldType(fb)}`,
        ),
      );
    }
  }
  for (const fb of b.fieldsArray) {
    if (byNumberA.has(fb.id) || byNameA.has(fb.name)) continue;
    const path = `${name}.${fb.name}`;
    if (
      reservesNumber(a.reserved, fb.id) ||
      reservesName(a.reserved, fb.name)
    ) {
      out.push(
        breaks(
          path,
          `field "${fb.name}" (${fb.id}) reuses a reserved ${
            reservesNumber(a.reserved, fb.id)
              ? `number ${fb.id}`
              : `name "${fb.name}"`
          }`,
        ),
      );
    } else {
      out.push(fine(path, `field "${fb.name}" (${fb.id}) added`));
    }
  }
  return out;
}

function diffEnum(
  name: string,
  a: protobuf.Enum,
  b: protobuf.Enum,
): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const namesB = new Map(Object.entries(b.values).map(([k, v]) => [v, k]));
  const namesA = new Map(Object.entries(a.values).map(([k, v]) => [v, k]));
  for (const [value, number] of Object.entries(a.values)) {
    const path = `${name}.${value}`;
    const now = namesB.get(number);
    if (now === undefined) {
      if (
        reservesNumber(b.reserved, number) &&
        reservesName(b.reserved, value)
      ) {
        out.push(
          fine(
            path,
            `enum value ${value} = ${number} removed; its number and name are reserved`,
          ),
        );
      } else {
        out.push(
          breaks(
            path,
            `enum value ${value} = ${number} removed without reserving it`,
          ),
        );
      }
    } else if (now !== value) {
      out.push(
        breaks(path, `enum value ${number} renamed from ${value} to ${now}`),
      );
    }
  }
  for (const [value, number] of Object.entries(b.values)) {
    if (namesA.has(number)) continue;
    const path = `${name}.${value}`;
    out.push(
      reservesNumber(a.reserved, number) || reservesName(a.reserved, value)
        ? breaks(
            path,
            `enum value ${value} = ${number} reuses a reserved number or name`,
          )
        : fine(path, `enum value ${value} = ${number} added`),
    );
  }
  return out;
}

function diffService(
  name: string,
  a: protobuf.Service,
  b: protobuf.Service,
): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const sig = (m: protobuf.Method) =>
    `(${m.requestStream ? 'stream ' : ''}${m.requestType}) returns (${
      m.responseStream ? 'stream ' : ''
    }${m.responseType})`;
  for (const ma of a.methodsArray) {
    const mb = b.methods[ma.name];
    const path = `${name}.${ma.name}`;
    if (!mb) out.push(breaks(path, `rpc ${ma.name} removed`));
    else if (sig(ma) !== sig(mb))
      out.push(
        breaks(path, `rpc ${ma.name} changed from ${sig(ma)} to ${sig(mb)}`),
      );
  }
  for (const mb of b.methodsArray) {
    if (!a.methods[mb.name])
      out.push(fine(`${name}.${mb.name}`, `rpc ${mb.name} added`));
  }
  return out;
}

/** Every difference between two .proto texts. */
function evolve(a: Flat, b: Flat): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  for (const [name, ma] of a.messages) {
    const mb = b.messages.get(name);
    if (mb) out.push(...diffMessage(name, ma, mb));
    else out.push(breaks(name, `message ${name} removed`));
  }
  for (const name of b.messages.keys()) {
    if (!a.messages.has(name)) out.push(fine(name, `message ${name} added`));
  }
  for (const [name, ea] of a.enums) {
    const eb = b.enums.get(name);
    if (eb) out.push(...diffEnum(name, ea, eb));
    else out.push(breaks(name, `enum ${name} removed`));
  }
  for (const name of b.enums.keys()) {
    if (!a.enums.has(name)) out.push(fine(name, `enum ${name} added`));
  }
  for (const [name, sa] of a.services) {
    const sb = b.services.get(name);
    if (sb) out.push(...diffService(name, sa, sb));
    else out.push(breaks(name, `service ${name} removed`));
  }
  for (const name of b.services.keys()) {
    if (!a.services.has(name)) out.push(fine(name, `service ${name} added`));
  }
  return out;
}

/**
 * Every difference between two .proto texts. The rules above judge a change
 * from one version to the next; as in Apicurio Registry, BACKWARD applies
 * them from the previous version to the next, and FORWARD from the next back
 * to the previous (so adding a field the previous version does not reserve
 * breaks FORWARD: going back, it is a field removed without reserving it).
 */
export function diffProtobufSchemas(
  previous: string,
  next: string,
): SchemaDifference[] {
  const a = parseProto(previous);
  const b = parseProto(next);
  const out = evolve(a, b);
  for (const back of evolve(b, a).filter(d => d.breaksBackward)) {
    const same = out.find(d => d.path === back.path);
    if (same && same.breaksBackward) {
      same.breaksForward = true;
    } else if (same) {
      same.breaksForward = true;
      same.change = `${same.change}; going back to the previous version: ${back.change}`;
    } else {
      out.push({
        path: back.path,
        change: `going back to the previous version: ${back.change}`,
        breaksBackward: false,
        breaksForward: true,
      });
    }
  }
  return out;
}
