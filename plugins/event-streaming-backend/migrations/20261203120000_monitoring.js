// @ts-check

/**
 * Offset samples for consumer lag and throughput, the groups the sampler
 * watches, connector task samples, and lag alert rules with their state.
 *
 * Samples of one sampler cycle share `sampled_at` (epoch milliseconds), so
 * that thinning old samples keeps or drops whole cycles.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('event_streaming_offset_samples', table => {
    table.comment(
      'End offsets of every partition of a topic, per sampler cycle',
    );
    table.bigIncrements('id');
    table.string('cluster', 63).notNullable();
    table.string('topic', 249).notNullable();
    table.bigInteger('sampled_at').notNullable();
    table
      .text('end_offsets')
      .notNullable()
      .comment('JSON array by partition; null where unknown');
    table.index(
      ['cluster', 'topic', 'sampled_at'],
      'es_offset_samples_topic_idx',
    );
    table.index(['cluster', 'sampled_at'], 'es_offset_samples_time_idx');
  });
  await knex.schema.createTable('event_streaming_group_samples', table => {
    table.comment(
      'Committed offsets and state of a watched consumer group, per sampler cycle',
    );
    table.bigIncrements('id');
    table.string('cluster', 63).notNullable();
    table.string('group_id', 255).notNullable();
    table.bigInteger('sampled_at').notNullable();
    table.string('state', 40).notNullable();
    table.integer('members').notNullable();
    table
      .text('offsets')
      .notNullable()
      .comment('JSON { topic: [[partition, offset], ...] }');
    table.index(
      ['cluster', 'group_id', 'sampled_at'],
      'es_group_samples_group_idx',
    );
    table.index(['cluster', 'sampled_at'], 'es_group_samples_time_idx');
  });
  await knex.schema.createTable('event_streaming_watched_groups', table => {
    table.comment(
      'Consumer groups viewed in the portal, sampled until watch_until',
    );
    table.string('cluster', 63).notNullable();
    table.string('group_id', 255).notNullable();
    table.bigInteger('watch_until').notNullable();
    table.primary(['cluster', 'group_id']);
  });
  await knex.schema.createTable('event_streaming_connector_samples', table => {
    table.comment('Connector and task states, per sampler cycle');
    table.bigIncrements('id');
    table.string('cluster', 63).notNullable();
    table.string('connector', 255).notNullable();
    table.bigInteger('sampled_at').notNullable();
    table.string('state', 20).notNullable();
    table.text('tasks').notNullable().comment('JSON [[taskId, state], ...]');
    table.index(
      ['cluster', 'connector', 'sampled_at'],
      'es_connector_samples_idx',
    );
    table.index(['cluster', 'sampled_at'], 'es_connector_samples_time_idx');
  });
  await knex.schema.createTable('event_streaming_alert_rules', table => {
    table.comment('Lag alert rules on consumer groups and topics');
    table.string('id', 36).primary();
    table.string('cluster', 63).notNullable();
    table.string('target_type', 10).notNullable();
    table.string('target_name', 255).notNullable();
    table.string('kind', 20).notNullable();
    table.bigInteger('threshold').nullable();
    table.integer('for_seconds').notNullable();
    table.string('severity', 10).notNullable();
    table.boolean('enabled').notNullable().defaultTo(true);
    table.string('owner', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.index(
      ['cluster', 'target_type', 'target_name'],
      'es_alert_rules_target_idx',
    );
  });
  await knex.schema.createTable('event_streaming_alert_states', table => {
    table.comment(
      'Pending and firing alerts, one row per rule and group; the group of a group rule also keeps an ok row with its last value',
    );
    table.string('rule_id', 36).notNullable();
    table.string('group_id', 255).notNullable();
    table.string('state', 10).notNullable();
    table
      .bigInteger('since')
      .nullable()
      .comment('When the condition started to hold; null when ok');
    table.double('value').nullable();
    table.bigInteger('notified_at').nullable();
    table.primary(['rule_id', 'group_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('event_streaming_alert_states');
  await knex.schema.dropTable('event_streaming_alert_rules');
  await knex.schema.dropTable('event_streaming_connector_samples');
  await knex.schema.dropTable('event_streaming_watched_groups');
  await knex.schema.dropTable('event_streaming_group_samples');
  await knex.schema.dropTable('event_streaming_offset_samples');
};
