/**
 * Kafka Connect's own REST API, without our client: tests set connectors up
 * with it and read the worker's real state back.
 */
export function connectApi(url: string) {
  async function call(method: string, path: string, body?: object) {
    // A worker answers reads with 409 while it rebalances after a config
    // change (a stack shared by suites has seen many): read again.
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      // Connect answers 409 while its workers rebalance, or 500 "a rebalance
      // is expected" just before one; on 2 busy cores that has been seen to
      // last more than 10 s.
      const rebalancing =
        res.status === 409 ||
        (res.status === 500 && /rebalance is expected/i.test(text));
      if (method === 'GET' && rebalancing && attempt < 120) {
        await new Promise(r => setTimeout(r, 250));
        continue;
      }
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    }
  }
  const at = (name: string) => `/connectors/${encodeURIComponent(name)}`;

  return {
    /**
     * Creates the connector and waits until its config can be read: Connect
     * may answer 201 before the worker has read its own config back.
     */
    async create(name: string, config: Record<string, string>) {
      const res = await call('POST', '/connectors', { name, config });
      if (res.status !== 201) {
        throw new Error(
          `create ${name}: ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
      const deadline = Date.now() + 30_000;
      while ((await call('GET', `${at(name)}/config`)).status !== 200) {
        if (Date.now() > deadline) {
          throw new Error(`created ${name}, but its config cannot be read`);
        }
        await new Promise(r => setTimeout(r, 100));
      }
    },
    async remove(name: string) {
      await call('DELETE', at(name));
    },
    /** Deletes the connector and waits until Connect no longer knows it. */
    async removeAndWait(name: string, timeoutMs = 60_000) {
      await call('DELETE', at(name));
      const deadline = Date.now() + timeoutMs;
      while ((await call('GET', `${at(name)}/status`)).status !== 404) {
        if (Date.now() > deadline) {
          throw new Error(
            `${name} is still in Connect ${timeoutMs} ms after its deletion`,
          );
        }
        await new Promise(r => setTimeout(r, 250));
      }
    },
    /** The config Connect holds, or undefined when the connector is gone (404). */
    async config(name: string): Promise<Record<string, string> | undefined> {
      const res = await call('GET', `${at(name)}/config`);
      if (res.status === 404) return undefined;
      if (res.status !== 200) {
        throw new Error(
          `config of ${name}: Connect answered ${res.status} ${JSON.stringify(
            res.body,
          )}`,
        );
      }
      return res.body;
    },
    async status(name: string): Promise<{
      connector: { state: string; trace?: string };
      tasks: Array<{ id: number; state: string; trace?: string }>;
    }> {
      const res = await call('GET', `${at(name)}/status`);
      if (res.status !== 200) throw new Error(`status ${name}: ${res.status}`);
      return res.body;
    },
    /**
     * Polls until the connector's state (and every task's, when
     * `tasks` is given) matches; Connect moves slowly on 2 cores.
     */
    async waitFor(
      name: string,
      state: string,
      options: { tasks?: string; timeoutMs?: number } = {},
    ) {
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      let last = '';
      while (Date.now() < deadline) {
        try {
          const s = await this.status(name);
          last = JSON.stringify({
            connector: s.connector.state,
            tasks: s.tasks.map(t => t.state),
          });
          if (
            s.connector.state === state &&
            (!options.tasks ||
              (s.tasks.length > 0 &&
                s.tasks.every(t => t.state === options.tasks)))
          ) {
            return s;
          }
        } catch (error) {
          last = String(error);
        }
        await new Promise(r => setTimeout(r, 500));
      }
      throw new Error(
        `${name} did not reach ${state}/${options.tasks ?? '-'}: ${last}`,
      );
    },
  };
}
