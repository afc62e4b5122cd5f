// @ts-check

/**
 * Evidence on requests (issue 28): what the approver should know about the
 * resource, as it was when the request was made (the approval page reads it
 * again when opened).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('event_streaming_approvals', table => {
    table
      .text('evidence')
      .nullable()
      .comment(
        'JSON: why the kind needs approval and the facts about the resource when the request was made',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('event_streaming_approvals', table => {
    table.dropColumn('evidence');
  });
};
