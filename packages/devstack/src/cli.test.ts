import { parseArgs, UsageError } from './cli';

describe('devstack CLI flags', () => {
  it('parses the documented flags', () => {
    expect(parseArgs([])).toMatchObject({ kafkaPort: 9092, brokers: 3, seed: true, autoCreateTopics: false });
    expect(parseArgs(['--kafka-port', '19092', '--brokers=1', '--sasl-plain', 'u:p:w', '--no-seed'])).toMatchObject({
      kafkaPort: 19092,
      brokers: 1,
      sasl: { username: 'u', password: 'p:w' },
      seed: false,
    });
    expect(parseArgs(['--help']).help).toBe(true);
  });

  it('rejects bad flags with a clear message', () => {
    expect(() => parseArgs(['--kafka-port', 'abc'])).toThrow(UsageError);
    expect(() => parseArgs(['--brokers', '0'])).toThrow('--brokers must be between 1 and 32, got 0');
    expect(() => parseArgs(['--sasl-plain', 'nocolon'])).toThrow('--sasl-plain needs user:password');
    expect(() => parseArgs(['--frobnicate'])).toThrow('unknown option: --frobnicate');
  });
});
