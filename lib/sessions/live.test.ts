/**
 * The per-request session check against the demo IdP over HTTP and a real SQLite database: the
 * cache window, groups re-read after the refresh interval, a renewed access token, the provider
 * disowning the sign-in, and an outage that keeps the last groups rather than signing out, and is
 * asked about again only after RETRY_MS.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { sessionTestBed } from '../../test/session-bed';
import { endLiveSession, liveSession, RETRY_MS } from './live';
import { createSession, endSession, readSession } from './store';

const MIN = 60_000;
/** SESSION_CHECK_SECONDS' default, which the test bed keeps. */
const CHECK_CACHE_MS = 5_000;
const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead', groups: ['eng-leads'] };

describe('the per-request session check', () => {
  const bed = sessionTestBed();
  const { post } = bed;
  const signedIn = async () => {
    const t = await bed.signInBob();
    return { accessToken: t.access_token!, refreshToken: t.refresh_token! };
  };

  it('sees an ending on another instance within the cache window, and its own at once', async () => {
    const now = Date.now();
    const id = await createSession(bob, await signedIn(), 3600, undefined, now);
    expect(await liveSession(id, now)).toMatchObject({ subject: 'bob', groups: ['eng-leads'] });
    await endSession(id, 'revoked');
    expect(await liveSession(id, now + 1)).not.toBeNull();
    expect(await liveSession(id, now + CHECK_CACHE_MS)).toBeNull();

    const other = await createSession(bob, await signedIn(), 3600, undefined, now);
    expect(await liveSession(other, now)).not.toBeNull();
    await endLiveSession(other, 'signed-out');
    expect(await liveSession(other, now + 1)).toBeNull();
  });

  it('reads the groups again only after the refresh interval', async () => {
    const now = Date.now();
    const id = await createSession(bob, await signedIn(), 3600, undefined, now);
    await post('/__control/accounts/bob', { groups: ['sales-leads'] });
    expect(await liveSession(id, now + 9 * MIN)).toMatchObject({ groups: ['eng-leads'] });
    expect(await liveSession(id, now + 10 * MIN)).toMatchObject({ groups: ['sales-leads'] });
    expect(await readSession(id)).toMatchObject({ groups: ['sales-leads'], role: 'lead', groupsRefreshedAt: now + 10 * MIN });
    await post('/__control/reset', {});
  });

  it('renews an expired access token with the refresh token', async () => {
    const now = Date.now();
    const tokens = await signedIn();
    const id = await createSession(bob, { ...tokens, accessTokenExpiresAt: now - 1 }, 3600, undefined, now);
    expect(await liveSession(id, now + 10 * MIN)).toMatchObject({ groups: ['eng-leads'] });
    const after = await readSession(id);
    expect(after?.accessToken).not.toBe(tokens.accessToken);
    expect(after?.accessTokenExpiresAt).toBeGreaterThan(now);
  });

  it('ends the session when the provider has ended the grant, or no token could still work', async () => {
    const now = Date.now();
    const id = await createSession(bob, await signedIn(), 3600, undefined, now);
    await post('/__control/accounts/bob/end-grants', { latest: true });
    expect(await liveSession(id, now + 10 * MIN)).toBeNull();
    expect(await readSession(id)).toMatchObject({ endReason: 'ended-at-idp' });

    const stale = await createSession(bob, { accessToken: 'expired', accessTokenExpiresAt: now - 1 }, 3600, undefined, now);
    expect(await liveSession(stale, now + 10 * MIN)).toBeNull();
    expect(await readSession(stale)).toMatchObject({ endReason: 'ended-at-idp' });
  });

  it('after the provider could not be asked, asks again only after RETRY_MS, not on every request', async () => {
    const now = Date.now();
    const id = await createSession(bob, await signedIn(), 3600, undefined, now);
    let calls = 0;
    const count = (req: IncomingMessage) => {
      if (!req.url?.startsWith('/__control/')) calls += 1;
    };
    bed.oidc().server.on('request', count);
    try {
      await post('/__control/accounts/bob', { groups: ['sales-leads'] });
      await post('/__control/outage', { down: true });
      expect(await liveSession(id, now + 10 * MIN)).toMatchObject({ groups: ['eng-leads'] });
      expect(calls).toBe(1);
      expect(await liveSession(id, now + 10 * MIN + CHECK_CACHE_MS)).toMatchObject({ groups: ['eng-leads'] });
      expect(calls).toBe(1);
      await post('/__control/outage', { down: false });
      expect(await liveSession(id, now + 10 * MIN + RETRY_MS - 1)).toMatchObject({ groups: ['eng-leads'] });
      expect(calls).toBe(1);
      expect(await liveSession(id, now + 10 * MIN + RETRY_MS)).toMatchObject({ groups: ['sales-leads'] });
      expect(calls).toBe(2);
    } finally {
      bed.oidc().server.off('request', count);
      await post('/__control/reset', {});
    }
  });

  it('keeps a renewed token even when userinfo then cannot answer (the old refresh token may be spent)', async () => {
    const now = Date.now();
    const tokens = await signedIn();
    const id = await createSession(bob, { ...tokens, accessTokenExpiresAt: now - 1 }, 3600, undefined, now);
    await post('/__control/outage', { down: true, paths: ['/me'] });
    try {
      expect(await liveSession(id, now + 10 * MIN)).toMatchObject({ groups: ['eng-leads'] });
      const after = await readSession(id);
      expect(after).toMatchObject({ groups: ['eng-leads'], groupsRefreshedAt: now });
      expect(after?.accessToken).not.toBe(tokens.accessToken);
      expect(after?.accessTokenExpiresAt).toBeGreaterThan(now);
    } finally {
      await post('/__control/reset', {});
    }
  });

  it('keeps the last groups while the provider cannot be reached', async () => {
    const now = Date.now();
    const id = await createSession(bob, await signedIn(), 3600, undefined, now);
    await bed.oidc().close();
    expect(await liveSession(id, now + 10 * MIN)).toMatchObject({ groups: ['eng-leads'] });
    expect(await readSession(id)).toMatchObject({ groupsRefreshedAt: now });
    expect((await readSession(id))?.endReason).toBeUndefined();
  });
});
