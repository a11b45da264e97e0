import type { Request } from 'restify';

/**
 * The address a request came from. App Service and other front doors put the original client
 * first in X-Forwarded-For; without one, the socket's peer.
 */
export function clientAddress(req: Request): string {
  const forwarded = req.header('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}
