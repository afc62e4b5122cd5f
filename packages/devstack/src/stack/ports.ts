import net from 'node:net';
import { StackError } from './errors';

/** A port that nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
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
