import { Knex } from 'knex';

const TOPICS = 'event_streaming_offset_samples';
const GROUPS = 'event_streaming_group_samples';
const WATCHED = 'event_streaming_watched_groups';
const CONNECTORS = 'event_streaming_connector_samples';

/** Bound variables per IN list: SQLite allows 999 per statement. */
const IN_CHUNK = 500;

/**
 * Runs a query per slice of `values`, concatenating the rows. Each slice's
 * rows come in the query's order, and every key lives in one slice, so the
 * rows of one key stay ordered.
 */
async function inChunks<V, R>(
  values: V[],
  query: (chunk: V[]) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) {
    for (const row of await query(values.slice(i, i + IN_CHUNK))) {
      rows.push(row);
    }
  }
  return rows;
}

/** Rows per INSERT: SQLite allows 999 bound parameters per statement. */
const INSERT_CHUNK = 150;

/** End offsets of a topic's partitions at one cycle; index = partition. */
export interface TopicSample {
  at: number;
  ends: Array<number | null>;
}

/** A group's committed offsets at one cycle. */
export interface GroupSample {
  at: number;
  state: string;
  members: number;
  /** topic → partition → committed offset. */
  offsets: Map<string, Map<number, number>>;
}

/** A connector's state and task states at one cycle. */
export interface ConnectorSample {
  at: number;
  state: string;
  tasks: Array<[number, string]>;
}

const toNumber = (v: string | number) => Number(v);

function encodeOffsets(offsets: Map<string, Map<number, number>>): string {
  const out: Record<string, Array<[number, number]>> = {};
  for (const [topic, byPartition] of offsets) out[topic] = [...byPartition];
  return JSON.stringify(out);
}

function decodeOffsets(text: string): Map<string, Map<number, number>> {
  const parsed = JSON.parse(text) as Record<string, Array<[number, number]>>;
  return new Map(
    Object.entries(parsed).map(([topic, pairs]) => [topic, new Map(pairs)]),
  );
}

/**
 * The sampler's tables. Every sample of one cycle carries the cycle's
 * timestamp, so that thinning keeps or drops whole cycles and the lag of a
 * group lines up with the end offsets read in the same cycle.
 */
export class SampleStore {
  constructor(private readonly db: Knex) {}

  private async insertChunked(table: string, rows: object[]) {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.db(table).insert(rows.slice(i, i + INSERT_CHUNK));
    }
  }

  async addTopicSamples(
    cluster: string,
    at: number,
    ends: Map<string, Array<number | null>>,
  ): Promise<void> {
    await this.insertChunked(
      TOPICS,
      [...ends].map(([topic, offsets]) => ({
        cluster,
        topic,
        sampled_at: at,
        end_offsets: JSON.stringify(offsets),
      })),
    );
  }

  async addGroupSamples(
    cluster: string,
    at: number,
    groups: Array<{ groupId: string } & Omit<GroupSample, 'at'>>,
  ): Promise<void> {
    await this.insertChunked(
      GROUPS,
      groups.map(g => ({
        cluster,
        group_id: g.groupId,
        sampled_at: at,
        state: g.state.slice(0, 40),
        members: g.members,
        offsets: encodeOffsets(g.offsets),
      })),
    );
  }

  async addConnectorSamples(
    cluster: string,
    at: number,
    connectors: Array<{ name: string } & Omit<ConnectorSample, 'at'>>,
  ): Promise<void> {
    await this.insertChunked(
      CONNECTORS,
      connectors.map(c => ({
        cluster,
        connector: c.name,
        sampled_at: at,
        state: c.state.slice(0, 20),
        tasks: JSON.stringify(c.tasks),
      })),
    );
  }

  /** End-offset samples of a topic since `from`, oldest first. */
  async topicSamples(
    cluster: string,
    topic: string,
    from: number,
  ): Promise<TopicSample[]> {
    const rows = await this.db(TOPICS)
      .where({ cluster, topic })
      .andWhere('sampled_at', '>=', from)
      .orderBy('sampled_at', 'asc')
      .select('sampled_at', 'end_offsets');
    return rows.map(r => ({
      at: toNumber(r.sampled_at),
      ends: JSON.parse(r.end_offsets),
    }));
  }

  /** Samples of these topics since `from`, by topic, oldest first. */
  async topicSamplesOf(
    cluster: string,
    topics: string[],
    from: number,
  ): Promise<Map<string, TopicSample[]>> {
    const result = new Map<string, TopicSample[]>(topics.map(t => [t, []]));
    if (topics.length === 0) return result;
    const rows = await inChunks(topics, chunk =>
      this.db(TOPICS)
        .where({ cluster })
        .whereIn('topic', chunk)
        .andWhere('sampled_at', '>=', from)
        .orderBy('sampled_at', 'asc')
        .select('topic', 'sampled_at', 'end_offsets'),
    );
    for (const r of rows) {
      result.get(r.topic)?.push({
        at: toNumber(r.sampled_at),
        ends: JSON.parse(r.end_offsets),
      });
    }
    return result;
  }

  /** Samples of a group since `from`, oldest first. */
  async groupSamples(
    cluster: string,
    groupId: string,
    from: number,
  ): Promise<GroupSample[]> {
    const rows = await this.db(GROUPS)
      .where({ cluster, group_id: groupId })
      .andWhere('sampled_at', '>=', from)
      .orderBy('sampled_at', 'asc')
      .select('sampled_at', 'state', 'members', 'offsets');
    return rows.map(r => ({
      at: toNumber(r.sampled_at),
      state: r.state,
      members: Number(r.members),
      offsets: decodeOffsets(r.offsets),
    }));
  }

  /**
   * The groups whose samples hold committed offsets on `topic`, each with
   * the latest such sample, latest first (at most `limit`), and the oldest
   * sample the cluster keeps. The database filters on the offsets' JSON
   * text, so nothing is read into memory but the answer.
   */
  async lastReadersOf(
    cluster: string,
    topic: string,
    limit: number,
  ): Promise<{
    readers: Array<{ groupId: string; lastSeenAt: number }>;
    since: number | null;
  }> {
    const pattern = `%${JSON.stringify(topic).replace(
      /[!%_]/g,
      c => `!${c}`,
    )}:%`;
    const rows = (await this.db(GROUPS)
      .where({ cluster })
      .andWhereRaw("offsets LIKE ? ESCAPE '!'", [pattern])
      .groupBy('group_id')
      .select('group_id')
      .max({ last: 'sampled_at' })
      .orderBy([
        { column: 'last', order: 'desc' },
        { column: 'group_id', order: 'asc' },
      ])
      .limit(limit)) as unknown as Array<{
      group_id: string;
      last: string | number;
    }>;
    const [{ oldest }] = await this.db(GROUPS)
      .where({ cluster })
      .min({ oldest: 'sampled_at' });
    return {
      readers: rows.map(r => ({
        groupId: r.group_id,
        lastSeenAt: toNumber(r.last),
      })),
      since: oldest === null || oldest === undefined ? null : toNumber(oldest),
    };
  }

  /** Samples of several groups since `from`, by group, oldest first. */
  async groupSamplesOf(
    cluster: string,
    groupIds: string[],
    from: number,
  ): Promise<Map<string, GroupSample[]>> {
    const result = new Map<string, GroupSample[]>(groupIds.map(g => [g, []]));
    if (groupIds.length === 0) return result;
    const rows = await inChunks(groupIds, chunk =>
      this.db(GROUPS)
        .where({ cluster })
        .whereIn('group_id', chunk)
        .andWhere('sampled_at', '>=', from)
        .orderBy('sampled_at', 'asc')
        .select('group_id', 'sampled_at', 'state', 'members', 'offsets'),
    );
    for (const r of rows) {
      result.get(r.group_id)?.push({
        at: toNumber(r.sampled_at),
        state: r.state,
        members: Number(r.members),
        offsets: decodeOffsets(r.offsets),
      });
    }
    return result;
  }

  async connectorSamples(
    cluster: string,
    connector: string,
    from: number,
  ): Promise<ConnectorSample[]> {
    const rows = await this.db(CONNECTORS)
      .where({ cluster, connector })
      .andWhere('sampled_at', '>=', from)
      .orderBy('sampled_at', 'asc')
      .select('sampled_at', 'state', 'tasks');
    return rows.map(r => ({
      at: toNumber(r.sampled_at),
      state: r.state,
      tasks: JSON.parse(r.tasks),
    }));
  }

  /**
   * Marks groups as viewed: the sampler watches them until `until`. At most
   * `cap` groups are watched per cluster: groups already watched are renewed,
   * new ones only while there is room. Answers how many were left out.
   */
  async watch(
    cluster: string,
    groupIds: string | string[],
    until: number,
    cap: number = Infinity,
  ): Promise<number> {
    let ids = typeof groupIds === 'string' ? [groupIds] : groupIds;
    let leftOut = 0;
    if (cap !== Infinity && ids.length) {
      const now = Date.now();
      const [{ count }] = await this.db(WATCHED)
        .where({ cluster })
        .andWhere('watch_until', '>=', now)
        .count({ count: '*' });
      const known = new Set<string>();
      for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
        const rows = await this.db(WATCHED)
          .where({ cluster })
          .whereIn('group_id', ids.slice(i, i + INSERT_CHUNK))
          .select('group_id');
        for (const r of rows) known.add(r.group_id);
      }
      const fresh = ids.filter(id => !known.has(id));
      const room = Math.max(0, cap - Number(count));
      leftOut = Math.max(0, fresh.length - room);
      ids = [...ids.filter(id => known.has(id)), ...fresh.slice(0, room)];
    }
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      await this.db(WATCHED)
        .insert(
          ids
            .slice(i, i + INSERT_CHUNK)
            .map(id => ({ cluster, group_id: id, watch_until: until })),
        )
        .onConflict(['cluster', 'group_id'])
        .merge();
    }
    return leftOut;
  }

  /** Groups viewed recently; expired rows are deleted on the way. */
  async watchedGroups(cluster: string, now: number): Promise<string[]> {
    await this.db(WATCHED)
      .where({ cluster })
      .andWhere('watch_until', '<', now)
      .delete();
    const rows = await this.db(WATCHED).where({ cluster }).select('group_id');
    return rows.map(r => r.group_id);
  }

  /** The cycle timestamps of a cluster in [from, to), oldest first. */
  async cycles(cluster: string, from: number, to: number): Promise<number[]> {
    const rows = await this.db(TOPICS)
      .where({ cluster })
      .andWhere('sampled_at', '>=', from)
      .andWhere('sampled_at', '<', to)
      .distinct('sampled_at')
      .orderBy('sampled_at', 'asc');
    return rows.map(r => toNumber(r.sampled_at));
  }

  /** Deletes whole cycles from every sample table. */
  async deleteCycles(cluster: string, timestamps: number[]): Promise<void> {
    for (let i = 0; i < timestamps.length; i += INSERT_CHUNK) {
      const chunk = timestamps.slice(i, i + INSERT_CHUNK);
      for (const table of [TOPICS, GROUPS, CONNECTORS]) {
        await this.db(table)
          .where({ cluster })
          .whereIn('sampled_at', chunk)
          .delete();
      }
    }
  }

  /** Deletes every sample older than `before`. */
  async deleteOlderThan(cluster: string, before: number): Promise<void> {
    for (const table of [TOPICS, GROUPS, CONNECTORS]) {
      await this.db(table)
        .where({ cluster })
        .andWhere('sampled_at', '<', before)
        .delete();
    }
  }

  /** Row counts, for tests and the benchmark. */
  async counts(cluster: string) {
    const count = async (table: string) =>
      Number((await this.db(table).where({ cluster }).count({ n: '*' }))[0].n);
    return {
      topics: await count(TOPICS),
      groups: await count(GROUPS),
      connectors: await count(CONNECTORS),
    };
  }
}
