/**
 * The CDC source database launchers against the installed server binaries:
 * the settings Debezium needs are really in effect, the database exists,
 * progress lines are printed, close() stops the server and removes its run
 * folder, no server outlives a killed parent, and a missing binary gives a
 * message that says what to install.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import { StackError } from '../stack/errors';
import { startCdcMariadb, startCdcPostgres } from '.';

jest.setTimeout(120_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of live processes whose command line mentions `needle`. */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (cmdline.includes(needle) && !/^\d+ \(.*\) Z/.test(stat))
        pids.push(Number(entry));
    } catch {
      // gone while we looked
    }
  }
  return pids;
}

async function waitUntil(what: string, ok: () => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`${what} after ${ms / 1000} s`);
    await new Promise(r => setTimeout(r, 200));
  }
}

describe('startCdcPostgres', () => {
  it('starts a cluster with logical decoding, and removes it on close', async () => {
    const lines: string[] = [];
    const pg = await startCdcPostgres({
      database: 'shop',
      maxReplicationSlots: 4,
      maxWalSenders: 3,
      onProgress: l => lines.push(l),
    });
    let pid = 0;
    try {
      expect(pg).toMatchObject({
        kind: 'postgres',
        host: '127.0.0.1',
        user: 'postgres',
        database: 'shop',
      });
      const client = new Client({
        host: pg.host,
        port: pg.port,
        user: pg.user,
        database: pg.database,
      });
      await client.connect();
      const { rows } = await client.query(
        `SELECT current_setting('wal_level') AS wal_level,
                current_setting('max_replication_slots') AS slots,
                current_setting('max_wal_senders') AS senders,
                current_setting('listen_addresses') AS listen,
                current_database() AS db, pg_backend_pid() AS backend`,
      );
      // A logical slot can really be made (it needs wal_level=logical).
      await client.query(
        "SELECT pg_create_logical_replication_slot('probe', 'pgoutput')",
      );
      await client.query("SELECT pg_drop_replication_slot('probe')");
      await client.end();
      expect(rows[0]).toMatchObject({
        wal_level: 'logical',
        slots: '4',
        senders: '3',
        listen: '127.0.0.1',
        db: 'shop',
      });
      pid = Number(
        fs
          .readFileSync(`${pg.runDir}/data/postmaster.pid`, 'utf8')
          .split('\n')[0],
      );
      expect(alive(pid)).toBe(true);
      expect(lines[0]).toMatch(/^cdc postgres: initdb with .* in /);
      expect(lines[lines.length - 1]).toMatch(
        new RegExp(
          `^cdc postgres ready: postgresql://postgres@127\\.0\\.0\\.1:${pg.port}/shop \\(PostgreSQL 1\\d`,
        ),
      );
    } finally {
      await pg.close();
    }
    expect(alive(pid)).toBe(false);
    expect(fs.existsSync(pg.runDir)).toBe(false);
  });

  it('says what to install when the binaries are missing', async () => {
    await expect(
      startCdcPostgres({ binDir: '/nonexistent/bin' }),
    ).rejects.toThrow(
      new StackError(
        'the PostgreSQL server binaries (initdb, postgres) were not found (looked in /nonexistent/bin). ' +
          'Install the server (Debian: apt-get install postgresql), or set EVENTPORT_PG_BIN to the folder that holds them.',
      ),
    );
  });
});

describe('startCdcMariadb', () => {
  it('starts a server with the binlog in row mode, and removes it on close', async () => {
    const lines: string[] = [];
    const db = await startCdcMariadb({
      serverId: 7,
      onProgress: l => lines.push(l),
    });
    let pid = 0;
    try {
      expect(db).toMatchObject({
        kind: 'mariadb',
        host: '127.0.0.1',
        user: 'root',
        database: 'eventport',
      });
      const conn = await mysql.createConnection({
        host: db.host,
        port: db.port,
        user: db.user,
        database: db.database,
      });
      const [rows] = await conn.query(
        `SELECT @@GLOBAL.log_bin AS log_bin, @@GLOBAL.binlog_format AS format,
                @@GLOBAL.binlog_row_image AS image, @@GLOBAL.server_id AS server_id,
                @@GLOBAL.bind_address AS bind, DATABASE() AS db`,
      );
      await conn.end();
      expect((rows as any[])[0]).toEqual({
        log_bin: 1,
        format: 'ROW',
        image: 'FULL',
        server_id: 7,
        bind: '127.0.0.1',
        db: 'eventport',
      });
      pid = Number(fs.readFileSync(`${db.runDir}/mariadb.pid`, 'utf8').trim());
      expect(alive(pid)).toBe(true);
      expect(lines[lines.length - 1]).toMatch(
        new RegExp(
          `^cdc mariadb ready: mysql://root@127\\.0\\.0\\.1:${db.port}/eventport \\(MariaDB `,
        ),
      );
    } finally {
      await db.close();
    }
    expect(alive(pid)).toBe(false);
    expect(fs.existsSync(db.runDir)).toBe(false);
  });

  it('says what to install when the binaries are missing', async () => {
    await expect(
      startCdcMariadb({ binDir: '/nonexistent/bin' }),
    ).rejects.toThrow(
      /^the MariaDB server binaries \(mariadbd and mariadb-install-db\) were not found \(looked in \/nonexistent\/bin\)\. Install the server \(Debian: apt-get install mariadb-server\)/,
    );
  });
});

describe('the launchers without their parent', () => {
  it('leave no server behind when the process that started them is killed', async () => {
    // tsx as a loader in the child itself: the process killed is the launcher.
    const script =
      `const { startCdcPostgres, startCdcMariadb } = require(${JSON.stringify(
        __dirname,
      )});` +
      'Promise.all([startCdcPostgres(), startCdcMariadb()]).then(' +
      "([p, m]) => { console.log('DIRS', p.runDir, m.runDir); setInterval(() => {}, 1000); });";
    const child = spawn(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), '-e', script],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    try {
      await waitUntil(
        `no DIRS line (stderr: ${err})`,
        () => /DIRS /.test(out) || child.exitCode !== null,
        60_000,
      );
    } catch (e) {
      child.kill('SIGKILL');
      throw e;
    }
    const [pgDir, mariaDir] = /DIRS (\S+) (\S+)/.exec(out)!.slice(1);
    expect(processesMentioning(pgDir).length).toBeGreaterThanOrEqual(1);
    expect(processesMentioning(mariaDir).length).toBeGreaterThanOrEqual(1);

    child.kill('SIGKILL');
    await waitUntil(
      'servers of the killed launcher still running',
      () =>
        processesMentioning(pgDir).length +
          processesMentioning(mariaDir).length ===
        0,
    );
    // A SIGKILL runs no exit hook: the next start removes the orphaned folders.
    expect(fs.existsSync(pgDir)).toBe(true);
    const [pg, db] = await Promise.all([
      startCdcPostgres({ onProgress: () => {} }),
      startCdcMariadb({ onProgress: () => {} }),
    ]);
    await Promise.all([pg.close(), db.close()]);
    expect(fs.existsSync(pgDir)).toBe(false);
    expect(fs.existsSync(mariaDir)).toBe(false);
  });
});
