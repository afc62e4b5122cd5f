import http from 'node:http';
import net from 'node:net';

/** What Connect says while its group rebalances. */
export const REBALANCE_MESSAGE =
  'Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)';

/**
 * A failure-injecting HTTP proxy in front of the real Connect worker: it
 * answers the next `inject(n)` requests with Connect's rebalance 409 (or
 * another answer given) and
 * forwards everything else unchanged. The worker behind it stays real.
 */
export async function startConflictProxy(target: string) {
  let pending = 0;
  let injected = 0;
  let answer = { status: 409, message: REBALANCE_MESSAGE };
  const forwarded: string[] = [];
  const server = http.createServer(async (req, res) => {
    if (pending > 0) {
      pending--;
      injected++;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error_code: answer.status, message: answer.message }),
      );
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    forwarded.push(`${req.method} ${req.url}`);
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: {
        'content-type': req.headers['content-type'] ?? 'application/json',
      },
      body: body.length ? body : undefined,
    });
    res.writeHead(upstream.status, {
      'content-type':
        upstream.headers.get('content-type') ?? 'application/json',
    });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    /** The next `n` requests get a 409 (or the given answer). */
    inject(
      n: number,
      with_: { status: number; message: string } = {
        status: 409,
        message: REBALANCE_MESSAGE,
      },
    ) {
      pending = n;
      answer = with_;
    },
    get injected() {
      return injected;
    },
    forwarded,
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}
