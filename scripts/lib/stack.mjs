// The demo stack: the devstack (the real Apache Kafka, Kafka Connect and
// Apicurio Registry when Java 17+ is present, else the embedded Kafka broker),
// then the Backstage backend and frontend. `npm run dev` runs it on the
// default ports; the browser tests run a second copy on their own ports so
// that both can run at once.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, toolchainEnv, yarnArgs } from './toolchain.mjs';
import { portInUse, startService, waitForHttp } from './processes.mjs';

export const DEV_PORTS = {
  app: 3000,
  backend: 7007,
  kafka: 9092,
  brokers: 3,
  connect: 8083,
  registry: 8080,
};
export const E2E_PORTS = {
  app: 3107,
  backend: 7107,
  kafka: 19092,
  brokers: 3,
  connect: 18083,
  registry: 18080,
};

const devstackCli = path.join(
  repoRoot,
  'packages',
  'devstack',
  'src',
  'cli.ts',
);

function brokerList(ports) {
  return Array.from(
    { length: ports.brokers },
    (_, i) => `localhost:${ports.kafka + i}`,
  );
}

/**
 * `eventStreaming.connect` of app-config.yaml: repeated here, because an
 * overlay's object replaces app-config.yaml's keys one by one, and the
 * folder below is only known once the devstack runs.
 */
const DEMO_CONNECT_POLICY = {
  allowedClasses: { dev: ['org.apache.kafka.connect.file.*'] },
  secretReferences: [
    {
      provider: 'env',
      keyPrefix: 'EVENTPORT_CONNECT_TEAM_A_',
      owner: 'group:default/team-a',
    },
    {
      provider: 'env',
      keyPrefix: 'EVENTPORT_CONNECT_TEAM_B_',
      owner: 'group:default/team-b',
    },
  ],
};

/** An app-config overlay that moves the stack to other ports. */
function writePortsConfig(
  ports,
  { ownCluster, connectUrl, connectFiles, registryUrl, cdc, gitops },
) {
  const dir = path.join(repoRoot, '.eventport');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `ports-${ports.backend}.yaml`);
  const config = {
    app: { baseUrl: `http://localhost:${ports.app}` },
    backend: {
      baseUrl: `http://localhost:${ports.backend}`,
      listen: { port: ports.backend },
      cors: { origin: `http://localhost:${ports.app}` },
    },
    // With --stack none the clusters come from app-config.local.yaml.
    ...(ownCluster
      ? {}
      : {
          eventStreaming: {
            // The devstack's shop database and GitOps repository (CDC demo).
            ...(cdc && gitops ? { cdc: cdcDemoConfig(cdc, gitops) } : {}),
            // The demo connectors' folder on the worker, for every team (a
            // real deployment gives each team a folder of its own).
            ...(connectFiles
              ? {
                  connect: {
                    ...DEMO_CONNECT_POLICY,
                    fileDirectories: [{ path: connectFiles }],
                  },
                }
              : {}),
            clusters: [
              {
                name: 'dev-local',
                environment: 'dev',
                brokers: brokerList(ports),
                // The real stack's Kafka Connect and Apicurio Registry; the
                // embedded one has neither.
                ...(connectUrl ? { connect: { url: connectUrl } } : {}),
                ...(registryUrl
                  ? { schemaRegistry: { url: registryUrl } }
                  : {}),
                // This list replaces app-config.yaml's, so it repeats the
                // demo's link templates (on this stack's app port).
                links: demoLinks(ports.app),
              },
            ],
          },
        }),
  };
  // JSON is valid YAML.
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * The frontend's overlay: only its own and the backend's URLs, which are
 * known before the devstack runs (the frontend reads nothing else that the
 * backend's overlay changes), so that webpack compiles while the JVMs start.
 */
function writeFrontendPortsConfig(ports) {
  const file = path.join(
    repoRoot,
    '.eventport',
    `ports-${ports.backend}-frontend.yaml`,
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const config = {
    app: { baseUrl: `http://localhost:${ports.app}` },
    backend: { baseUrl: `http://localhost:${ports.backend}` },
  };
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** The demo's Grafana and Kafka UI link templates, as in app-config.yaml. */
function demoLinks(appPort) {
  const app = `http://localhost:${appPort}`;
  const grafana = `${app}/grafana-not-configured/d/eventport-kafka?var-cluster={cluster}`;
  return {
    grafana: {
      topic: `${grafana}&var-topic={topic}`,
      group: `${grafana}&var-consumergroup={group}`,
    },
    kafkaUi: `${app}/kafka-ui-not-configured/{cluster}/{topic}`,
  };
}

/** `eventStreaming.cdc` for the devstack's shop database and bare repository. */
function cdcDemoConfig(postgresUrl, gitopsRepo) {
  const url = new URL(postgresUrl);
  return {
    sources: {
      shop: {
        type: 'postgres',
        host: url.hostname,
        port: Number(url.port),
        database: url.pathname.slice(1),
        user: decodeURIComponent(url.username),
        // The Connect worker's demo secret; trust authentication ignores it.
        // `$${` keeps Backstage's config substitution off the reference.
        connector: {
          passwordReference: '$${env:EVENTPORT_CONNECT_PG_PASSWORD}',
        },
      },
    },
    gitops: {
      url: gitopsRepo,
      baseBranch: 'main',
      path: 'kafka/cdc',
      // The demo's sync applies merged branches every 5 s: follow as often.
      followInterval: { seconds: 5 },
    },
  };
}

/** Polls until the demo user guest gets a Backstage token, i.e. can sign in. */
async function waitForSignIn(backendUrl, { timeoutMs, service }) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${backendUrl}/api/auth/oauth2Proxy/refresh`, {
        headers: {
          'X-Forwarded-User': 'guest',
          'X-Requested-With': 'XMLHttpRequest',
        },
        signal: AbortSignal.timeout(5000),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok && body?.backstageIdentity?.token) return;
      last = body?.error?.message ?? res.statusText;
    } catch (error) {
      last = error.message;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `the demo user guest could not sign in within ${
      timeoutMs / 1000
    }s (${last}); see the ${service.name} log`,
  );
}

export async function startStack(
  toolchain,
  { ports, seed = true, logStream, stack },
) {
  for (const [what, port] of [
    ['frontend', ports.app],
    ['backend', ports.backend],
  ]) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} (${what}) is already in use. Is another Eventport stack running? Stop it first.`,
      );
    }
  }
  const env = toolchainEnv(toolchain, {
    NODE_ENV: 'development',
    FORCE_COLOR: '0',
  });
  const ownCluster = stack === 'none';
  const localConfig = path.join(repoRoot, 'app-config.local.yaml');
  if (ownCluster && !fs.existsSync(localConfig)) {
    throw new Error(
      '--stack none starts Backstage alone against your own Kafka, Connect and registry: ' +
        'describe them in app-config.local.yaml (see the README, "Your own Kafka").',
    );
  }

  const started = Date.now();
  const baseConfigArgs = [
    '--config',
    path.join(repoRoot, 'app-config.yaml'),
    ...(fs.existsSync(localConfig) ? ['--config', localConfig] : []),
  ];
  // The frontend first: its compile is the longest part of a start, and it
  // needs nothing from the devstack.
  const app = startService(
    'app',
    toolchain.nodeBin,
    yarnArgs([
      'workspace',
      'app',
      'start',
      ...baseConfigArgs,
      '--config',
      writeFrontendPortsConfig(ports),
    ]),
    { cwd: repoRoot, env: { ...env, BROWSER: 'none' }, logStream },
  );
  // tsx as a loader in the devstack's own process, so that signals reach it
  // directly (its servers stop with it).
  const devstack = ownCluster
    ? undefined
    : startService(
        'devstack',
        toolchain.nodeBin,
        [
          '--require',
          'tsx/cjs',
          devstackCli,
          ...(stack ? ['--stack', stack] : []),
          '--kafka-port',
          String(ports.kafka),
          '--brokers',
          String(ports.brokers),
          '--connect-port',
          String(ports.connect),
          '--registry-port',
          String(ports.registry),
          ...(seed ? [] : ['--no-seed']),
        ],
        { cwd: repoRoot, env, logStream },
      );
  const ready = {};
  devstack?.onLine(line => {
    const m =
      /^(kafka|connect|files|registry|cdc|cdcsource|gitops) ready: (\S+)/.exec(
        line,
      );
    if (m) ready[m[1]] = m[2];
  });
  // The first run fetches the real stack from Maven Central: allow for it.
  await devstack?.waitForLine(
    /^devstack: (apache|embedded) stack started in /,
    900_000,
  );
  const stackKind = ownCluster ? 'none' : ready.connect ? 'apache' : 'embedded';
  // The devstack prints its ready lines on stdout and its progress on
  // stderr; the two pipes can arrive in either order, so the registry's line
  // may come just after "stack started". Without it the backend would be
  // configured without the schema registry.
  for (let i = 0; stackKind === 'apache' && !ready.registry && i < 100; i++) {
    await new Promise(r => setTimeout(r, 100));
  }
  const configArgs = [
    ...baseConfigArgs,
    '--config',
    writePortsConfig(ports, {
      ownCluster,
      connectUrl: ready.connect,
      connectFiles: ready.files,
      registryUrl: ready.registry,
      // The source connects as the replication role; tests' SQL as `cdc`.
      cdc: ready.cdcsource ?? ready.cdc,
      gitops: ready.gitops,
    }),
  ];

  const backend = startService(
    'backend',
    toolchain.nodeBin,
    yarnArgs(['workspace', 'backend', 'start', ...configArgs]),
    { cwd: repoRoot, env, logStream },
  );
  const backendUrl = `http://localhost:${ports.backend}`;
  await Promise.all([
    waitForHttp(`${backendUrl}/.backstage/health/v1/readiness`, {
      timeoutMs: 240_000,
      service: backend,
    }).then(() =>
      // The catalog loads the demo users some seconds after the backend
      // answers; until then nobody can sign in.
      waitForSignIn(backendUrl, { timeoutMs: 120_000, service: backend }),
    ),
    waitForHttp(`http://localhost:${ports.app}/`, {
      timeoutMs: 420_000,
      service: app,
    }),
  ]);
  return {
    services: [devstack, backend, app].filter(Boolean),
    stackKind,
    appUrl: `http://localhost:${ports.app}`,
    backendUrl,
    kafkaBrokers: ready.kafka?.split(',') ?? [],
    connectUrl: ready.connect,
    registryUrl: ready.registry,
    cdcPostgresUrl: ready.cdc,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}
