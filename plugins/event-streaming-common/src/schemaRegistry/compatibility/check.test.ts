import { checkCompatibility } from './check';
import { cloudEventsEnvelopeProblems } from './cloudEvents';
import { SchemaParseError } from './types';

const str = (maxLength: number) =>
  JSON.stringify({ type: 'string', maxLength });

describe('checkCompatibility', () => {
  it('judges each mode by the directions it needs', () => {
    const existing = [str(10)];
    const wider = str(20);
    const verdicts = Object.fromEntries(
      (['BACKWARD', 'FORWARD', 'FULL', 'NONE'] as const).map(mode => [
        mode,
        checkCompatibility({ format: 'JSON', mode, existing, candidate: wider })
          .compatible,
      ]),
    );
    expect(verdicts).toEqual({
      BACKWARD: true,
      FORWARD: false,
      FULL: false,
      NONE: true,
    });
  });

  it('compares with the latest version only, or with all of them when transitive', () => {
    // v1 allowed 20 characters, v2 10; the candidate allows 15.
    const input = {
      format: 'JSON' as const,
      existing: [str(20), str(10)],
      candidate: str(15),
    };
    const latest = checkCompatibility({ ...input, mode: 'BACKWARD' });
    const all = checkCompatibility({ ...input, mode: 'BACKWARD_TRANSITIVE' });
    expect(latest.compatible).toBe(true);
    expect(all.compatible).toBe(false);
    expect(all.differences.filter(d => d.breaking)).toEqual([
      {
        path: '/',
        change: 'maxLength lowered from 20 to 15',
        breaksBackward: true,
        breaksForward: false,
        against: 1,
        breaking: true,
      },
    ]);
    expect(all.summary).toBe(
      'Not compatible with 2 versions under BACKWARD_TRANSITIVE: 1 breaking change.',
    );
  });

  it('numbers the versions it was given when only the latest ones are passed', () => {
    const report = checkCompatibility({
      format: 'JSON',
      mode: 'BACKWARD',
      existing: [str(10)],
      candidate: str(5),
      latestVersion: 4,
    });
    expect(report.differences.map(d => d.against)).toEqual([4]);
    expect(report.summary).toBe(
      'Not compatible with version 4 under BACKWARD: 1 breaking change.',
    );
  });

  it('lists the differences under NONE but accepts them', () => {
    const report = checkCompatibility({
      format: 'JSON',
      mode: 'NONE',
      existing: [str(20)],
      candidate: str(5),
    });
    expect(report).toMatchObject({
      compatible: true,
      summary: 'Mode NONE accepts every change (1 difference from version 1).',
    });
    expect(report.differences[0]).toMatchObject({
      breaksBackward: true,
      breaking: false,
    });
  });

  it('accepts a first version, after parsing it', () => {
    expect(
      checkCompatibility({
        format: 'AVRO',
        mode: 'FULL',
        existing: [],
        candidate: '"string"',
      }),
    ).toMatchObject({
      compatible: true,
      differences: [],
      summary: 'First version: nothing to compare with.',
    });
    expect(() =>
      checkCompatibility({
        format: 'AVRO',
        mode: 'FULL',
        existing: [],
        candidate: '"Money"',
      }),
    ).toThrow(SchemaParseError);
  });

  it('checks CloudEvents artifacts as JSON Schema', () => {
    const envelope = (data: unknown) =>
      JSON.stringify({
        type: 'object',
        properties: {
          specversion: { const: '1.0' },
          id: { type: 'string' },
          source: { type: 'string' },
          type: { type: 'string' },
          data,
        },
        required: ['specversion', 'id', 'source', 'type'],
      });
    const report = checkCompatibility({
      format: 'CLOUDEVENTS',
      mode: 'BACKWARD',
      existing: [
        envelope({
          type: 'object',
          properties: { amount: { type: 'integer' } },
        }),
      ],
      candidate: envelope({
        type: 'object',
        properties: { amount: { type: 'number' } },
      }),
    });
    expect(report.compatible).toBe(true);
    expect(report.differences.map(d => d.path)).toEqual([
      '/properties/data/properties/amount',
    ]);
  });
});

describe('cloudEventsEnvelopeProblems', () => {
  it('accepts an envelope with the required attributes and data', () => {
    expect(
      cloudEventsEnvelopeProblems(
        JSON.stringify({
          type: 'object',
          properties: {
            specversion: { enum: ['1.0'] },
            id: {},
            source: {},
            type: {},
            data: {},
          },
          required: ['specversion', 'id', 'source', 'type'],
        }),
      ),
    ).toEqual([]);
  });

  it('names every missing piece', () => {
    expect(
      cloudEventsEnvelopeProblems(
        JSON.stringify({
          type: 'object',
          properties: { specversion: { const: '0.3' }, id: {} },
          required: ['id'],
        }),
      ),
    ).toEqual([
      '"specversion" is required by CloudEvents but not listed in "required"',
      'the envelope does not declare the "source" attribute under properties',
      'the envelope does not declare the "type" attribute under properties',
      'the envelope declares no "data" schema under properties',
      '"specversion" must allow "1.0"',
    ]);
  });
});
