// Binds the API to a socket with @hono/node-server. Listening, and stopping cleanly, is all
// this adds to createApp.
import type { AddressInfo } from 'node:net';
import { serve as listen } from '@hono/node-server';
import { DatelineError } from '../core/index.js';
import type { Store } from '../store/index.js';
import { type ServerOptions, createApp } from './app.js';

export interface Listening {
  /** `http://host:port`, with the port the system chose when 0 was asked for. */
  url: string;
  port: number;
  /** Stops taking connections and resolves when the open ones are done. */
  close(): Promise<void>;
}

/**
 * Serves the API for `store` on `host:port` (port 0: any free one).
 * @example const server = await serve(store, { host: '127.0.0.1', port: 0 }); await fetch(`${server.url}/healthz`);
 */
export function serve(store: Store, options: ServerOptions & { host: string; port: number }): Promise<Listening> {
  const app = createApp(store, options);
  return new Promise((resolve, reject) => {
    const server = listen({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      server.removeAllListeners('error');
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, failed) => {
            server.close((error) => (error ? failed(error) : done()));
            // Keep-alive connections would hold close() open until they time out.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, options.host, options.port)));
  });
}

/** A port in use or not ours to take is the user's to change: said so, with no stack. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): DatelineError {
  const why = error.code === 'EADDRINUSE' ? 'is in use' : error.code === 'EACCES' ? 'needs privileges this process lacks' : `cannot be listened on (${error.message})`;
  return new DatelineError('E_USAGE', `serve: ${host}:${port} ${why}; choose another --port or --host`, { cause: error });
}
