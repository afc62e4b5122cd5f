// @ts-check

/**
 * Approval requests with their history, and topic descriptions.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('event_streaming_approvals', table => {
    table.comment('Approval requests: a kind, a validated payload and a status');
    table.string('id', 36).primary().notNullable();
    table.string('kind', 64).notNullable();
    table.text('payload').notNullable().comment('JSON, validated by the kind');
    table.string('status', 16).notNullable();
    table.string('requested_by', 255).notNullable();
    table.text('reason').notNullable();
    table.string('decided_by', 255).nullable();
    table.text('error').nullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.index(['status'], 'event_streaming_approvals_status_idx');
    table.index(['requested_by'], 'event_streaming_approvals_requester_idx');
  });
  await knex.schema.createTable('event_streaming_approval_history', table => {
    table.comment('Every transition of an approval request');
    table.increments('seq').primary();
    table
      .string('approval_id', 36)
      .notNullable()
      .references('id')
      .inTable('event_streaming_approvals')
      .onDelete('CASCADE');
    table.string('at', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 16).notNullable();
    table.string('status', 16).notNullable();
    table.text('comment').nullable();
    table.index(['approval_id'], 'event_streaming_approval_history_id_idx');
  });
  await knex.schema.createTable('event_streaming_topic_descriptions', table => {
    table.comment('Descriptions of topics created through Eventport');
    table.string('cluster', 63).notNullable();
    table.string('topic', 249).notNullable();
    table.text('description').notNullable();
    table.string('updated_at', 32).notNullable();
    table.primary(['cluster', 'topic']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('event_streaming_topic_descriptions');
  await knex.schema.dropTable('event_streaming_approval_history');
  await knex.schema.dropTable('event_streaming_approvals');
};
