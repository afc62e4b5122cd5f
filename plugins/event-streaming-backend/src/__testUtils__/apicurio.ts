/**
 * Apicurio Registry's own REST API (v3), without our client: tests set up
 * artifacts with it and read the registry's real state back.
 */
export function apicurio(url: string) {
  async function call(method: string, path: string, body?: object) {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok && res.status !== 404) {
      throw new Error(
        `${method} ${path} answered ${res.status}: ${await res.text()}`,
      );
    }
    return res;
  }
  const artifact = (groupId: string, artifactId: string) =>
    `/groups/${encodeURIComponent(groupId)}/artifacts/${encodeURIComponent(
      artifactId,
    )}`;

  return {
    /** A new AVRO artifact with one version, and its own rule when given. */
    async createArtifact(
      groupId: string,
      artifactId: string,
      content: string,
      options: { rule?: string; labels?: Record<string, string> } = {},
    ) {
      await call('POST', `/groups/${encodeURIComponent(groupId)}/artifacts`, {
        artifactId,
        artifactType: 'AVRO',
        labels: options.labels,
        firstVersion: {
          content: { content, contentType: 'application/json' },
        },
      });
      if (options.rule) await this.setRule(groupId, artifactId, options.rule);
    },

    /** A new version of an AVRO artifact (no rule is in the way unless set). */
    async addVersion(groupId: string, artifactId: string, content: string) {
      await call('POST', `${artifact(groupId, artifactId)}/versions`, {
        content: { content, contentType: 'application/json' },
      });
    },

    async setRule(groupId: string, artifactId: string, mode: string) {
      await call('POST', `${artifact(groupId, artifactId)}/rules`, {
        ruleType: 'COMPATIBILITY',
        config: mode,
      });
    },

    async setGroupRule(groupId: string, mode: string) {
      await call('POST', `/groups/${encodeURIComponent(groupId)}/rules`, {
        ruleType: 'COMPATIBILITY',
        config: mode,
      });
    },

    /** The artifact's own COMPATIBILITY rule, or null when it has none. */
    async rule(groupId: string, artifactId: string): Promise<string | null> {
      const res = await call(
        'GET',
        `${artifact(groupId, artifactId)}/rules/COMPATIBILITY`,
      );
      if (res.status === 404) return null;
      return ((await res.json()) as { config: string }).config;
    },

    /** The artifact's version numbers, oldest first. */
    async versions(groupId: string, artifactId: string): Promise<string[]> {
      const res = await call(
        'GET',
        `${artifact(groupId, artifactId)}/versions?orderby=globalId&order=asc`,
      );
      if (res.status === 404) return [];
      const body = (await res.json()) as { versions: { version: string }[] };
      return body.versions.map(v => v.version);
    },
  };
}
