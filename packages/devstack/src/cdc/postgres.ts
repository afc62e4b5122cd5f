/**
 * A PostgreSQL cluster of its own, ready for change data capture: initdb
 * into a temporary folder, `wal_level=logical`, replication slots and WAL
 * senders, listening on 127.0.0.1 with trust authentication.
 *
 *   const pg = await startCdcPostgres();
 *   // postgresql://${pg.user}@${pg.host}:${pg.port}/${pg.database}
 *   await pg.close();
 *
 * The shared server of a machine usually runs `wal_level=replica`, and
 * changing it needs a restart, so tests and the demo start their own. As
 * root, the server runs as the `postgres` user (PostgreSQL refuses root).
 * It is a throwaway cluster: fsync is off.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
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

export interface CdcPostgresOptions extends CdcLaunchOptions {
  /** Name of the bootstrap superuser (default `postgres`). */
  user?: string;
  /** `max_replication_slots` (default 10). */
  maxReplicationSlots?: number;
  /** `max_wal_senders` (default 10). */
  maxWalSenders?: number;
}

const HOST = '127.0.0.1';

/** The newest installed server's bin folder first (Debian: /usr/lib/postgresql/<major>/bin). */
function installedBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  try {
    return fs
      .readdirSync(root)
      .filter(v => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map(v => path.join(root, v, 'bin'));
  } catch {
    return [];
  }
}

function postgresBinDir(option?: string): string {
  const candidates = option
    ? [option]
    : [process.env.EVENTPORT_PG_BIN, ...installedBinDirs()];
  const dir = findBinDir(['initdb', 'postgres'], candidates, !option);
  if (dir) return dir;
  const looked = [
    ...candidates.filter(Boolean),
    ...(option ? [] : ['$PATH']),
  ].join(', ');
  throw new StackError(
    `the PostgreSQL server binaries (initdb, postgres) were not found (looked in ${looked}). ` +
      `Install the server (Debian: apt-get install postgresql), or set EVENTPORT_PG_BIN to ` +
      `the folder that holds them.`,
  );
}

async function query(
  port: number,
  user: string,
  database: string,
  sql: string,
): Promise<Array<Record<string, unknown>>> {
  const client = new Client({
    host: HOST,
    port,
    user,
    database,
    connectionTimeoutMillis: 3000,
    query_timeout: 10_000,
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startCdcPostgres(
  options: CdcPostgresOptions = {},
): Promise<CdcDatabase> {
  const progress = options.onProgress ?? defaultProgress;
  const user = options.user ?? 'postgres';
  const database = options.database ?? 'eventport';
  const slots = options.maxReplicationSlots ?? 10;
  const senders = options.maxWalSenders ?? 10;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const binDir = postgresBinDir(options.binDir);
  const osUser = serviceUser('postgres');
  if (options.port)
    await assertPortsFree([{ port: options.port, what: 'CDC PostgreSQL' }]);

  const started = Date.now();
  const { runDir, remove } = makeRunDir('eventport-cdc-postgres-', osUser);
  const dataDir = path.join(runDir, 'data');
  const socketDir = path.join(runDir, 'socket');
  const logFile = path.join(runDir, 'postgres.log');
  let server: JvmProcess | undefined;
  const stop = async () => {
    if (server && !server.exited) {
      // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients.
      try {
        const pid = Number(
          fs
            .readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8')
            .split('\n')[0],
        );
        if (pid) process.kill(pid, 'SIGINT');
      } catch {
        // not running, or not yet written its pid
      }
      await server.stop();
    }
    remove();
  };

  try {
    fs.mkdirSync(socketDir);
    if (osUser) fs.chownSync(socketDir, osUser.uid, osUser.gid);
    progress(
      `cdc postgres: initdb with ${binDir} in ${runDir}${
        osUser ? ' (as the postgres user)' : ''
      }`,
    );
    await runSetup(
      'initdb',
      path.join(binDir, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        user,
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ],
      { cwd: runDir, logFile: path.join(runDir, 'initdb.log'), user: osUser },
    );

    const version = await retryOnBindRace(async () => {
      const port = options.port || (await freePort());
      progress(
        `cdc postgres: starting on ${HOST}:${port} (wal_level=logical, ` +
          `max_replication_slots=${slots}, max_wal_senders=${senders})`,
      );
      server = new JvmProcess({
        name: 'cdc-postgres',
        java: path.join(binDir, 'postgres'),
        args: [
          '-D',
          dataDir,
          '-p',
          String(port),
          '-k',
          socketDir,
          '-c',
          `listen_addresses=${HOST}`,
          '-c',
          'wal_level=logical',
          '-c',
          `max_replication_slots=${slots}`,
          '-c',
          `max_wal_senders=${senders}`,
          '-c',
          'fsync=off',
          '-c',
          'shared_buffers=32MB',
        ],
        cwd: runDir,
        logFile,
        uid: osUser?.uid,
        gid: osUser?.gid,
      });
      server.start();
      let seen = '';
      try {
        await server.waitUntil(
          'answering SQL over TCP',
          async () => {
            const [row] = await query(
              port,
              user,
              'postgres',
              'SHOW server_version',
            );
            seen = String(row.server_version);
            return true;
          },
          readyTimeoutMs,
        );
      } catch (e) {
        await server.stop();
        throw e;
      }
      return { port, seen };
    });
    const [wal] = await query(version.port, user, 'postgres', 'SHOW wal_level');
    if (wal.wal_level !== 'logical')
      throw new StackError(
        `cdc postgres started with wal_level=${wal.wal_level}`,
      );
    await query(
      version.port,
      user,
      'postgres',
      `CREATE DATABASE "${database.replace(/"/g, '""')}"`,
    );
    progress(
      `cdc postgres ready: postgresql://${user}@${HOST}:${version.port}/${database} ` +
        `(PostgreSQL ${version.seen}, ${((Date.now() - started) / 1000).toFixed(
          1,
        )} s)`,
    );
    return {
      kind: 'postgres',
      host: HOST,
      port: version.port,
      user,
      database,
      version: version.seen,
      runDir,
      logFile,
      close: stop,
    };
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
}
