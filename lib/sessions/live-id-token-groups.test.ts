/**
 * The per-request session check against a provider that puts the groups only in the ID token, as
 * Entra ID, Cognito and Okta (groups claim on the ID token) do: userinfo answers without the claim,
 * which must not read as "no groups". A file of its own: lib/config is read once per file, and
 * lib/sessions/live.test.ts needs the bundled IdP's usual shape.
 */
import { describe, expect, it } from 'vitest';
import { claims } from '../../emulators/oidc/tests/flow';
import { sessionTestBed } from '../../test/session-bed';
import { liveSession } from './live';
import { createSession, readSession } from './store';

const MIN = 60_000;
const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead', groups: ['eng-leads'] };

describe('the session check when userinfo carries no groups', () => {
  const bed = sessionTestBed({ groupsInIdTokenOnly: true });
  const { post } = bed;
  const signedIn = async () => {
    const t = await bed.signInBob();
    // The provider's shape, as the portal meets it: groups in the ID token, none in userinfo.
    expect(claims(t.id_token!)).toMatchObject({ groups: ['eng-leads'] });
    expect(
      await (await fetch(`${bed.oidc().issuer}/me`, { headers: { authorization: `Bearer ${t.access_token}` } })).json(),
    ).not.toHaveProperty('groups');
    return { accessToken: t.access_token!, refreshToken: t.refresh_token! };
  };

  it('keeps the groups and the role after the refresh interval, and counts it as a refresh', async () => {
    const now = Date.now();
    const id = await createSession(bob, await signedIn(), 3600, undefined, now);
    expect(await liveSession(id, now + 10 * MIN)).toMatchObject({ groups: ['eng-leads'] });
    expect(await readSession(id)).toMatchObject({ groups: ['eng-leads'], role: 'lead', groupsRefreshedAt: now + 10 * MIN });
    expect((await readSession(id))?.endReason).toBeUndefined();
  });

  it('takes the groups from the ID token a refresh returns', async () => {
    const now = Date.now();
    const tokens = await signedIn();
    const id = await createSession(bob, { ...tokens, accessTokenExpiresAt: now - 1 }, 3600, undefined, now);
    await post('/__control/accounts/bob', { groups: ['sales-leads'] });
    try {
      expect(await liveSession(id, now + 10 * MIN)).toMatchObject({ groups: ['sales-leads'] });
      expect(await readSession(id)).toMatchObject({ groups: ['sales-leads'], role: 'lead', groupsRefreshedAt: now + 10 * MIN });
    } finally {
      await post('/__control/reset', {});
    }
  });
});
