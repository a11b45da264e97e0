import type { IncomingMessage } from 'node:http';
import { addressLimitKey, clientAddress, normalizeAddress } from '../../src/server/clientAddress';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress },
  }) as unknown as IncomingMessage;

describe('normalizeAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[2001:DB8::1]', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['[::ffff:127.0.0.1]:80', '127.0.0.1'],
    ['::1', '::1'],
  ])('reads %s as %s', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each(['unknown', '', 'evil.example', '1.2.3', '203.0.113.7:port'])('rejects %j', (raw) => {
    expect(normalizeAddress(raw)).toBeUndefined();
  });
});

describe('clientAddress', () => {
  it('uses the socket and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress(request('::ffff:198.51.100.4', '203.0.113.7'), 0)).toBe('198.51.100.4');
  });

  it('takes the entry the trusted proxy appended (the rightmost), never the leftmost', () => {
    expect(clientAddress(request('10.0.0.2', 'spoofed-by-client, 203.0.113.7:50123'), 1)).toBe('203.0.113.7');
    expect(clientAddress(request('10.0.0.2', '1.1.1.1, 2.2.2.2, 203.0.113.7'), 1)).toBe('203.0.113.7');
  });

  it('counts back one entry per trusted proxy', () => {
    // Client → CDN (appends client) → App Service front end (appends CDN) → bot.
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 203.0.113.7, 192.0.2.10:443'), 2)).toBe('203.0.113.7');
  });

  it('uses the socket when the header is missing or shorter than the proxies it should have crossed', () => {
    expect(clientAddress(request('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.2', '203.0.113.7'), 2)).toBe('10.0.0.2');
  });
});

describe('addressLimitKey', () => {
  it('keeps IPv4 addresses and groups IPv6 ones by their /64', () => {
    expect(addressLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressLimitKey('2001:db8:1:2:aaaa::1')).toBe(addressLimitKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(addressLimitKey('2001:db8:1:2::1')).not.toBe(addressLimitKey('2001:db8:1:3::1'));
    expect(addressLimitKey('::1')).toBe('0:0:0:0::/64');
  });
});
