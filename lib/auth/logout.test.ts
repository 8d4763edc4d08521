import { describe, expect, it } from 'vitest';
import { logoutPlan } from './logout';

const base = { clientId: 'portal', postLogoutRedirectUri: 'https://reset.example.com/sign-in' };

describe('logoutPlan', () => {
  it("sends the browser to the provider's end_session_endpoint with the ID token and the way back", () => {
    const plan = logoutPlan({ ...base, logout: 'idp', endSessionEndpoint: 'https://idp.example.com/logout?x=1', idToken: 'eyJ.id.token' });
    expect(plan.kind).toBe('idp');
    const url = new URL((plan as { url: string }).url);
    expect(url.origin + url.pathname).toBe('https://idp.example.com/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      x: '1',
      id_token_hint: 'eyJ.id.token',
      post_logout_redirect_uri: 'https://reset.example.com/sign-in',
      client_id: 'portal',
    });
  });

  it('asks for the password at the next sign-in where the provider has no logout endpoint, or no ID token is at hand', () => {
    expect(logoutPlan({ ...base, logout: 'idp', idToken: 'eyJ.id.token' })).toEqual({ kind: 'reauth' });
    expect(logoutPlan({ ...base, logout: 'idp', endSessionEndpoint: 'https://idp.example.com/logout' })).toEqual({ kind: 'reauth' });
  });

  it('leaves the provider alone with OIDC_LOGOUT=local', () => {
    expect(logoutPlan({ ...base, logout: 'local', endSessionEndpoint: 'https://idp.example.com/logout', idToken: 'x' })).toEqual({
      kind: 'local',
    });
  });
});
