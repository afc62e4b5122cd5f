import path from 'node:path';
/**
 * devstack CLI: starts the stack beside Backstage and prints one ready line
 * per service (`kafka ready:`, `connect ready:`, `registry ready:`, and with
 * the demo data `cdc ready:` (a superuser, for tests' SQL), `cdcsource ready:`
 * (the replication role the CDC source uses) and `gitops ready:`).
 *
 *   tsx src/cli.ts [--stack apache|embedded] [--kafka-port 9092] [--brokers 3] ...
 *
 * `apache` runs the real servers from Maven Central (the default when Java 17+
 * is installed); `embedded` runs the in-memory Kafka broker alone.
 */
import { CdcDemoHandle, startCdcDemo } from './cdc';
import { startKafkaBroker } from './kafka/broker/server';
import {
  ConnectorSeedHandle,
  seedConnectors,
  seedSchemas,
  startSeedTraffic,
  SeedHandle,
} from './seed';
import {
  DEFAULT_PORTS,
  findJava,
  JAVA_FOR_KAFKA,
  StackError,
  startStack,
} from './stack';

const USAGE = `Usage: devstack [options]

Options:
  --stack apache|embedded      apache: Apache Kafka, Kafka Connect with Debezium and Apicurio
                               Registry from Maven Central (default when Java ${JAVA_FOR_KAFKA}+ is installed);
                               embedded: the in-memory Kafka broker alone (default otherwise)
  --kafka-port <port>          first Kafka broker port (default 9092; brokers use consecutive ports;
                               0 everywhere picks free ports)
  --brokers <n>                number of Kafka brokers (default 3; apache: 1 to 3)
  --connect-port <port>        Kafka Connect REST port (apache; default 8083)
  --registry-port <port>       Apicurio Registry port (apache; default 8080)
  --no-connect                 do not start Kafka Connect (apache)
  --no-registry                do not start Apicurio Registry (apache)
  --sasl-plain <user:password> require SASL/PLAIN with these credentials on every client connection
  --auto-create-topics         let Metadata requests create missing topics (embedded; off by default)
  --no-seed                    do not create demo topics, traffic, schemas or connectors
  --verbose                    log broker activity to stderr (embedded)
  --help                       show this help
`;

export type StackKind = 'apache' | 'embedded';

export interface CliOptions {
  stack?: StackKind;
  kafkaPort: number;
  brokers: number;
  connectPort: number;
  registryPort: number;
  connect: boolean;
  registry: boolean;
  sasl?: { username: string; password: string };
  seed: boolean;
  autoCreateTopics: boolean;
  verbose: boolean;
  help: boolean;
}

export class UsageError extends Error {}

function intArg(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
): number {
  if (value === undefined || !/^\d+$/.test(value))
    throw new UsageError(
      `${flag} needs a whole number, got ${value ?? 'nothing'}`,
    );
  const n = Number(value);
  if (n < min || n > max)
    throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = {
    kafkaPort: DEFAULT_PORTS.kafka,
    brokers: 3,
    connectPort: DEFAULT_PORTS.connect,
    registryPort: DEFAULT_PORTS.registry,
    connect: true,
    registry: true,
    seed: true,
    autoCreateTopics: false,
    verbose: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] =
      argv[i].startsWith('--') && argv[i].includes('=')
        ? argv[i].split(/=(.*)/s, 2)
        : [argv[i], undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--stack': {
        const v = value();
        if (v !== 'apache' && v !== 'embedded')
          throw new UsageError(
            `--stack takes apache or embedded, got ${v ?? 'nothing'}`,
          );
        opts.stack = v;
        break;
      }
      case '--kafka-port':
        opts.kafkaPort = intArg(flag, value(), 0, 65535);
        break;
      case '--brokers':
        opts.brokers = intArg(flag, value(), 1, 32);
        break;
      case '--connect-port':
        opts.connectPort = intArg(flag, value(), 0, 65535);
        break;
      case '--registry-port':
        opts.registryPort = intArg(flag, value(), 0, 65535);
        break;
      case '--no-connect':
        opts.connect = false;
        break;
      case '--no-registry':
        opts.registry = false;
        break;
      case '--sasl-plain': {
        const v = value();
        const idx = v?.indexOf(':') ?? -1;
        if (!v || idx <= 0 || idx === v.length - 1)
          throw new UsageError('--sasl-plain needs user:password');
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
  if (opts.kafkaPort + opts.brokers - 1 > 65535)
    throw new UsageError('--kafka-port plus --brokers exceeds port 65535');
  if (opts.stack === 'apache' && opts.brokers > 3)
    throw new UsageError('--stack apache runs 1 to 3 brokers');
  if (opts.stack === 'apache' && opts.autoCreateTopics)
    throw new UsageError('--auto-create-topics is for --stack embedded');
  return opts;
}

/** Which stack runs, and the sentence that says why. */
export function chooseStack(requested: StackKind | undefined): {
  kind: StackKind;
  why: string;
} {
  if (requested)
    return { kind: requested, why: `--stack ${requested} was given` };
  const java = findJava(JAVA_FOR_KAFKA);
  if (java)
    return { kind: 'apache', why: `Java ${java.major} found at ${java.bin}` };
  return {
    kind: 'embedded',
    why: `no Java ${JAVA_FOR_KAFKA}+ found; install a JDK ${JAVA_FOR_KAFKA}+ for the real Apache Kafka, Connect and Apicurio`,
  };
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
  const { kind, why } = chooseStack(opts.stack);
  const started = Date.now();
  log(`devstack: ${kind} stack (${why})`);
  if (kind === 'apache' && opts.brokers > 3)
    throw new UsageError('--stack apache runs 1 to 3 brokers');

  const stops: Array<() => Promise<void>> = [];
  let bootstrapServers: string[];
  let registryUrl: string | undefined;
  let connect: { url: string; secretsFile: string } | undefined;
  if (kind === 'apache') {
    const stack = await startStack({
      brokers: opts.brokers,
      kafkaPort: opts.kafkaPort,
      connect: opts.connect ? opts.connectPort : false,
      registry: opts.registry ? opts.registryPort : false,
      sasl: opts.sasl,
      onProgress: m => log(`devstack: ${m}`),
    });
    stops.push(() => stack.stop());
    bootstrapServers = stack.kafka.bootstrapServers;
    log(`devstack: logs in ${stack.runDir}`);
    process.stdout.write(`kafka ready: ${bootstrapServers.join(',')}\n`);
    if (stack.connect) {
      process.stdout.write(`connect ready: ${stack.connect.url}\n`);
      // The folder of the demo connectors' files (seedConnectors' default):
      // the one folder the demo's connectors may name.
      process.stdout.write(
        `files ready: ${path.join(
          path.dirname(stack.connect.secretsFile),
          'demo',
        )}\n`,
      );
    }
    registryUrl = stack.registry?.url;
    connect = stack.connect;
  } else {
    const kafka = await startKafkaBroker({
      port: opts.kafkaPort,
      brokers: opts.brokers,
      sasl: opts.sasl,
      autoCreateTopics: opts.autoCreateTopics,
      logger: opts.verbose
        ? { info: log, warn: log, error: log }
        : { error: log },
    });
    stops.push(() => kafka.close());
    bootstrapServers = kafka.bootstrapServers;
    process.stdout.write(`kafka ready: ${bootstrapServers.join(',')}\n`);
    log(
      'devstack: the embedded stack has no Kafka Connect and no schema registry (they need Java)',
    );
  }
  let seed: SeedHandle | undefined;
  let connectorSeed: ConnectorSeedHandle | undefined;
  if (opts.seed) {
    try {
      seed = await startSeedTraffic({
        bootstrapServers,
        sasl: opts.sasl,
        log: opts.verbose ? log : undefined,
      });
    } catch (e) {
      // Stop the servers before reporting, so that none outlives this process.
      for (const s of stops) await s().catch(() => {});
      throw new StackError(`the demo seed failed: ${(e as Error).message}`);
    }
    log('devstack: demo topics created, demo traffic running');
    if (connect) {
      try {
        connectorSeed = await seedConnectors({
          connect,
          log: opts.verbose ? log : undefined,
        });
        log(
          `devstack: ${connectorSeed.created} demo connectors created (files in ${connectorSeed.dataDir})`,
        );
      } catch (e) {
        await seed.stop().catch(() => {});
        for (const s of stops) await s().catch(() => {});
        throw new StackError(
          `the demo connector seed failed: ${(e as Error).message}`,
        );
      }
    }
    if (registryUrl) {
      try {
        const n = await seedSchemas(registryUrl);
        log(`devstack: ${n} demo schemas registered`);
      } catch (e) {
        for (const s of stops) await s().catch(() => {});
        throw new StackError(
          `the demo schema seed failed: ${(e as Error).message}`,
        );
      }
    }
  }
  // The CDC demo: the shop database, the GitOps repository and its sync.
  // Optional: without PostgreSQL's server binaries the rest still runs.
  let cdcDemo: CdcDemoHandle | undefined;
  if (opts.seed && connect && registryUrl) {
    try {
      cdcDemo = await startCdcDemo({
        connectUrl: connect.url,
        bootstrapServers,
        log: m => log(m.startsWith('devstack') ? m : `devstack: ${m}`),
      });
      const pg = cdcDemo.postgres;
      process.stdout.write(
        `cdc ready: postgresql://${pg.user}@${pg.host}:${pg.port}/${pg.database}\n`,
      );
      // The user the CDC source connects as: a replication role, no superuser.
      process.stdout.write(
        `cdcsource ready: postgresql://${cdcDemo.sourceUser}@${pg.host}:${pg.port}/${pg.database}\n`,
      );
      process.stdout.write(`gitops ready: ${cdcDemo.gitopsRepo}\n`);
    } catch (e) {
      log(
        `devstack: the CDC demo (shop database, GitOps repository) did not start, so the CDC wizard has no demo source: ${
          (e as Error).message
        }`,
      );
    }
  }
  // Announced after the seed, so that whoever waits for it finds the schemas.
  if (registryUrl) process.stdout.write(`registry ready: ${registryUrl}\n`);
  log(
    `devstack: ${kind} stack started in ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 30_000);
    force.unref();
    await cdcDemo?.stop().catch(() => {});
    await connectorSeed?.stop().catch(() => {});
    await seed?.stop().catch(() => {});
    for (const s of stops) await s().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGHUP', () => void stop());
}

if (require.main === module) {
  main(process.argv.slice(2)).catch(e => {
    let message = String(e);
    if (e instanceof StackError || e instanceof UsageError) message = e.message;
    else if (e instanceof Error) message = e.stack ?? e.message;
    process.stderr.write(`devstack: ${message}\n`);
    process.exit(1);
  });
}
