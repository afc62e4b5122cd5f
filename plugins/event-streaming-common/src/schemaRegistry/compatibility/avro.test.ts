import {
  apicurioCases,
  apicurioDataAbsent,
  verdict,
} from './__testUtils__/apicurioCases';
import { diffAvroSchemas } from './avro';
import { SchemaParseError } from './types';
import { AVRO_RULES, field, record } from './__testUtils__/ourCases';

describe('Avro compatibility', () => {
  const cases = apicurioCases('compat-avro.json');
  if (cases) {
    it.each(cases.map(c => [c.id, c] as const))(
      'agrees with Apicurio’s test data: %s',
      (_id, c) => {
        expect(
          verdict(
            diffAvroSchemas(
              JSON.stringify(c.original),
              JSON.stringify(c.updated),
            ),
          ),
        ).toBe(c.compatibility);
      },
    );
  } else {
    // Left out, and declared: the run lists it with the reason.
    apicurioDataAbsent("Apicurio's Avro compatibility cases");
  }

  it.each(AVRO_RULES)('%s', (_rule, previous, next, expected) => {
    expect(verdict(diffAvroSchemas(previous, next))).toBe(expected);
  });

  it('says where and what, by field path', () => {
    const previous = record([
      field('customer', {
        type: 'record',
        name: 'Customer',
        fields: [field('name', 'string'), field('age', 'int')],
      }),
    ]);
    const next = record([
      field('customer', {
        type: 'record',
        name: 'Customer',
        fields: [field('name', 'string'), field('age', 'string')],
      }),
    ]);
    expect(diffAvroSchemas(previous, next)).toEqual([
      {
        path: 'Order.customer.age',
        change: 'type changed from int to string',
        breaksBackward: true,
        breaksForward: true,
      },
    ]);
  });

  it('refuses a schema it cannot parse, saying where', () => {
    expect(() =>
      diffAvroSchemas(record([field('x', 'Money')]), record([])),
    ).toThrow(new SchemaParseError('shop.Order.x: unknown type "Money"'));
    expect(() =>
      diffAvroSchemas('{"type":"record","name":"A"}', '"string"'),
    ).toThrow('a record needs "fields"');
  });
});
