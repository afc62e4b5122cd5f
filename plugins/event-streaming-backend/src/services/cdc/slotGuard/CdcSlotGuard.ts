/**
 * The replication-slot guard: an inactive slot keeps every WAL segment from
 * its position on, and the source database's disk fills until it stops. On
 * a schedule, it lists the slots Eventport named on each PostgreSQL source
 * and tells the owner and the platform approvers about each one that
 * - belongs to no live pipeline (an orphan: the pipeline was removed behind
 *   Eventport's back, failed, or never was Eventport's),
 * - has been inactive longer than `inactiveAfter`, or
 * - keeps more WAL than `retainedWalWarningMb`,
 * with the WAL it keeps and what to do; and once more when it is over.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CDC_CLOSED_STATUSES,
  cdcSlotName,
  durationToMs,
  formatBytes,
  HumanDuration,
  humanDurationSchema,
} from '@eventport/plugin-event-streaming-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { CdcSlotState, CdcSources } from '../CdcSourceInspector';
import type { CdcPipelineStore, SourcePipeline } from '../CdcPipelineStore';
import { SlotProblem, SlotStateStore } from './SlotStateStore';

/** The notifications topic users can mute or route in their settings. */
export const SLOT_NOTIFICATION_TOPIC = 'event-streaming-cdc-slots';

/** `eventStreaming.cdc.slotGuard`. */
export interface SlotGuardConfig {
  enabled: boolean;
  frequencyMs: number;
  inactiveAfterMs: number;
  /** Retained WAL past which a slot is reported (and a paused pipeline warns). */
  retainedWarningBytes: number;
}

const DEFAULTS = {
  frequencyMs: 5 * 60_000,
  inactiveAfterMs: 60 * 60_000,
  retainedWalWarningMb: 1024,
};

function readDuration(config: Config, key: string, fallback: number) {
  if (!config.has(key)) return fallback;
  const parsed = humanDurationSchema.safeParse(config.get(key));
  const ms = parsed.success ? durationToMs(parsed.data as HumanDuration) : 0;
  if (!(ms > 0)) {
    throw new InputError(
      `eventStreaming.cdc.slotGuard.${key} must be a duration longer than zero, such as { minutes: 30 }`,
    );
  }
  return ms;
}

export function readSlotGuardConfig(root: Config): SlotGuardConfig {
  const config =
    root.getOptionalConfig('eventStreaming.cdc.slotGuard') ??
    new ConfigReader({});
  const mb =
    config.getOptionalNumber('retainedWalWarningMb') ??
    DEFAULTS.retainedWalWarningMb;
  if (!(mb > 0)) {
    throw new InputError(
      `eventStreaming.cdc.slotGuard.retainedWalWarningMb must be a positive number of MiB, got ${mb}`,
    );
  }
  return {
    enabled: config.getOptionalBoolean('enabled') ?? true,
    frequencyMs: readDuration(config, 'frequency', DEFAULTS.frequencyMs),
    inactiveAfterMs: readDuration(
      config,
      'inactiveAfter',
      DEFAULTS.inactiveAfterMs,
    ),
    retainedWarningBytes: mb * 1024 * 1024,
  };
}

/** What one check found on one source, for logs and tests. */
export interface SlotGuardReport {
  sourceId: string;
  slots: Array<{
    name: string;
    active: boolean;
    retainedBytes: number | null;
    problem: SlotProblem | null;
    pipelineId?: string;
  }>;
  notified: number;
  resolved: number;
  /** Why the source could not be checked; its slots' states are kept as they were. */
  error?: string;
}

const minutes = (ms: number) => {
  const m = Math.round(ms / 60_000);
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
};
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

export class CdcSlotGuard {
  constructor(
    private readonly sources: CdcSources,
    private readonly pipelines: CdcPipelineStore,
    private readonly states: SlotStateStore,
    private readonly notifications: NotificationService,
    private readonly approvers: string[],
    readonly config: SlotGuardConfig,
    private readonly logger: LoggerService,
  ) {}

  /** One check of every PostgreSQL source; a source that fails does not stop the others. */
  async check(now = Date.now()): Promise<SlotGuardReport[]> {
    const reports: SlotGuardReport[] = [];
    for (const source of this.sources.list()) {
      if (source.type !== 'postgres') continue;
      reports.push(await this.checkSource(source.id, now));
    }
    return reports;
  }

  private async checkSource(
    sourceId: string,
    now: number,
  ): Promise<SlotGuardReport> {
    const report: SlotGuardReport = {
      sourceId,
      slots: [],
      notified: 0,
      resolved: 0,
    };
    let slots: CdcSlotState[];
    try {
      slots = await this.sources.inspector(sourceId).eventportSlots();
    } catch (error) {
      report.error = (error as Error).message;
      this.logger.warn(
        `The replication-slot guard could not read CDC source '${sourceId}': ${report.error}`,
      );
      return report;
    }
    const pipelines = await this.pipelines.ofSource(sourceId);
    const before = await this.states.ofSource(sourceId);
    for (const slot of slots) {
      const named = pipelines.filter(p => cdcSlotName(p.name) === slot.name);
      const live = named.find(p => !CDC_CLOSED_STATUSES.includes(p.status));
      const last = live ?? named[0];
      const previous = before.get(slot.name);
      before.delete(slot.name);
      const inactiveSince = slot.active ? null : previous?.inactiveSince ?? now;
      let problem: SlotProblem | null = null;
      if (!live) problem = 'orphan';
      else if (
        inactiveSince !== null &&
        now - inactiveSince >= this.config.inactiveAfterMs
      ) {
        problem = 'inactive';
      } else if (
        (slot.retainedBytes ?? 0) >= this.config.retainedWarningBytes
      ) {
        problem = 'retained';
      }
      report.slots.push({
        name: slot.name,
        active: slot.active,
        retainedBytes: slot.retainedBytes,
        problem,
        ...(last ? { pipelineId: last.id } : {}),
      });
      const notify = problem !== null && problem !== previous?.notifiedProblem;
      const resolve = problem === null && !!previous?.notifiedProblem;
      // The state first, then the message: at most once, like the alerts.
      await this.states.put({
        sourceId,
        slotName: slot.name,
        inactiveSince,
        problem,
        notifiedProblem: problem,
        retainedBytes: slot.retainedBytes,
        checkedAt: now,
      });
      if (notify) {
        await this.send(sourceId, slot, problem!, last, inactiveSince, now);
        report.notified++;
      } else if (resolve) {
        await this.sendResolved(sourceId, slot.name, last, 'is healthy again');
        report.resolved++;
      }
    }
    // Slots that are gone since the last check.
    for (const gone of before.values()) {
      await this.states.remove(sourceId, gone.slotName);
      if (gone.notifiedProblem) {
        const last = pipelines.find(p => cdcSlotName(p.name) === gone.slotName);
        await this.sendResolved(sourceId, gone.slotName, last, 'was dropped');
        report.resolved++;
      }
    }
    return report;
  }

  private recipients(pipeline: SourcePipeline | undefined): string[] {
    return [
      ...new Set([...(pipeline ? [pipeline.owner] : []), ...this.approvers]),
    ];
  }

  private link(pipeline: SourcePipeline | undefined) {
    return pipeline
      ? `/event-streaming/cdc/pipelines/${encodeURIComponent(pipeline.id)}`
      : '/event-streaming/cdc';
  }

  private async send(
    sourceId: string,
    slot: CdcSlotState,
    problem: SlotProblem,
    pipeline: SourcePipeline | undefined,
    inactiveSince: number | null,
    now: number,
  ) {
    const kept =
      slot.retainedBytes === null
        ? 'an unknown amount of WAL'
        : `${formatBytes(slot.retainedBytes)} of WAL`;
    const where = `on CDC source '${sourceId}'`;
    const drop = `SELECT pg_drop_replication_slot(${quoteLiteral(slot.name)});`;
    let title: string;
    let description: string;
    if (problem === 'orphan') {
      title = `Replication slot ${slot.name} ${where} belongs to no live pipeline and keeps ${kept}`;
      description = `${
        pipeline
          ? `Its pipeline '${pipeline.name}' (owner ${pipeline.owner}) is ${pipeline.status}.`
          : 'No Eventport pipeline of that name was ever made from this source.'
      } The slot is ${
        slot.active
          ? 'active: something outside Eventport reads it'
          : 'inactive'
      }, and the database keeps every WAL segment from its position on until its disk fills. If nothing should read it, drop it as a superuser or the replication role: ${drop}${
        pipeline ? ` and DROP PUBLICATION IF EXISTS "${slot.name}";` : ''
      }`;
    } else if (problem === 'inactive') {
      title = `Replication slot ${
        slot.name
      } ${where} has been inactive for ${minutes(
        now - inactiveSince!,
      )} and keeps ${kept}`;
      description = `Pipeline '${pipeline!.name}' (owner ${
        pipeline!.owner
      }) is ${
        pipeline!.status
      }, but no connector reads its slot, so the database keeps every WAL segment from the slot's position on. Resume or repair the pipeline's connector, or decommission the pipeline to drop the slot.`;
    } else {
      title = `Replication slot ${
        slot.name
      } ${where} keeps ${kept}, over the warning size of ${formatBytes(
        this.config.retainedWarningBytes,
      )}`;
      description = `Pipeline '${pipeline!.name}' (owner ${
        pipeline!.owner
      }) reads the slot ${
        slot.active ? 'but lags behind' : 'not at the moment'
      }; the database keeps the WAL until the connector confirms it.`;
    }
    await this.deliver(pipeline, slot.name, sourceId, {
      title,
      description,
      severity: problem === 'retained' ? 'normal' : 'high',
    });
  }

  private async sendResolved(
    sourceId: string,
    slotName: string,
    pipeline: SourcePipeline | undefined,
    what: string,
  ) {
    await this.deliver(pipeline, slotName, sourceId, {
      title: `Resolved: replication slot ${slotName} on CDC source '${sourceId}' ${what}`,
      description: `The slot guard found nothing wrong with ${slotName} any more.`,
      severity: 'low',
    });
  }

  private async deliver(
    pipeline: SourcePipeline | undefined,
    slotName: string,
    sourceId: string,
    message: {
      title: string;
      description: string;
      severity: 'high' | 'normal' | 'low';
    },
  ) {
    const entityRef = this.recipients(pipeline);
    if (!entityRef.length) {
      this.logger.warn(
        `${message.title}; nobody to notify (no owner, and eventStreaming.approvals.approvers is empty)`,
      );
      return;
    }
    this.logger.info(message.title);
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          ...message,
          link: this.link(pipeline),
          topic: SLOT_NOTIFICATION_TOPIC,
          scope: `event-streaming-cdc-slot:${sourceId}:${slotName}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send notification '${message.title}': ${error}`,
      );
    }
  }
}
