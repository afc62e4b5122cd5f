import { scrubConnectMessage, scrubField } from './connectScrub';

describe('scrubbing values Kafka Connect resolved', () => {
  const sent = {
    'tasks.max': '${env:TEAM_A_X}',
    'batch.size': 'lots',
    'db.password': '${env:TEAM_A_PW}',
  };

  it('withholds a resolved value in "Invalid value" messages, and quotes literals as sent', () => {
    expect(
      scrubConnectMessage(
        'Connector configuration is invalid: Invalid value s3cr3t for configuration tasks.max: Not a number; Invalid value 12x for configuration batch.size: bad; Invalid value other for configuration unknown.key',
        sent,
      ),
    ).toBe(
      'Connector configuration is invalid: Invalid value (withheld) for configuration tasks.max: Not a number; Invalid value lots for configuration batch.size: bad; Invalid value (withheld) for configuration unknown.key',
    );
  });

  it("puts back the sent reference as a field's value and withholds its error unless Connect hides PASSWORD values", () => {
    expect(
      scrubField(
        {
          name: 'tasks.max',
          type: 'INT',
          value: 's3cr3t',
          errors: ['Invalid value s3cr3t for configuration tasks.max'],
        },
        sent,
      ),
    ).toEqual({
      value: '${env:TEAM_A_X}',
      errors: [expect.stringMatching(/withheld/)],
    });
    expect(
      scrubField(
        {
          name: 'db.password',
          type: 'PASSWORD',
          value: '[hidden]',
          errors: ['Password authentication failed'],
        },
        sent,
      ),
    ).toEqual({
      value: '${env:TEAM_A_PW}',
      errors: ['Password authentication failed'],
    });
    expect(
      scrubField(
        { name: 'x', type: 'STRING', value: 'resolved', errors: [] },
        {},
      ),
    ).toEqual({ value: 'resolved', errors: [] });
  });
});
