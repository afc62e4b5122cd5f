import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  CdcIntrospection,
  CdcPreflightCheck,
  CdcSourceSummary,
  CdcTableRef,
} from '@eventport/plugin-event-streaming-common';
import {
  CdcSourceConfig,
  cdcSourceSummary,
  readCdcSourceConfigs,
} from './config';
import { MysqlSourceInspector } from './MysqlSourceInspector';
import { GuardedInspector } from './GuardedInspector';
import { PostgresSourceInspector } from './PostgresSourceInspector';

/**
 * Read-only access to one CDC source database. Every call opens its own
 * connection with a timeout on the connection and on each query, and closes
 * it; errors are `@backstage/errors` types (503 when the database cannot be
 * reached) whose messages never hold the password.
 */
export interface CdcSourceInspector {
  readonly source: CdcSourceSummary;
  /** Schemas (PostgreSQL) or the database (MariaDB/MySQL), tables, columns and primary keys. */
  introspect(): Promise<CdcIntrospection>;
  /** What Debezium needs of the server, the user and the selected tables, each with the fix. */
  preflight(tables: CdcTableRef[]): Promise<CdcPreflightCheck[]>;
  /** PostgreSQL: the replication slot and its lag; undefined when absent (or MariaDB/MySQL). */
  replicationSlot(name: string): Promise<CdcSlotState | undefined>;
  /**
   * PostgreSQL: every replication slot of this database whose name Eventport
   * gives (`eventport_…`), for the orphan guard; MariaDB/MySQL have none.
   */
  eventportSlots(): Promise<CdcSlotState[]>;
  /** PostgreSQL: whether the publication exists; MariaDB/MySQL have none. */
  publicationExists(name: string): Promise<boolean>;
  /**
   * PostgreSQL: drops a decommissioned pipeline's slot and publication (the
   * only write on a source). MariaDB/MySQL hold nothing to drop.
   */
  dropReplication(names: {
    slot: string;
    publication: string;
  }): Promise<CdcReplicationDrop>;
}

/** What `dropReplication` found and dropped. */
export interface CdcReplicationDrop {
  slotDropped: boolean;
  publicationDropped: boolean;
}

/** A PostgreSQL replication slot as `pg_replication_slots` shows it. */
export interface CdcSlotState {
  name: string;
  active: boolean;
  /** WAL written since the consumer's confirmed position; null before the first confirmation. */
  lagBytes: number | null;
  /** WAL the server keeps for the slot, from its restart position: what fills the disk while it is inactive. */
  retainedBytes: number | null;
}

/** The inspector for a source's type. */
export function createCdcSourceInspector(
  source: CdcSourceConfig,
  options: { logger?: LoggerService } = {},
): CdcSourceInspector {
  const logger = options.logger?.child({ cdcSource: source.id });
  return source.type === 'postgres'
    ? new PostgresSourceInspector(source, logger)
    : new MysqlSourceInspector(source, logger);
}

/** The configured CDC sources (`eventStreaming.cdc.sources`) and their inspectors. */
export class CdcSources {
  static fromConfig(
    config: RootConfigService,
    options: { logger?: LoggerService } = {},
  ): CdcSources {
    return new CdcSources(readCdcSourceConfigs(config), options.logger);
  }

  private readonly inspectors = new Map<string, CdcSourceInspector>();

  private constructor(
    private readonly sources: CdcSourceConfig[],
    private readonly logger?: LoggerService,
  ) {}

  /** The full config of a source (password included): for the backend only. */
  config(id: string): CdcSourceConfig {
    this.inspector(id);
    return this.sources.find(s => s.id === id)!;
  }

  /** Groups that may use the source besides its catalog entity's owner. */
  usersOf(id: string): string[] {
    return this.config(id).users;
  }

  /** Every source, without passwords, in configuration order. */
  list(): CdcSourceSummary[] {
    return this.sources.map(cdcSourceSummary);
  }

  /** The inspector of one source; `NotFoundError` when it is not configured. */
  inspector(id: string): CdcSourceInspector {
    const source = this.sources.find(s => s.id === id);
    if (!source) {
      const known = this.sources.map(s => s.id).join(', ') || 'none';
      throw new NotFoundError(
        `No CDC source '${id}' is configured in eventStreaming.cdc.sources (known: ${known})`,
      );
    }
    let inspector = this.inspectors.get(id);
    if (!inspector) {
      inspector = new GuardedInspector(
        createCdcSourceInspector(source, { logger: this.logger }),
      );
      this.inspectors.set(id, inspector);
    }
    return inspector;
  }
}
