// @ts-check

/**
 * Approval safety (issue 25): one open request per resource enforced by the
 * database, an execution lease the reconciler respects, and an expiry.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('event_streaming_approvals', table => {
    table
      .string('open_key', 512)
      .nullable()
      .comment(
        'The resource while the request is open (pending, approved, executing); null after. Unique: one open request per resource',
      );
    table
      .string('lease_until', 32)
      .nullable()
      .comment(
        'While executing: the executing process renews it; past it the reconciler may settle the request',
      );
    table
      .string('expires_at', 32)
      .nullable()
      .comment(
        'A pending request past this is expired and can no longer be decided',
      );
    table.unique(['open_key'], {
      indexName: 'event_streaming_approvals_open_key_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('event_streaming_approvals', table => {
    table.dropUnique(['open_key'], 'event_streaming_approvals_open_key_uq');
    table.dropColumn('open_key');
    table.dropColumn('lease_until');
    table.dropColumn('expires_at');
  });
};
