import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';
import { clientAddress, requestClient } from './request-client';

describe('clientAddress', () => {
  it.each([
    // [X-Forwarded-For as the portal sees it, trusted hops, client address]
    ['127.0.0.1', 0, '127.0.0.1'],
    ['::ffff:127.0.0.1', 0, '::ffff:127.0.0.1'],
    // 0 hops: proxy.ts removed the client's header, so a longer chain means it was skipped: take the connection's end.
    ['198.51.100.66, 127.0.0.1', 0, '127.0.0.1'],
    // One proxy appended the address it saw; what the client wrote before it is ignored.
    ['203.0.113.9', 1, '203.0.113.9'],
    ['198.51.100.66, 203.0.113.9', 1, '203.0.113.9'],
    ['198.51.100.66,203.0.113.9 , ', 1, '203.0.113.9'],
    // Two proxies: the outer one's peer is second from the right.
    ['198.51.100.66, 203.0.113.9, 10.0.0.5', 2, '203.0.113.9'],
    ['203.0.113.9, 10.0.0.5', 2, '203.0.113.9'],
    // Fewer entries than hops: the furthest known.
    ['203.0.113.9', 3, '203.0.113.9'],
    ['2001:db8::1', 1, '2001:db8::1'],
    ['[2001:db8::1]:443', 1, '2001:db8::1'],
    ['203.0.113.9:51000', 1, '203.0.113.9'],
  ])('%j with %i trusted hops is %s', (header, hops, expected) => {
    expect(clientAddress(header, hops)).toBe(expected);
  });

  it.each([
    [null, 0],
    ['', 1],
    [' , ', 1],
    ['<script>', 1],
    ['unknown', 1],
    ['203.0.113.9, not-an-ip', 1],
    ['999.1.1.1', 1],
  ])('%j with %i hops gives no address', (header, hops) => {
    expect(clientAddress(header, hops)).toBeUndefined();
  });
});

describe('requestClient', () => {
  it('never reads X-Real-IP, and takes the rightmost trusted entry of X-Forwarded-For', () => {
    const h = new Headers({ 'x-forwarded-for': '198.51.100.66, 203.0.113.9', 'x-real-ip': '198.51.100.67', 'user-agent': 'UA' });
    expect(requestClient(h, 1)).toEqual({ clientIp: '203.0.113.9', userAgent: 'UA' });
    expect(requestClient(new Headers({ 'x-real-ip': '198.51.100.67' }), 0)).toEqual({ clientIp: undefined, userAgent: undefined });
  });
});

describe('TRUSTED_PROXY_HOPS', () => {
  it('defaults to 0 (no proxy trusted) and takes 0 to 10', () => {
    expect(parseConfig({}).trustedProxyHops).toBe(0);
    expect(parseConfig({ TRUSTED_PROXY_HOPS: '2' }).trustedProxyHops).toBe(2);
    for (const bad of ['-1', '11', 'one', '1.5']) {
      expect(() => parseConfig({ TRUSTED_PROXY_HOPS: bad }), bad).toThrow(ConfigError);
      expect(() => parseConfig({ TRUSTED_PROXY_HOPS: bad }), bad).toThrow(/TRUSTED_PROXY_HOPS/);
    }
  });
});
