import { chooseStack, parseArgs, UsageError } from './cli';

describe('devstack CLI flags', () => {
  it('parses the documented flags', () => {
    expect(parseArgs([])).toMatchObject({
      kafkaPort: 9092,
      brokers: 3,
      seed: true,
      autoCreateTopics: false,
    });
    expect(
      parseArgs([
        '--kafka-port',
        '19092',
        '--brokers=1',
        '--sasl-plain',
        'u:p:w',
        '--no-seed',
      ]),
    ).toMatchObject({
      kafkaPort: 19092,
      brokers: 1,
      sasl: { username: 'u', password: 'p:w' },
      seed: false,
    });
    expect(parseArgs(['--help']).help).toBe(true);
  });

  it('rejects bad flags with a clear message', () => {
    expect(() => parseArgs(['--kafka-port', 'abc'])).toThrow(UsageError);
    expect(() => parseArgs(['--brokers', '0'])).toThrow(
      '--brokers must be between 1 and 32, got 0',
    );
    expect(() => parseArgs(['--sasl-plain', 'nocolon'])).toThrow(
      '--sasl-plain needs user:password',
    );
    expect(() => parseArgs(['--frobnicate'])).toThrow(
      'unknown option: --frobnicate',
    );
  });
});

describe('devstack CLI: which stack', () => {
  const saved = process.env.EVENTPORT_JAVA_CANDIDATES;
  afterEach(() => {
    if (saved === undefined) delete process.env.EVENTPORT_JAVA_CANDIDATES;
    else process.env.EVENTPORT_JAVA_CANDIDATES = saved;
  });

  it('takes --stack and the real stack ports', () => {
    expect(
      parseArgs([
        '--stack',
        'apache',
        '--connect-port',
        '0',
        '--registry-port=18080',
        '--no-connect',
      ]),
    ).toMatchObject({
      stack: 'apache',
      connectPort: 0,
      registryPort: 18080,
      connect: false,
      registry: true,
    });
    expect(() => parseArgs(['--stack', 'docker'])).toThrow(
      '--stack takes apache or embedded, got docker',
    );
    expect(() => parseArgs(['--stack', 'apache', '--brokers', '4'])).toThrow(
      '--stack apache runs 1 to 3 brokers',
    );
  });

  it('falls back to the embedded broker without Java, and says why', () => {
    process.env.EVENTPORT_JAVA_CANDIDATES = '/nonexistent/bin/java';
    expect(chooseStack(undefined)).toEqual({
      kind: 'embedded',
      why: expect.stringMatching(/^no Java 17\+ found; install a JDK 17\+/),
    });
    expect(chooseStack('apache')).toEqual({
      kind: 'apache',
      why: '--stack apache was given',
    });
  });
});
