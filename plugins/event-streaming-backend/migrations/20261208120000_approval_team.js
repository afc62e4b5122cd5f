// @ts-check

/**
 * Requests a team can live with (issue 28): a request belongs to the owner
 * group of the resource it acts on as well as to its requester, and names
 * that resource, so that the team sees, lists and cancels it, and the
 * resource's page shows it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('event_streaming_approvals', table => {
    table
      .string('owner', 255)
      .nullable()
      .comment(
        'Entity ref of the group that owns the resource, when known: its members see and may cancel the request',
      );
    table
      .string('subject', 512)
      .nullable()
      .comment(
        'The resource the request acts on, e.g. topic:<cluster>/<topic>; its page lists the open requests',
      );
    table.index(['owner'], 'event_streaming_approvals_owner_idx');
    table.index(['subject'], 'event_streaming_approvals_subject_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('event_streaming_approvals', table => {
    table.dropIndex(['owner'], 'event_streaming_approvals_owner_idx');
    table.dropIndex(['subject'], 'event_streaming_approvals_subject_idx');
    table.dropColumn('owner');
    table.dropColumn('subject');
  });
};
