import {
  apicurioCases,
  apicurioDataAbsent,
  verdict,
} from './__testUtils__/apicurioCases';
import { diffJsonSchemas } from './jsonSchema';
import { SchemaParseError } from './types';

describe('JSON Schema compatibility', () => {
  const cases = apicurioCases('compat-jsonschema.json');
  if (cases) {
    it('reads all of Apicurio Registry’s JSON Schema cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(145);
    });

    it.each(cases.map(c => [c.id, c] as const))(
      'agrees with Apicurio’s test data: %s',
      (_id, c) => {
        const differences = diffJsonSchemas(
          JSON.stringify(c.original),
          JSON.stringify(c.updated),
        );
        expect(verdict(differences)).toBe(c.compatibility);
      },
    );
  } else {
    // Left out, and declared: the run lists it with the reason.
    apicurioDataAbsent("Apicurio's JSON Schema compatibility cases");
  }

  it('explains each change with a path and both directions', () => {
    const differences = diffJsonSchemas(
      JSON.stringify({
        type: 'object',
        properties: { amount: { type: 'number', minimum: 0 } },
        required: ['amount'],
      }),
      JSON.stringify({
        type: 'object',
        properties: {
          amount: { type: 'integer', minimum: 0 },
          note: { type: 'string' },
        },
        required: ['amount', 'note'],
      }),
    );
    expect(differences).toEqual(
      expect.arrayContaining([
        {
          path: '/properties/amount',
          change: 'type changed from number to integer',
          breaksBackward: true,
          breaksForward: false,
        },
        {
          path: '/properties/note',
          change: '"note" became required',
          breaksBackward: true,
          breaksForward: false,
        },
        {
          path: '/properties/note',
          change:
            'property "note" added; before, its values were checked by nothing (any value)',
          breaksBackward: true,
          breaksForward: false,
        },
      ]),
    );
  });

  it('follows recursive references without looping', () => {
    const list = (max: number) =>
      JSON.stringify({
        definitions: {
          Node: {
            type: 'object',
            properties: {
              value: { type: 'string', maxLength: max },
              next: { $ref: '#/definitions/Node' },
            },
          },
        },
        $ref: '#/definitions/Node',
      });
    expect(verdict(diffJsonSchemas(list(5), list(10)))).toBe('backward');
    expect(verdict(diffJsonSchemas(list(10), list(10)))).toBe('both');
  });

  it('refuses what is not a schema, saying why', () => {
    expect(() => diffJsonSchemas('{', '{}')).toThrow(SchemaParseError);
    expect(() =>
      diffJsonSchemas('{"$ref":"#/definitions/Missing"}', '{}'),
    ).toThrow('$ref #/definitions/Missing names nothing in the schema');
    expect(() => diffJsonSchemas('[1]', '{}')).toThrow('object or a boolean');
  });
});
