/**
 * Helpers of the CDC source tests: SQL against a real server (as its admin,
 * to set up what a test inspects), a source config for an inspector, and the
 * expected shape of an introspected column.
 */
import type { CdcSourceType } from '@eventport/plugin-event-streaming-common';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import type { CdcSourceConfig } from '../services/cdc/config';

export interface ServerAddress {
  host: string;
  port: number;
  user: string;
  database?: string;
}

/** Runs the statements in order on PostgreSQL; the rows of the last one. */
export async function pgRun(
  conn: ServerAddress,
  statements: string[],
): Promise<Array<Record<string, any>>> {
  const client = new Client({ ...conn, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    let rows: Array<Record<string, any>> = [];
    for (const sql of statements) rows = (await client.query(sql)).rows;
    return rows;
  } finally {
    await client.end();
  }
}

/** Runs the statements in order on MariaDB/MySQL; the rows of the last one. */
export async function mysqlRun(
  conn: ServerAddress,
  statements: string[],
): Promise<any[]> {
  const connection = await mysql.createConnection({
    ...conn,
    connectTimeout: 10_000,
  });
  try {
    let rows: any[] = [];
    for (const sql of statements) [rows] = (await connection.query(sql)) as any;
    return rows;
  } finally {
    await connection.end();
  }
}

/** A source config for an inspector under test. */
export function cdcSourceConfig(
  id: string,
  type: CdcSourceType,
  db: { host: string; port: number; database: string },
  user: string,
  password?: string,
): CdcSourceConfig {
  const { host, port, database } = db;
  return {
    id,
    type,
    host,
    port,
    database,
    user,
    password,
    timeoutMs: 10_000,
    passwordReference: '${env:EVENTPORT_CONNECT_PG_PASSWORD}',
    connectorHost: host,
    connectorPort: port,

    users: [],
  };
}

/** An introspected column as the inspectors report it. */
export function cdcColumn(
  name: string,
  dataType: string,
  nullable: boolean,
  primaryKey = false,
  piiReason?: string,
) {
  return {
    name,
    dataType,
    nullable,
    primaryKey,
    pii: piiReason !== undefined,
    ...(piiReason ? { piiReason } : {}),
  };
}
