import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';
import { authOptions } from './options';

const ORIGIN = 'https://reset.example.com';

describe('safeCallbackPath', () => {
  it.each([
    ['/users?q=jane', '/users?q=jane'],
    ['/users/example/jane.doe@example.com', '/users/example/jane.doe@example.com'],
    ['https://reset.example.com/audit?x=1', '/audit?x=1'],
    ['/audit?q=a%2Fb#top', '/audit?q=a%2Fb#top'],
    ['/users/./example/../example', '/users/example'],
    [['/audit', '/evil'], '/audit'],
    [' /users ', '/users'],
  ])('keeps a same-origin path: %s', (raw, expected) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe(expected);
  });

  it.each([undefined, null, '', '   ', []])('sends a missing value (%s) to /users', (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe('/users');
  });

  // Each of these, followed as given, leaves the portal (or loops back into sign-in).
  it.each([
    'https://evil.example/steal',
    '//evil.example/steal',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '\\/evil.example',
    '/.//evil.example/x',
    '/./\\evil.example',
    '/..//evil.example',
    '/a/..//evil.example',
    'https://reset.example.com//evil.example',
    'https://reset.example.com/.//evil.example',
    'https://reset.example.com/\\evil.example',
    '/%2F%2Fevil.example',
    '/%2Fevil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    '/%252F%252Fevil.example',
    '/%25252F%25252Fevil.example',
    '/%E0%A4%A',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    '/%09/evil.example',
    '/%0A/evil.example',
    '/users%00',
    'http://reset.example.com/users',
    'https://reset.example.com:8443/users',
    'https://user:pass@evil.example/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/sign-in?callbackUrl=https://evil.example',
    '/sign-in',
    '/api/auth/signout',
    '/api/auth/%73ignout',
  ])('sends %j to /users', (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe('/users');
  });
});

describe("next-auth's redirect callback", () => {
  const redirect = (url: string) => authOptions().callbacks!.redirect!({ url, baseUrl: ORIGIN });

  it.each([
    ['/users?q=jane', `${ORIGIN}/users?q=jane`],
    [`${ORIGIN}/audit`, `${ORIGIN}/audit`],
    ['/.//evil.example/x', `${ORIGIN}/users`],
    [`${ORIGIN}//evil.example`, `${ORIGIN}/users`],
    ['/\\evil.example', `${ORIGIN}/users`],
    ['/%2F%2Fevil.example', `${ORIGIN}/users`],
    ['https://evil.example/', `${ORIGIN}/users`],
  ])('%s ends on %s', async (url, expected) => {
    expect(await redirect(url)).toBe(expected);
  });
});
