// @ts-check

/**
 * CDC pipelines: the source, the selection, the generated artefacts, the
 * security review and where the deployment went.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('event_streaming_cdc_pipelines', table => {
    table.comment('CDC pipelines requested through Eventport');
    table.string('id', 36).primary();
    table.string('cluster', 63).notNullable();
    table.string('name', 63).notNullable();
    table.string('source_entity_ref', 255).notNullable();
    table.string('source_id', 63).notNullable();
    table.string('source_type', 16).notNullable();
    table.string('topic_prefix', 255).notNullable();
    table.string('owner', 255).notNullable();
    table.string('requested_by', 255).notNullable();
    table.text('reason').notNullable();
    table
      .text('selection', 'longtext')
      .notNullable()
      .comment('JSON: tables and column handling');
    table
      .text('artefacts', 'longtext')
      .notNullable()
      .comment('JSON: connector config, topics, manifests');
    table
      .text('preflight', 'longtext')
      .notNullable()
      .comment('JSON: pre-flight results at submission');
    table.string('approval_id', 36).nullable();
    table.string('status', 16).notNullable();
    table
      .text('deployment')
      .nullable()
      .comment('JSON: mode, branch, commit, pull request');
    table.text('error').nullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.unique(['cluster', 'name']);
    table.index(['source_entity_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('event_streaming_cdc_pipelines');
};
