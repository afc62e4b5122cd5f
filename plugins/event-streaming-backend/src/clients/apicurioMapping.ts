// Apicurio SDK answers to Eventport's types: versions, artifacts, rules,
// and what an error says.
import {
  CompatibilityMode,
  compatibilityModeSchema,
} from '@eventport/plugin-event-streaming-common';
import type {
  SchemaArtifactSummary,
  SchemaVersionSummary,
} from '@eventport/plugin-event-streaming-node';

/** The content type Apicurio expects for an artifact type. */
export function contentTypeOf(artifactType: string): string {
  return artifactType === 'PROTOBUF'
    ? 'application/x-protobuf'
    : 'application/json';
}

export function statusOf(error: unknown): number | undefined {
  const e = error as { responseStatusCode?: number; status?: number };
  return e?.responseStatusCode ?? e?.status ?? undefined;
}

export function messageOf(error: unknown): string {
  const e = error as {
    detail?: string;
    title?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const base = e?.detail || e?.title || e?.message || String(error);
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause && !base.includes(cause) ? `${base} (${cause})` : base;
}

export function iso(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}

export function labelsOf(
  labels: { additionalData?: Record<string, unknown> } | null | undefined,
) {
  return Object.fromEntries(
    Object.entries(labels?.additionalData ?? {}).map(([k, v]) => [
      k,
      String(v),
    ]),
  );
}

/** The rule's mode, if it is a compatibility mode. */
export function modeOf(
  rule: { config?: string | null } | undefined,
): CompatibilityMode | undefined {
  const parsed = compatibilityModeSchema.safeParse(rule?.config);
  return parsed.success ? parsed.data : undefined;
}

type SdkVersion = {
  version?: string | null;
  globalId?: number | null;
  contentId?: number | null;
  createdOn?: Date | null;
  state?: string | null;
};

export function versionOf(
  v: SdkVersion | null | undefined,
): SchemaVersionSummary {
  return {
    version: v?.version ?? '',
    globalId: v?.globalId ?? 0,
    contentId: v?.contentId ?? 0,
    createdOn: iso(v?.createdOn),
    state: v?.state ?? undefined,
  };
}

type SdkArtifact = {
  groupId?: string | null;
  artifactId?: string | null;
  artifactType?: string | null;
  name?: string | null;
  description?: string | null;
  labels?: { additionalData?: Record<string, unknown> } | null;
  createdOn?: Date | null;
  modifiedOn?: Date | null;
};

export function artifactOf(
  a: SdkArtifact | null | undefined,
  fallback: { groupId: string; artifactId: string },
): SchemaArtifactSummary {
  return {
    groupId: a?.groupId ?? fallback.groupId,
    artifactId: a?.artifactId ?? fallback.artifactId,
    artifactType: a?.artifactType ?? '',
    name: a?.name ?? undefined,
    description: a?.description ?? undefined,
    labels: labelsOf(a?.labels),
    createdOn: iso(a?.createdOn),
    modifiedOn: iso(a?.modifiedOn),
  };
}
