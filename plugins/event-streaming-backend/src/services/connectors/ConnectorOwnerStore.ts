import { Knex } from 'knex';

const TABLE = 'event_streaming_connector_owners';

/**
 * The owner group recorded for connectors created through Eventport. A
 * connector named inside a namespace belongs to that namespace instead.
 */
export class ConnectorOwnerStore {
  constructor(private readonly db: Knex) {}

  async get(cluster: string, name: string): Promise<string | undefined> {
    const row = await this.db(TABLE).where({ cluster, name }).first();
    return row?.owner;
  }

  /** Every recorded owner of a cluster, by connector name. */
  async all(cluster: string): Promise<Map<string, string>> {
    const rows: Array<{ name: string; owner: string }> = await this.db(TABLE)
      .where({ cluster })
      .select('name', 'owner');
    return new Map(rows.map(r => [r.name, r.owner]));
  }

  async set(cluster: string, name: string, owner: string, createdBy: string) {
    await this.db(TABLE)
      .insert({
        cluster,
        name,
        owner,
        created_by: createdBy,
        created_at: new Date().toISOString(),
      })
      .onConflict(['cluster', 'name'])
      .merge();
  }

  async remove(cluster: string, name: string) {
    await this.db(TABLE).where({ cluster, name }).delete();
  }
}
