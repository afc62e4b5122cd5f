import { z } from 'zod';

/**
 * Kinds of CDC source databases: PostgreSQL, and MariaDB or MySQL (one
 * protocol, one Debezium connector family).
 *
 * @public
 */
export const cdcSourceTypeSchema = z.enum(['postgres', 'mariadb', 'mysql']);
/** @public */
export type CdcSourceType = z.infer<typeof cdcSourceTypeSchema>;

/**
 * A configured CDC source (`eventStreaming.cdc.sources.<id>`) as the portal
 * shows it. It never carries the password.
 *
 * @public
 */
export const cdcSourceSummarySchema = z.object({
  /** The key under `eventStreaming.cdc.sources`, named by the `eventport.io/cdc-source` annotation. */
  id: z.string(),
  type: cdcSourceTypeSchema,
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  user: z.string(),
});
/** @public */
export type CdcSourceSummary = z.infer<typeof cdcSourceSummarySchema>;

/**
 * One column of an introspected table.
 *
 * @public
 */
export const cdcColumnSchema = z.object({
  name: z.string(),
  /** The type as the database names it, e.g. `character varying(255)` or `varchar(255)`. */
  dataType: z.string(),
  nullable: z.boolean(),
  /** Part of the table's primary key. */
  primaryKey: z.boolean(),
  /** The name suggests personal data (see `piiReason`). */
  pii: z.boolean(),
  /** Why the column is flagged, e.g. `email address`; present when `pii` is true. */
  piiReason: z.string().optional(),
});
/** @public */
export type CdcColumn = z.infer<typeof cdcColumnSchema>;

/**
 * One table with its columns in their declared order.
 *
 * @public
 */
export const cdcTableSchema = z.object({
  name: z.string(),
  /** The primary key's columns, in key order; empty when the table has none. */
  primaryKey: z.array(z.string()),
  columns: z.array(cdcColumnSchema),
});
/** @public */
export type CdcTable = z.infer<typeof cdcTableSchema>;

/**
 * A schema (PostgreSQL) or a database (MariaDB/MySQL) and its tables.
 *
 * @public
 */
export const cdcSchemaSchema = z.object({
  name: z.string(),
  tables: z.array(cdcTableSchema),
});
/** @public */
export type CdcSchema = z.infer<typeof cdcSchemaSchema>;

/**
 * What introspection of a source found: schemas, tables and columns, each
 * list sorted by name (columns keep their declared order).
 *
 * @public
 */
export const cdcIntrospectionSchema = z.object({
  sourceId: z.string(),
  type: cdcSourceTypeSchema,
  /** The server's version string, e.g. `15.14 (Debian ...)` or `10.11.9-MariaDB`. */
  serverVersion: z.string(),
  schemas: z.array(cdcSchemaSchema),
});
/** @public */
export type CdcIntrospection = z.infer<typeof cdcIntrospectionSchema>;

/**
 * A table chosen for capture: `schema` is the PostgreSQL schema, or the
 * MariaDB/MySQL database.
 *
 * @public
 */
export const cdcTableRefSchema = z.object({
  schema: z.string().min(1),
  table: z.string().min(1),
});
/** @public */
export type CdcTableRef = z.infer<typeof cdcTableRefSchema>;

/**
 * The outcome of one pre-flight check.
 *
 * @public
 */
export const cdcPreflightCheckSchema = z.object({
  /** Stable id, e.g. `wal-level` or `replica-identity:public.customers`. */
  id: z.string(),
  title: z.string(),
  passed: z.boolean(),
  /** What was observed, e.g. `wal_level is replica`. */
  detail: z.string(),
  /** The exact statements or settings that make it pass; present when it failed. */
  fix: z.string().optional(),
  /**
   * `warning`: advice that does not stop Debezium (such as a superuser
   * where a replication role would do); absent: Debezium needs it.
   */
  severity: z.literal('warning').optional(),
});
/** @public */
export type CdcPreflightCheck = z.infer<typeof cdcPreflightCheckSchema>;
