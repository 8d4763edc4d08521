import { describe, expect, it } from 'vitest';
import { chooseIdTokenAlg, chooseTokenAuthMethod, clientAuthentication, parseDiscovery } from './provider-settings';

describe('chooseIdTokenAlg', () => {
  it.each([
    [['RS256', 'ES256'], 'RS256'],
    [['ES256', 'ES384', 'ES512'], 'ES256'],
    [['HS256', 'PS256'], 'PS256'],
    [undefined, 'RS256'],
  ] as const)('from %j chooses %s', (supported, alg) => {
    expect(chooseIdTokenAlg(supported ? [...supported] : undefined)).toBe(alg);
  });

  it('takes OIDC_ID_TOKEN_ALG over discovery', () => {
    expect(chooseIdTokenAlg(['RS256'], 'ES384')).toBe('ES384');
  });

  it('refuses a provider that signs only with a shared secret or not at all, saying what to change', () => {
    expect(() => chooseIdTokenAlg(['HS256', 'none'])).toThrow(/only with HS256, none.*OIDC_ID_TOKEN_ALG/);
  });
});

describe('chooseTokenAuthMethod', () => {
  it('prefers client_secret_basic, takes client_secret_post when that is all, and follows the override', () => {
    expect(chooseTokenAuthMethod(['client_secret_post', 'client_secret_basic'])).toBe('client_secret_basic');
    expect(chooseTokenAuthMethod(['private_key_jwt', 'client_secret_post'])).toBe('client_secret_post');
    expect(chooseTokenAuthMethod(undefined)).toBe('client_secret_basic');
    expect(chooseTokenAuthMethod(['client_secret_basic'], 'client_secret_post')).toBe('client_secret_post');
  });

  it('refuses a token endpoint without client secrets', () => {
    expect(() => chooseTokenAuthMethod(['private_key_jwt', 'tls_client_auth'])).toThrow(/accepts only private_key_jwt, tls_client_auth/);
  });
});

describe('parseDiscovery', () => {
  const doc = {
    issuer: 'https://idp.example.com/',
    authorization_endpoint: 'https://idp.example.com/authorize',
    token_endpoint: 'https://idp.example.com/token',
    jwks_uri: 'https://idp.example.com/jwks',
    end_session_endpoint: 'https://idp.example.com/logout',
    id_token_signing_alg_values_supported: ['ES256'],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
  };

  it('reads the endpoints and makes the choices; a trailing slash on the issuer does not matter', () => {
    expect(parseDiscovery(doc, { issuer: 'https://idp.example.com' })).toEqual({
      issuer: 'https://idp.example.com/',
      authorizationEndpoint: 'https://idp.example.com/authorize',
      tokenEndpoint: 'https://idp.example.com/token',
      jwksUri: 'https://idp.example.com/jwks',
      userinfoEndpoint: undefined,
      endSessionEndpoint: 'https://idp.example.com/logout',
      idTokenAlg: 'ES256',
      tokenAuthMethod: 'client_secret_post',
    });
  });

  it('says what is wrong with a document it cannot use', () => {
    expect(() => parseDiscovery('<html>', { issuer: 'https://idp.example.com' })).toThrow('not a JSON object');
    expect(() => parseDiscovery({ ...doc, token_endpoint: undefined }, { issuer: 'https://idp.example.com' })).toThrow('no token_endpoint');
    expect(() => parseDiscovery(doc, { issuer: 'https://other.example.com' })).toThrow(
      /names the issuer https:\/\/idp.example.com\/, but OIDC_ISSUER is https:\/\/other.example.com/,
    );
  });
});

describe('clientAuthentication', () => {
  it('puts the client in a Basic header (each part form-encoded first) or in the form, as the chosen method says', () => {
    expect(clientAuthentication('client_secret_basic', 'portal', 's3cret:+')).toEqual({
      headers: { authorization: `Basic ${Buffer.from('portal:s3cret%3A%2B').toString('base64')}` },
      form: {},
    });
    expect(clientAuthentication('client_secret_post', 'portal', 's3cret')).toEqual({
      headers: {},
      form: { client_id: 'portal', client_secret: 's3cret' },
    });
  });
});
