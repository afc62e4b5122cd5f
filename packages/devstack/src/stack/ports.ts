import net from 'node:net';
import { StackError } from './errors';

/**
 * Ports this process has handed out. The OS may give the same ephemeral port
 * to two binds in a row once the first is closed, and a JVM binds its ports
 * only later: without this record one Kafka node got the same port for two
 * listeners ("Each listener must have a different port").
 */
const handedOut = new Set<number>();

function bindEphemeral(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** A port that nothing listens on right now (the OS picks it), never one this process handed out before. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await bindEphemeral();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new StackError(
    'no free port found: the OS kept answering with ports this process already uses',
  );
}

/** True when something accepts connections on the port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ port, host });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Fails with a clear message when one of the fixed ports is taken. */
export async function assertPortsFree(
  ports: Array<{ port: number; what: string }>,
): Promise<void> {
  for (const { port, what } of ports) {
    if (await portInUse(port)) {
      throw new StackError(
        `port ${port} (${what}) is already in use. Stop whatever listens there ` +
          `(\`ss -ltnp 'sport = :${port}'\` shows it), or choose other ports.`,
      );
    }
  }
}
