// Where this API was reached, as a base URL: the default for links it hands out (buyers' progress
// pages, a platform's redirect back) when PUBLIC_BASE_URL is not set.
import type { Request } from 'express';

/** Where the API really listens, whatever port it was given. */
export function listeningAddress(req: Request): string {
  const host = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:(?=\d+\.)/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${req.socket.localPort}`;
}
