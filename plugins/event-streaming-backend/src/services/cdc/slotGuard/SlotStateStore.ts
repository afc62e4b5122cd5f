import { Knex } from 'knex';

const STATES = 'event_streaming_cdc_slot_states';

/** What the guard finds wrong with a slot, worst first. */
export type SlotProblem = 'orphan' | 'inactive' | 'retained';

/** What the last check saw of one slot. */
export interface SlotState {
  sourceId: string;
  slotName: string;
  /** Epoch ms when a check first saw it inactive; null while active. */
  inactiveSince: number | null;
  problem: SlotProblem | null;
  /** The problem the owners were told about and not yet told is over. */
  notifiedProblem: SlotProblem | null;
  retainedBytes: number | null;
  checkedAt: number;
}

type Row = {
  source_id: string;
  slot_name: string;
  inactive_since: string | null;
  problem: string | null;
  notified_problem: string | null;
  retained_bytes: string | number | null;
  checked_at: string;
};

const time = (iso: string | null) => (iso ? Date.parse(iso) : null);
const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString();

function fromRow(row: Row): SlotState {
  return {
    sourceId: row.source_id,
    slotName: row.slot_name,
    inactiveSince: time(row.inactive_since),
    problem: row.problem as SlotProblem | null,
    notifiedProblem: row.notified_problem as SlotProblem | null,
    retainedBytes:
      row.retained_bytes === null ? null : Number(row.retained_bytes),
    checkedAt: time(row.checked_at)!,
  };
}

/**
 * The slot guard's memory in the plugin's database: shared by every replica,
 * so an inactive slot is timed from the first check that saw it, whichever
 * replica ran it.
 */
export class SlotStateStore {
  constructor(private readonly db: Knex) {}

  async ofSource(sourceId: string): Promise<Map<string, SlotState>> {
    const rows = await this.db<Row>(STATES).where({ source_id: sourceId });
    return new Map(rows.map(r => [r.slot_name, fromRow(r)]));
  }

  async put(state: SlotState): Promise<void> {
    await this.db<Row>(STATES)
      .insert({
        source_id: state.sourceId,
        slot_name: state.slotName,
        inactive_since: iso(state.inactiveSince),
        problem: state.problem,
        notified_problem: state.notifiedProblem,
        retained_bytes: state.retainedBytes,
        checked_at: iso(state.checkedAt)!,
      })
      .onConflict(['source_id', 'slot_name'])
      .merge();
  }

  async remove(sourceId: string, slotName: string): Promise<void> {
    await this.db<Row>(STATES)
      .where({ source_id: sourceId, slot_name: slotName })
      .delete();
  }
}
