// @ts-check

/**
 * The replication-slot guard (issue 27): what the last check saw of each
 * Eventport slot on a CDC source, so that an inactive slot is timed across
 * checks (and replicas) and each problem is notified once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('event_streaming_cdc_slot_states', table => {
    table.comment('What the slot guard last saw of each Eventport slot');
    table
      .string('source_id', 64)
      .notNullable()
      .comment('The key under eventStreaming.cdc.sources');
    table
      .string('slot_name', 64)
      .notNullable()
      .comment('pg_replication_slots.slot_name');
    table
      .string('inactive_since', 32)
      .nullable()
      .comment('When a check first saw the slot inactive; null while active');
    table
      .string('problem', 16)
      .nullable()
      .comment('orphan, inactive or retained; null when healthy');
    table
      .string('notified_problem', 16)
      .nullable()
      .comment(
        'The problem the owners were last told about; null when none or resolved',
      );
    table
      .bigInteger('retained_bytes')
      .nullable()
      .comment('WAL kept for the slot at the last check');
    table.string('checked_at', 32).notNullable();
    table.primary(['source_id', 'slot_name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('event_streaming_cdc_slot_states');
};
