// The demo stack: devstack (Kafka stand-in), Backstage backend and frontend.
// `npm run dev` runs it on the default ports; the browser tests run a second
// copy on their own ports so that both can run at once.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, toolchainEnv, yarnArgs } from './toolchain.mjs';
import { portInUse, startService, waitForHttp } from './processes.mjs';

export const DEV_PORTS = { app: 3000, backend: 7007, kafka: 9092, brokers: 3 };
export const E2E_PORTS = { app: 3107, backend: 7107, kafka: 19092, brokers: 3 };

const devstackCli = path.join(repoRoot, 'packages', 'devstack', 'src', 'cli.ts');

function brokerList(ports) {
  return Array.from(
    { length: ports.brokers },
    (_, i) => `localhost:${ports.kafka + i}`,
  );
}

/** An app-config overlay that moves the stack to other ports. */
function writePortsConfig(ports) {
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
    eventStreaming: {
      clusters: [
        {
          name: 'dev-local',
          environment: 'dev',
          brokers: brokerList(ports),
        },
      ],
    },
  };
  // JSON is valid YAML.
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export async function startStack(toolchain, { ports, seed = true, logStream }) {
  for (const [what, port] of [
    ['frontend', ports.app],
    ['backend', ports.backend],
    ['kafka', ports.kafka],
  ]) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} (${what}) is already in use. Is another Eventport stack running? Stop it first.`,
      );
    }
  }
  const env = toolchainEnv(toolchain, { NODE_ENV: 'development', FORCE_COLOR: '0' });
  const configArgs = [
    '--config',
    path.join(repoRoot, 'app-config.yaml'),
    '--config',
    writePortsConfig(ports),
  ];

  const devstack = startService(
    'devstack',
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    [
      devstackCli,
      '--kafka-port',
      String(ports.kafka),
      '--brokers',
      String(ports.brokers),
      ...(seed ? [] : ['--no-seed']),
    ],
    { cwd: repoRoot, env, logStream },
  );
  await devstack.waitForLine(/^kafka ready: /, 60_000);

  const backend = startService(
    'backend',
    toolchain.nodeBin,
    yarnArgs(['workspace', 'backend', 'start', ...configArgs]),
    { cwd: repoRoot, env, logStream },
  );
  const app = startService(
    'app',
    toolchain.nodeBin,
    yarnArgs(['workspace', 'app', 'start', ...configArgs]),
    { cwd: repoRoot, env: { ...env, BROWSER: 'none' }, logStream },
  );
  await Promise.all([
    waitForHttp(`http://localhost:${ports.backend}/.backstage/health/v1/readiness`, {
      timeoutMs: 240_000,
      service: backend,
    }),
    waitForHttp(`http://localhost:${ports.app}/`, {
      timeoutMs: 420_000,
      service: app,
    }),
  ]);
  return {
    services: [devstack, backend, app],
    appUrl: `http://localhost:${ports.app}`,
    backendUrl: `http://localhost:${ports.backend}`,
    kafkaBrokers: brokerList(ports),
  };
}
