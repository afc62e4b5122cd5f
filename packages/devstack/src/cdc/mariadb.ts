/**
 * A MariaDB server of its own, ready for change data capture:
 * mariadb-install-db into a temporary folder, its own socket and port on
 * 127.0.0.1, and the binlog as Debezium needs it (`log_bin`,
 * `binlog_format=ROW`, `binlog_row_image=FULL`, `server_id`).
 *
 *   const db = await startCdcMariadb();
 *   // mysql://root@${db.host}:${db.port}/${db.database}
 *   await db.close();
 *
 * `root` has no password and may connect from 127.0.0.1. As root, the server
 * runs as the `mysql` user. No option file is read (`--no-defaults`), so the
 * machine's own MariaDB configuration cannot leak in.
 */
import path from 'node:path';
import mysql from 'mysql2/promise';
import { StackError } from '../stack/errors';
import { JvmProcess } from '../stack/jvm';
import { assertPortsFree, freePort } from '../stack/ports';
import {
  CdcDatabase,
  CdcLaunchOptions,
  defaultProgress,
  findBinDir,
  makeRunDir,
  retryOnBindRace,
  runSetup,
  serviceUser,
} from './process';

export interface CdcMariadbOptions extends CdcLaunchOptions {
  /** `server_id` (default 1). */
  serverId?: number;
}

const HOST = '127.0.0.1';
const USER = 'root';

function mariadbBinaries(option?: string): {
  server: string;
  installDb: string;
} {
  const candidates = option
    ? [option]
    : [
        process.env.EVENTPORT_MARIADB_BIN,
        '/usr/sbin',
        '/usr/bin',
        '/usr/local/mysql/bin',
      ];
  const searchPath = !option;
  const serverDir = findBinDir(['mariadbd'], candidates, searchPath);
  const installDir = findBinDir(
    ['mariadb-install-db'],
    [...candidates, serverDir && path.join(serverDir, '..', 'scripts')],
    searchPath,
  );
  if (serverDir && installDir) {
    return {
      server: path.join(serverDir, 'mariadbd'),
      installDb: path.join(installDir, 'mariadb-install-db'),
    };
  }
  const missing = [
    !serverDir && 'mariadbd',
    !installDir && 'mariadb-install-db',
  ]
    .filter(Boolean)
    .join(' and ');
  const looked = [
    ...candidates.filter(Boolean),
    ...(searchPath ? ['$PATH'] : []),
  ].join(', ');
  throw new StackError(
    `the MariaDB server binaries (${missing}) were not found (looked in ${looked}). ` +
      `Install the server (Debian: apt-get install mariadb-server), or set EVENTPORT_MARIADB_BIN ` +
      `to the folder that holds them.`,
  );
}

async function connect(port: number, database?: string) {
  return mysql.createConnection({
    host: HOST,
    port,
    user: USER,
    database,
    connectTimeout: 3000,
  });
}

export async function startCdcMariadb(
  options: CdcMariadbOptions = {},
): Promise<CdcDatabase> {
  const progress = options.onProgress ?? defaultProgress;
  const database = options.database ?? 'eventport';
  const serverId = options.serverId ?? 1;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const bins = mariadbBinaries(options.binDir);
  const osUser = serviceUser('mysql');
  if (options.port)
    await assertPortsFree([{ port: options.port, what: 'CDC MariaDB' }]);

  const started = Date.now();
  const { runDir, remove } = makeRunDir('eventport-cdc-mariadb-', osUser);
  const dataDir = path.join(runDir, 'data');
  const socket = path.join(runDir, 'mariadb.sock');
  const logFile = path.join(runDir, 'mariadb.log');
  let server: JvmProcess | undefined;
  const stop = async () => {
    // SIGTERM is MariaDB's normal shutdown; it closes client connections.
    if (server && !server.exited) await server.stop();
    remove();
  };

  try {
    progress(
      `cdc mariadb: mariadb-install-db in ${runDir}${
        osUser ? ' (as the mysql user)' : ''
      }`,
    );
    await runSetup(
      'mariadb-install-db',
      bins.installDb,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        '--skip-name-resolve',
      ],
      {
        cwd: runDir,
        logFile: path.join(runDir, 'install-db.log'),
        user: osUser,
      },
    );

    const ready = await retryOnBindRace(async () => {
      const port = options.port || (await freePort());
      progress(
        `cdc mariadb: starting on ${HOST}:${port} (log_bin, binlog_format=ROW, ` +
          `binlog_row_image=FULL, server_id=${serverId})`,
      );
      server = new JvmProcess({
        name: 'cdc-mariadb',
        java: bins.server,
        args: [
          '--no-defaults',
          `--datadir=${dataDir}`,
          `--socket=${socket}`,
          `--pid-file=${path.join(runDir, 'mariadb.pid')}`,
          `--port=${port}`,
          `--bind-address=${HOST}`,
          '--skip-name-resolve',
          `--log-bin=${path.join(dataDir, 'mariadb-bin')}`,
          '--binlog-format=ROW',
          '--binlog-row-image=FULL',
          `--server-id=${serverId}`,
          '--innodb-buffer-pool-size=64M',
        ],
        cwd: runDir,
        logFile,
        uid: osUser?.uid,
        gid: osUser?.gid,
      });
      server.start();
      let version = '';
      try {
        await server.waitUntil(
          'answering SQL over TCP',
          async () => {
            const conn = await connect(port);
            try {
              const [rows] = await conn.query('SELECT VERSION() AS v');
              version = String((rows as Array<{ v: string }>)[0].v);
              return true;
            } finally {
              await conn.end().catch(() => {});
            }
          },
          readyTimeoutMs,
        );
      } catch (e) {
        await server.stop();
        throw e;
      }
      return { port, version };
    });
    const conn = await connect(ready.port);
    try {
      const [rows] = await conn.query(
        'SELECT @@GLOBAL.log_bin AS log_bin, @@GLOBAL.binlog_format AS format',
      );
      const row = (rows as Array<{ log_bin: number; format: string }>)[0];
      if (Number(row.log_bin) !== 1 || row.format !== 'ROW')
        throw new StackError(
          `cdc mariadb started with log_bin=${row.log_bin}, binlog_format=${row.format}`,
        );
      await conn.query(`CREATE DATABASE \`${database.replace(/`/g, '``')}\``);
    } finally {
      await conn.end().catch(() => {});
    }
    progress(
      `cdc mariadb ready: mysql://${USER}@${HOST}:${ready.port}/${database} ` +
        `(MariaDB ${ready.version}, ${((Date.now() - started) / 1000).toFixed(
          1,
        )} s)`,
    );
    return {
      kind: 'mariadb',
      host: HOST,
      port: ready.port,
      user: USER,
      database,
      version: ready.version,
      runDir,
      logFile,
      close: stop,
    };
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
}
