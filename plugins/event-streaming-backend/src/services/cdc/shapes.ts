import {
  CdcPreflightCheck,
  CdcSchema,
  piiReason,
} from '@eventport/plugin-event-streaming-common';

/** One column as the inspectors' column queries read it, in table order. */
export interface ColumnRow {
  schema: string;
  table: string;
  column: string;
  dataType: string;
  nullable: boolean;
  /** Position in the primary key, 0 when not part of it. */
  pkPosition: number;
}

/**
 * Schemas, tables and columns from column rows ordered by schema, table and
 * column position: primary keys in key order, PII flags from the names.
 */
export function schemasFromColumns(rows: ColumnRow[]): CdcSchema[] {
  const schemas: CdcSchema[] = [];
  for (const row of rows) {
    let schema = schemas[schemas.length - 1];
    if (schema?.name !== row.schema) {
      schema = { name: row.schema, tables: [] };
      schemas.push(schema);
    }
    let table = schema.tables[schema.tables.length - 1];
    if (table?.name !== row.table) {
      table = { name: row.table, primaryKey: [], columns: [] };
      schema.tables.push(table);
    }
    const reason = piiReason(row.column);
    table.columns.push({
      name: row.column,
      dataType: row.dataType,
      nullable: row.nullable,
      primaryKey: row.pkPosition > 0,
      pii: reason !== undefined,
      ...(reason ? { piiReason: reason } : {}),
    });
  }
  const byTable = new Map<string, ColumnRow[]>();
  for (const row of rows) {
    if (row.pkPosition <= 0) continue;
    const key = `${row.schema}\u0000${row.table}`;
    const keyRows = byTable.get(key);
    if (keyRows) keyRows.push(row);
    else byTable.set(key, [row]);
  }
  for (const schema of schemas) {
    for (const table of schema.tables) {
      table.primaryKey = (
        byTable.get(`${schema.name}\u0000${table.name}`) ?? []
      )
        .sort((a, b) => a.pkPosition - b.pkPosition)
        .map(r => r.column);
    }
  }
  return schemas;
}

/** A check's result; the fix only when it failed. */
export function check(
  id: string,
  title: string,
  passed: boolean,
  detail: string,
  fix: string,
  options: { warning?: boolean } = {},
): CdcPreflightCheck {
  const severity = options.warning ? { severity: 'warning' as const } : {};
  return passed
    ? { id, title, passed, detail, ...severity }
    : { id, title, passed, detail, fix, ...severity };
}
