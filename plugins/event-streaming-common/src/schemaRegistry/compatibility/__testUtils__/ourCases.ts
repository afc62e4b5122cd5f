/**
 * Our own compatibility cases, one per rule, shared by the format tests and
 * by the oracle test against the real Apicurio Registry.
 */

export const record = (
  fields: unknown[],
  extra: Record<string, unknown> = {},
) =>
  JSON.stringify({
    type: 'record',
    name: 'Order',
    namespace: 'shop',
    fields,
    ...extra,
  });
export const field = (
  name: string,
  type: unknown,
  extra: Record<string, unknown> = {},
) => ({ name, type, ...extra });
const enumOf = (symbols: string[], extra: Record<string, unknown> = {}) => ({
  type: 'enum',
  name: 'Status',
  symbols,
  ...extra,
});

/** [rule, previous, next, expected verdict] */
export const AVRO_RULES: [string, string, string, string][] = [
  [
    'field added with a default',
    record([field('id', 'string')]),
    record([field('id', 'string'), field('note', 'string', { default: '' })]),
    'both',
  ],
  [
    'field added without a default',
    record([field('id', 'string')]),
    record([field('id', 'string'), field('note', 'string')]),
    'forward',
  ],
  [
    'field removed that had a default',
    record([field('id', 'string'), field('note', 'string', { default: '' })]),
    record([field('id', 'string')]),
    'both',
  ],
  [
    'field removed without a default',
    record([field('id', 'string'), field('note', 'string')]),
    record([field('id', 'string')]),
    'backward',
  ],
  [
    'int promoted to long',
    record([field('n', 'int')]),
    record([field('n', 'long')]),
    'backward',
  ],
  [
    'long narrowed to int',
    record([field('n', 'long')]),
    record([field('n', 'int')]),
    'forward',
  ],
  [
    'int promoted to double',
    record([field('n', 'int')]),
    record([field('n', 'double')]),
    'backward',
  ],
  [
    'float promoted to double',
    record([field('n', 'float')]),
    record([field('n', 'double')]),
    'backward',
  ],
  [
    'string to bytes',
    record([field('s', 'string')]),
    record([field('s', 'bytes')]),
    'both',
  ],
  [
    'string to int',
    record([field('s', 'string')]),
    record([field('s', 'int')]),
    'none',
  ],
  [
    'enum symbol added, no default',
    record([field('status', enumOf(['NEW', 'PAID']))]),
    record([field('status', enumOf(['NEW', 'PAID', 'SHIPPED']))]),
    'backward',
  ],
  [
    'enum symbol added, old enum has a default',
    record([field('status', enumOf(['NEW', 'PAID'], { default: 'NEW' }))]),
    record([
      field('status', enumOf(['NEW', 'PAID', 'SHIPPED'], { default: 'NEW' })),
    ]),
    'both',
  ],
  [
    'enum symbol removed',
    record([field('status', enumOf(['NEW', 'PAID']))]),
    record([field('status', enumOf(['NEW']))]),
    'forward',
  ],
  [
    'union branch added',
    record([field('x', ['null', 'string'])]),
    record([field('x', ['null', 'string', 'int'])]),
    'backward',
  ],
  [
    'union branch removed',
    record([field('x', ['null', 'string', 'int'])]),
    record([field('x', ['null', 'string'])]),
    'forward',
  ],
  [
    'type widened to a union that holds it',
    record([field('x', 'string')]),
    record([field('x', ['null', 'string'])]),
    'backward',
  ],
  [
    'fixed size changed',
    record([field('h', { type: 'fixed', name: 'Hash', size: 16 })]),
    record([field('h', { type: 'fixed', name: 'Hash', size: 32 })]),
    'none',
  ],
  [
    'fixed unchanged',
    record([field('h', { type: 'fixed', name: 'Hash', size: 16 })]),
    record([field('h', { type: 'fixed', name: 'Hash', size: 16 })]),
    'both',
  ],
  [
    'record renamed',
    record([field('id', 'string')]),
    record([field('id', 'string')], { name: 'Purchase' }),
    'none',
  ],
  [
    'record renamed with an alias for the old name',
    record([field('id', 'string')]),
    record([field('id', 'string')], { name: 'Purchase', aliases: ['Order'] }),
    'backward',
  ],
  [
    'field renamed with an alias',
    record([field('amount', 'long')]),
    record([field('amount_cents', 'long', { aliases: ['amount'] })]),
    'backward',
  ],
  [
    'array items promoted',
    record([field('xs', { type: 'array', items: 'int' })]),
    record([field('xs', { type: 'array', items: 'long' })]),
    'backward',
  ],
  [
    'map values changed',
    record([field('m', { type: 'map', values: 'string' })]),
    record([field('m', { type: 'map', values: 'int' })]),
    'none',
  ],
  [
    'named type reused by reference',
    record([field('a', enumOf(['X'])), field('b', 'Status')]),
    record([field('a', enumOf(['X', 'Y'])), field('b', 'Status')]),
    'backward',
  ],
  [
    'recursive record unchanged',
    JSON.stringify({
      type: 'record',
      name: 'Node',
      fields: [field('v', 'int'), field('next', ['null', 'Node'])],
    }),
    JSON.stringify({
      type: 'record',
      name: 'Node',
      fields: [field('v', 'int'), field('next', ['null', 'Node'])],
    }),
    'both',
  ],
  [
    'recursive record, field promoted',
    JSON.stringify({
      type: 'record',
      name: 'Node',
      fields: [field('v', 'int'), field('next', ['null', 'Node'])],
    }),
    JSON.stringify({
      type: 'record',
      name: 'Node',
      fields: [field('v', 'long'), field('next', ['null', 'Node'])],
    }),
    'backward',
  ],
];

const proto = (body: string) => `syntax = "proto3";\npackage shop;\n${body}`;
export const PROTO_ORDER = proto(`
message Order { string id = 1; int64 amount = 2; Status status = 3; }
enum Status { NEW = 0; PAID = 1; }
service Orders { rpc Get (Order) returns (Order); }
`);

/** [rule, next (compared with PROTO_ORDER), expected verdict] */
export const PROTOBUF_RULES: [string, string, string][] = [
  [
    'adding a field',
    PROTO_ORDER.replace(
      'Status status = 3;',
      'Status status = 3; string note = 4;',
    ),
    'backward',
  ],
  [
    'adding a message',
    `${PROTO_ORDER}\nmessage Refund { string id = 1; }`,
    'backward',
  ],
  [
    'adding an enum value',
    PROTO_ORDER.replace('PAID = 1;', 'PAID = 1; SHIPPED = 2;'),
    'backward',
  ],
  [
    'adding an rpc',
    PROTO_ORDER.replace(
      'returns (Order);',
      'returns (Order); rpc Put (Order) returns (Order);',
    ),
    'backward',
  ],
  [
    'removing a field without reserving it',
    PROTO_ORDER.replace('int64 amount = 2;', ''),
    'forward',
  ],
  [
    'removing a field, reserving only its number',
    PROTO_ORDER.replace('int64 amount = 2;', 'reserved 2;'),
    'none',
  ],
  [
    'removing a field, reserving its number and name',
    PROTO_ORDER.replace('int64 amount = 2;', 'reserved 2; reserved "amount";'),
    'backward',
  ],
  [
    'changing a field’s type',
    PROTO_ORDER.replace('int64 amount = 2;', 'string amount = 2;'),
    'none',
  ],
  [
    'changing a field’s number',
    PROTO_ORDER.replace('int64 amount = 2;', 'int64 amount = 5;'),
    'none',
  ],
  [
    'changing a field’s name',
    PROTO_ORDER.replace('int64 amount = 2;', 'int64 total = 2;'),
    'none',
  ],
  [
    'making a field repeated',
    PROTO_ORDER.replace('int64 amount = 2;', 'repeated int64 amount = 2;'),
    'none',
  ],
  [
    'removing an rpc',
    PROTO_ORDER.replace('rpc Get (Order) returns (Order);', ''),
    'forward',
  ],
  [
    'changing an rpc’s response type',
    `${PROTO_ORDER.replace(
      'returns (Order);',
      'returns (Receipt);',
    )}\nmessage Receipt { string id = 1; }`,
    'none',
  ],
  [
    'removing an enum value without reserving it',
    PROTO_ORDER.replace('PAID = 1;', ''),
    'forward',
  ],
  [
    'removing an enum value, reserving it',
    PROTO_ORDER.replace('PAID = 1;', 'reserved 1; reserved "PAID";'),
    'backward',
  ],
];
