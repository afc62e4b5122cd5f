import { Knex } from 'knex';

const TABLE = 'event_streaming_topic_descriptions';

/**
 * Descriptions given when topics are created. Kafka has no place for them,
 * so they live in the plugin's database.
 */
export class TopicDescriptionStore {
  constructor(private readonly db: Knex) {}

  async get(cluster: string, topic: string): Promise<string | undefined> {
    const row = await this.db(TABLE).where({ cluster, topic }).first();
    return row?.description;
  }

  /** Every description of a cluster, by topic. */
  async all(cluster: string): Promise<Map<string, string>> {
    const rows: Array<{ topic: string; description: string }> = await this.db(
      TABLE,
    )
      .where({ cluster })
      .select('topic', 'description');
    return new Map(rows.map(r => [r.topic, r.description]));
  }

  async set(cluster: string, topic: string, description: string) {
    await this.db(TABLE)
      .insert({
        cluster,
        topic,
        description,
        updated_at: new Date().toISOString(),
      })
      .onConflict(['cluster', 'topic'])
      .merge();
  }

  async remove(cluster: string, topic: string) {
    await this.db(TABLE).where({ cluster, topic }).delete();
  }
}
