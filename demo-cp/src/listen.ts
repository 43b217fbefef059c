import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { DOWN_HEADER } from './app';

/**
 * Serves a fetch handler over HTTP. A response marked "down" drops the connection instead, as a
 * control plane that is not there would.
 */
export function listen(
  fetch: (request: Request) => Promise<Response>,
  port: number,
  host: string,
): Promise<Server> {
  const listener = getRequestListener(async (request, env) => {
    const response = await fetch(request);
    if (response.headers.has(DOWN_HEADER)) {
      env.incoming.socket?.destroy();
    }
    return response;
  });
  const server = createServer((req, res) => void listener(req, res));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
