// @ts-check

/**
 * Owners recorded for connectors created through Eventport, for names
 * outside every namespace.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('event_streaming_connector_owners', table => {
    table.comment('The owner group of connectors created through Eventport');
    table.string('cluster', 63).notNullable();
    table.string('name', 255).notNullable();
    table.string('owner', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.primary(['cluster', 'name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('event_streaming_connector_owners');
};
