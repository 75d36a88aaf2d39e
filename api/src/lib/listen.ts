import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type ServerType } from '@hono/node-server';

/**
 * Connections waiting to be accepted. Node's default (511) is too short for a registration
 * rush: at 8:00 a thousand phones connect in the same instant, and each connection the kernel
 * drops is retried by the phone only a second later. Linux caps it at net.core.somaxconn.
 */
export const LISTEN_BACKLOG = 4096;

/** Serves `fetch` over HTTP on `port` (0: any free port); resolves once listening. */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  options: { port: number; hostname?: string },
): Promise<{ server: ServerType; port: number }> {
  const server = createAdaptorServer({ fetch });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.hostname, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
