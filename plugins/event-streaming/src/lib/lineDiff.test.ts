import { lineDiff, normalizeSchemaText } from './lineDiff';

describe('lineDiff', () => {
  it('keeps common lines aligned and pairs removed with added lines', () => {
    const rows = lineDiff('a\nb\nc\nd', 'a\nB\nc\nd\ne');
    expect(rows.map(r => r.kind)).toEqual([
      'same',
      'changed',
      'same',
      'same',
      'added',
    ]);
    expect(rows[1]).toEqual({
      kind: 'changed',
      left: { number: 2, text: 'b' },
      right: { number: 2, text: 'B' },
    });
    expect(rows[4]).toEqual({ kind: 'added', right: { number: 5, text: 'e' } });
  });

  it('marks lines only on the left as removed', () => {
    const rows = lineDiff('a\nx\ny\nb', 'a\nb');
    expect(rows.map(r => r.kind)).toEqual([
      'same',
      'removed',
      'removed',
      'same',
    ]);
    expect(rows[3].right).toEqual({ number: 2, text: 'b' });
  });

  it('finds no change between equal texts', () => {
    expect(lineDiff('x\ny', 'x\ny').every(r => r.kind === 'same')).toBe(true);
  });
});

describe('normalizeSchemaText', () => {
  it('pretty-prints JSON so that white space does not show as a change', () => {
    expect(normalizeSchemaText('{"a":1}', 'AVRO')).toBe('{\n  "a": 1\n}');
    expect(normalizeSchemaText('not json', 'JSON')).toBe('not json');
    expect(normalizeSchemaText('syntax = "proto3";', 'PROTOBUF')).toBe(
      'syntax = "proto3";',
    );
  });
});
