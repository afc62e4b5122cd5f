import { verdict } from './__testUtils__/apicurioCases';
import { diffProtobufSchemas } from './protobuf';
import { PROTOBUF_RULES, PROTO_ORDER as ORDER } from './__testUtils__/ourCases';

describe('Protobuf compatibility', () => {
  it.each(PROTOBUF_RULES)('%s', (_rule, next, expected) => {
    expect(verdict(diffProtobufSchemas(ORDER, next))).toBe(expected);
  });

  it('reports reuse of a reserved number or name', () => {
    const reserved = ORDER.replace(
      'int64 amount = 2;',
      'reserved 2; reserved "amount";',
    );
    const reused = ORDER.replace('int64 amount = 2;', 'string amount = 2;');
    expect(diffProtobufSchemas(reserved, reused)).toEqual([
      {
        path: 'shop.Order.amount',
        change: 'field "amount" (2) reuses a reserved number 2',
        breaksBackward: true,
        breaksForward: false,
      },
    ]);
  });

  it('refuses text that is not a .proto file', () => {
    expect(() => diffProtobufSchemas('message {', ORDER)).toThrow(
      'not a valid .proto file',
    );
  });
});
