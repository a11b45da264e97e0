import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * An address as proxies and sockets write it, reduced to the bare IP: ports are stripped
 * (`1.2.3.4:5678`, `[::1]:80`) and IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes IPv4. Anything
 * that is not an IP address gives `undefined`.
 */
export function normalizeAddress(raw: string | undefined): string | undefined {
  let value = raw?.trim();
  if (!value) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1] ?? '';
  else if (/^[^:]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1] ?? '';
  const version = isIP(value);
  if (version === 0) return undefined;
  return version === 6 ? value.toLowerCase() : value;
}

/**
 * The address a request came from. Without trusted proxies (`trustedHops` 0) it is the socket's
 * peer, and X-Forwarded-For is ignored: anyone can write that header. With `trustedHops` proxies in
 * front, each appending the address it received the request from, the client is the entry the
 * farthest trusted proxy appended: counted from the right, never the leftmost, which the client
 * itself may have written. A header shorter than that did not come through every proxy, so the
 * socket's peer is used.
 */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustedHops: number): string {
  const peer = normalizeAddress(req.socket.remoteAddress) ?? 'unknown';
  if (trustedHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  if (entries.length < trustedHops || !header) return peer;
  return normalizeAddress(entries[entries.length - trustedHops]) ?? peer;
}

/**
 * The key a per-address limit counts under: the IPv4 address, or the /64 network of an IPv6 one,
 * since a single IPv6 host usually holds a whole /64 and could otherwise step round any limit.
 */
export function addressLimitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
