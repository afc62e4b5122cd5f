/**
 * Demo connectors on the real stack's Kafka Connect worker: what the
 * Connectors tab shows in `npm run dev`, and what the browser tests operate.
 *
 * - `team-a.orders-file-source`: a FileStream source that reads order events
 *   (one JSON line each) from a file the seed keeps appending to, into
 *   `team-a.order-events-v2`.
 * - `team-b.shipments-file-sink`: a FileStream sink that reads
 *   `team-b.shipments-v1` (demo traffic) as the consumer group
 *   `connect-team-b.shipments-file-sink`. It fetches in long batches, so the
 *   group shows lag.
 * - `team-a.payments-archive-sink`: a FileStream sink of `team-a.payments-v1`
 *   into a file in a folder that does not exist. Connect accepts the config
 *   (FileStream does not check the path), and the task fails when it starts,
 *   with the worker's real trace (`ConnectException: Couldn't find or create
 *   file ...`, caused by `NoSuchFileException`). `fixSeedFailure()` creates
 *   the folder; a restart of the task then runs.
 *
 * A Debezium PostgreSQL source pointed at a database that does not exist
 * cannot be the failed one: Connect validates a config on create, Debezium's
 * validation connects to the database, and Connect 4.3 refuses the create
 * (with a 500 from a NullPointerException while it formats Debezium's
 * validation errors).
 *
 * No seeded connector holds a password; a connector that needs one takes a
 * `${file:<secretsFile>:<key>}` reference (see ../stack/connect.ts).
 *
 * The seed needs the files on the worker's machine: it runs beside the stack.
 */
import fs from 'node:fs';
import path from 'node:path';

const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
const FILE_SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';

/** Names, topics and groups of the demo connectors. */
export const SEED_CONNECTORS = {
  source: {
    name: 'team-a.orders-file-source',
    class: FILE_SOURCE,
    type: 'source',
    topic: 'team-a.order-events-v2',
  },
  sink: {
    name: 'team-b.shipments-file-sink',
    class: FILE_SINK,
    type: 'sink',
    topic: 'team-b.shipments-v1',
    group: 'connect-team-b.shipments-file-sink',
  },
  failed: {
    name: 'team-a.payments-archive-sink',
    class: FILE_SINK,
    type: 'sink',
    topic: 'team-a.payments-v1',
    group: 'connect-team-a.payments-archive-sink',
    /** What the failed task's trace says, in its first line. */
    cause: "Couldn't find or create file",
  },
} as const;

export type SeedConnectorRole = keyof typeof SEED_CONNECTORS;

/** Where the demo files go, below `dataDir`. */
export function seedConnectorFiles(dataDir: string) {
  return {
    /** The source's input: one JSON order event per line. */
    orders: path.join(dataDir, 'orders.jsonl'),
    /** The sink's output. */
    shipments: path.join(dataDir, 'shipments.txt'),
    /** The failed sink's output, in a folder the seed does not create. */
    archiveDir: path.join(dataDir, 'archive'),
    archive: path.join(dataDir, 'archive', 'payments.txt'),
  };
}

/** The config of each demo connector, by name. */
export function seedConnectorConfigs(
  dataDir: string,
): Record<string, Record<string, string>> {
  const files = seedConnectorFiles(dataDir);
  const strings = {
    'key.converter': STRING_CONVERTER,
    'value.converter': STRING_CONVERTER,
  };
  const { source, sink, failed } = SEED_CONNECTORS;
  return {
    [source.name]: {
      'connector.class': source.class,
      'tasks.max': '1',
      file: files.orders,
      topic: source.topic,
      ...strings,
    },
    [sink.name]: {
      'connector.class': sink.class,
      'tasks.max': '1',
      topics: sink.topic,
      file: files.shipments,
      ...strings,
      // Fetches wait until 1 MB or 15 s: at the demo's rate the group is
      // always some seconds of messages behind, so its lag shows.
      'consumer.override.fetch.min.bytes': '1048576',
      'consumer.override.fetch.max.wait.ms': '15000',
    },
    [failed.name]: {
      'connector.class': failed.class,
      'tasks.max': '1',
      topics: failed.topic,
      file: files.archive,
      ...strings,
    },
  };
}

export interface SeedConnectorsOptions {
  /** The worker (StackHandle.connect): its URL and secrets file. */
  connect: { url: string; secretsFile: string };
  /** Folder for the demo files; default `demo/` beside the secrets file (the worker's folder). */
  dataDir?: string;
  /** How often the source's input gets a new order line (default 2000 ms). */
  lineIntervalMs?: number;
  /** Per-request timeout (default 30 s). */
  requestTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface ConnectorSeedHandle {
  /** Connectors created (those that existed are updated, not counted). */
  created: number;
  dataDir: string;
  /** Stops appending to the source's input (the connectors stay). */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * One Connect REST call. 409 (a rebalance, or the worker still reading its
 * config topic just after it started) is retried with backoff.
 */
async function connectCall(
  url: string,
  method: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; json: unknown }> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, {
      method,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (res.status === 409 && attempt < 10) {
      await sleep(Math.min(500 * attempt, 3000));
      continue;
    }
    if (!res.ok) {
      throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
    }
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }
}

let orderNo = 0;
function orderLine(): string {
  orderNo += 1;
  const status = ['CREATED', 'PAID', 'SHIPPED'][orderNo % 3];
  return `${JSON.stringify({
    orderId: `ord-${orderNo}`,
    status,
    total: Math.round((10 + ((orderNo * 37) % 250)) * 100) / 100,
    channel: ['web', 'app', 'store'][orderNo % 3],
  })}\n`;
}

/**
 * Creates (or updates) the demo connectors, writes the source's input and
 * keeps appending to it. The topics must exist (startSeedTraffic creates them).
 */
export async function seedConnectors(
  options: SeedConnectorsOptions,
): Promise<ConnectorSeedHandle> {
  const dataDir =
    options.dataDir ??
    path.join(path.dirname(options.connect.secretsFile), 'demo');
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const files = seedConnectorFiles(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(files.orders)) {
    fs.writeFileSync(
      files.orders,
      Array.from({ length: 20 }, () => orderLine()).join(''),
    );
  }
  let created = 0;
  for (const [name, config] of Object.entries(seedConnectorConfigs(dataDir))) {
    // PUT creates or updates: the seed can run again against the same worker.
    const { status } = await connectCall(
      `${options.connect.url}/connectors/${encodeURIComponent(name)}/config`,
      'PUT',
      config,
      timeoutMs,
    );
    if (status === 201) created += 1;
    options.log?.(
      `seed: connector ${name} ${status === 201 ? 'created' : 'updated'}`,
    );
  }
  const timer = setInterval(() => {
    try {
      fs.appendFileSync(files.orders, orderLine());
    } catch (e) {
      // the run folder is gone: the stack is stopping
      options.log?.(
        `seed: appending to ${files.orders}: ${(e as Error).message}`,
      );
    }
  }, options.lineIntervalMs ?? 2000);
  timer.unref();
  return {
    created,
    dataDir,
    async stop() {
      clearInterval(timer);
    },
  };
}

/** The folder of the failed connector's `file`, as the worker has it. */
async function failedSinkDir(connectUrl: string): Promise<string> {
  const { json } = await connectCall(
    `${connectUrl}/connectors/${encodeURIComponent(
      SEED_CONNECTORS.failed.name,
    )}/config`,
    'GET',
    undefined,
    30_000,
  );
  const file = (json as Record<string, string>).file;
  if (!file || !path.isAbsolute(file)) {
    throw new Error(
      `${SEED_CONNECTORS.failed.name} has no absolute file in its config (${file})`,
    );
  }
  return path.dirname(file);
}

/**
 * Fixes the failed demo connector's cause: creates the folder of its `file`
 * (read from the worker, so it works from any process on the machine, as the
 * browser tests need). A restart of its task then runs. Returns the folder.
 */
export async function fixSeedFailure(connectUrl: string): Promise<string> {
  const dir = await failedSinkDir(connectUrl);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Undoes fixSeedFailure (for a test that runs again): removes the folder,
 * only when it is the seed's own `archive` folder, and restarts the task,
 * which fails again. Returns the folder.
 */
export async function resetSeedFailure(connectUrl: string): Promise<string> {
  const dir = await failedSinkDir(connectUrl);
  if (
    path.basename(dir) !== 'archive' ||
    path.basename(path.dirname(dir)) !== 'demo'
  ) {
    throw new Error(
      `${SEED_CONNECTORS.failed.name} writes to ${dir}, not the seed's archive folder: not removed`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  await connectCall(
    `${connectUrl}/connectors/${encodeURIComponent(
      SEED_CONNECTORS.failed.name,
    )}/restart?includeTasks=true`,
    'POST',
    undefined,
    30_000,
  );
  return dir;
}
