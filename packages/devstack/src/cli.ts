/**
 * devstack CLI: starts the in-process Kafka cluster (and, in later issues,
 * the Kafka Connect and Apicurio stand-ins) and prints one ready line each.
 *
 *   tsx src/cli.ts [--kafka-port 9092] [--brokers 3] [--sasl-plain user:password] [--no-seed]
 */
import { startKafkaBroker } from './kafka/broker/server';
import { startSeedTraffic, SeedHandle } from './seed';

const USAGE = `Usage: devstack [options]

Options:
  --kafka-port <port>          first Kafka broker port (default 9092; brokers use consecutive ports)
  --brokers <n>                number of Kafka brokers (default 3, node ids 1..n)
  --sasl-plain <user:password> require SASL/PLAIN with these credentials on every connection
  --auto-create-topics         let Metadata requests create missing topics (off by default)
  --no-seed                    do not create demo topics or run demo traffic
  --verbose                    log broker activity to stderr
  --help                       show this help
`;

export interface CliOptions {
  kafkaPort: number;
  brokers: number;
  sasl?: { username: string; password: string };
  seed: boolean;
  autoCreateTopics: boolean;
  verbose: boolean;
  help: boolean;
}

export class UsageError extends Error {}

function intArg(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number, got ${value ?? 'nothing'}`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { kafkaPort: 9092, brokers: 3, seed: true, autoCreateTopics: false, verbose: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--kafka-port':
        opts.kafkaPort = intArg(flag, value(), 1, 65535);
        break;
      case '--brokers':
        opts.brokers = intArg(flag, value(), 1, 32);
        break;
      case '--sasl-plain': {
        const v = value();
        const idx = v?.indexOf(':') ?? -1;
        if (!v || idx <= 0 || idx === v.length - 1) throw new UsageError('--sasl-plain needs user:password');
        opts.sasl = { username: v.slice(0, idx), password: v.slice(idx + 1) };
        break;
      }
      case '--no-seed':
        opts.seed = false;
        break;
      case '--auto-create-topics':
        opts.autoCreateTopics = true;
        break;
      case '--verbose':
        opts.verbose = true;
        break;
      case '--help':
      case '-h':
        opts.help = true;
        break;
      default:
        throw new UsageError(`unknown option: ${argv[i]}`);
    }
  }
  if (opts.kafkaPort + opts.brokers - 1 > 65535) throw new UsageError('--kafka-port plus --brokers exceeds port 65535');
  return opts;
}

export async function main(argv: string[]): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`devstack: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(USAGE);
    return;
  }
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const kafka = await startKafkaBroker({
    port: opts.kafkaPort,
    brokers: opts.brokers,
    sasl: opts.sasl,
    autoCreateTopics: opts.autoCreateTopics,
    logger: opts.verbose ? { info: log, warn: log, error: log } : { error: log },
  });
  let seed: SeedHandle | undefined;
  if (opts.seed) seed = await startSeedTraffic({ bootstrapServers: kafka.bootstrapServers, sasl: opts.sasl, log: opts.verbose ? log : undefined });
  process.stdout.write(`kafka ready: ${kafka.bootstrapServers.join(',')}\n`);
  // Later issues: start the Kafka Connect stand-in here and print `connect ready: <url>`,
  // then the Apicurio registry stand-in and print `registry ready: <url>`.

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    await seed?.stop().catch(() => {});
    await kafka.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (require.main === module) {
  main(process.argv.slice(2)).catch(e => {
    process.stderr.write(`devstack: ${e instanceof Error ? e.message : e}\n`);
    process.exit(1);
  });
}
