import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';

const ORIGIN = 'https://reset.example.com';

describe('safeCallbackPath', () => {
  it.each([
    ['/users?q=jane', '/users?q=jane'],
    ['/users/example/jane.doe@example.com', '/users/example/jane.doe@example.com'],
    ['https://reset.example.com/audit?x=1', '/audit?x=1'],
    [undefined, '/'],
    ['', '/'],
  ])('keeps a same-origin path: %s', (raw, expected) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe(expected);
  });

  it.each([
    'https://evil.example/steal',
    '//evil.example/steal',
    '/\\evil.example',
    'http://reset.example.com/users',
    'javascript:alert(1)',
    '/sign-in?callbackUrl=https://evil.example',
    '/api/auth/signout',
  ])('refuses %s', (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe('/');
  });
});
