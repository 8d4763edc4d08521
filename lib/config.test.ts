import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('configuration', () => {
  it('runs the demo with no environment at all', () => {
    const c = parseConfig({});
    expect(c.oidc.issuer).toBe('http://localhost:4011');
    expect(c.oidc.groupsClaim).toBe('groups');
    expect(c.password).toEqual({ minLength: 12, minScore: 3, requiredClasses: 3 });
    expect(c.rateLimit).toEqual({ perActor: 20, perTarget: 3 });
    expect(c.auth.sessionMaxAgeSeconds).toBe(8 * 3600);
    expect(c.auth.secret.length).toBeGreaterThanOrEqual(32);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable', () => {
    const c = parseConfig({
      NODE_ENV: 'production',
      NEXTAUTH_URL: 'https://reset.example.com/',
      NEXTAUTH_SECRET: 'x'.repeat(40),
      AUDIT_HMAC_KEY: 'k'.repeat(40),
      HANDOVER_KEY: 'h'.repeat(40),
      AUDIT_HEAD_LOG_EVERY: '500',
      OIDC_ISSUER: 'https://idp.example.com/oauth2/default',
      OIDC_GROUPS_CLAIM: 'cognito:groups',
      WORKMAIL_ENDPOINT: 'http://127.0.0.1:4010',
      AWS_REGION: 'eu-west-1',
      PASSWORD_MIN_LENGTH: '16',
      RESET_LIMIT_PER_TARGET: '5',
      SESSION_MAX_AGE_HOURS: '4',
      ALLOWED_ORIGINS: 'reset.example.com, proxy.example.com:8443',
      DATABASE_URL: 'postgres://portal:secret@db.internal:5432/portal',
      AUDIT_RETENTION_DAYS: '400',
    });
    expect(c.databaseUrl).toBe('postgres://portal:secret@db.internal:5432/portal');
    expect(c.auditRetentionDays).toBe(400);
    expect(c).toMatchObject({ auditHmacKey: 'k'.repeat(40), auditHmacKeyGenerated: false, auditHeadLogEvery: 500 });
    expect(c.auth).toMatchObject({ url: 'https://reset.example.com', secureCookies: true, sessionMaxAgeSeconds: 4 * 3600 });
    expect(c.oidc.groupsClaim).toBe('cognito:groups');
    expect(c.password.minLength).toBe(16);
    expect(c.rateLimit.perTarget).toBe(5);
    expect(c.allowedOrigins).toEqual(['reset.example.com', 'proxy.example.com:8443']);
  });

  it.each([
    ['PASSWORD_MIN_LENGTH', 'twelve'],
    ['PASSWORD_MIN_LENGTH', '4'],
    ['PASSWORD_MIN_SCORE', '5'],
    ['RESET_LIMIT_PER_ACTOR', '0'],
    ['SESSION_MAX_AGE_HOURS', '24'],
    ['OIDC_ISSUER', 'not a url'],
    ['NEXTAUTH_URL', 'ftp://x'],
    ['DATABASE_URL', 'portal.db'],
    ['AUDIT_RETENTION_DAYS', '-1'],
  ])('stops on a bad %s with a message naming it', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('keeps audit events forever unless told otherwise, and never prints a database password', () => {
    expect(parseConfig({}).auditRetentionDays).toBe(0);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://portal:hunter2-secret@db/portal' })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://portal:hunter2-secret@db/portal' })).not.toThrow(/hunter2/);
  });

  it('requires a real session secret in production, and never prints it', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/NEXTAUTH_SECRET: required in production/);
    const short = 'short-secret-value';
    try {
      parseConfig({ NODE_ENV: 'production', NEXTAUTH_SECRET: short });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as Error).message).toContain('NEXTAUTH_SECRET');
      expect((err as Error).message).not.toContain(short);
    }
  });

  it('reads the session idle limit and the groups refresh interval, with their defaults', () => {
    expect(parseConfig({}).auth).toMatchObject({ sessionIdleMinutes: 30, groupsRefreshMinutes: 10 });
    expect(parseConfig({ SESSION_IDLE_MINUTES: '5', GROUPS_REFRESH_MINUTES: '2' }).auth).toMatchObject({
      sessionIdleMinutes: 5,
      groupsRefreshMinutes: 2,
    });
    expect(() => parseConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => parseConfig({ GROUPS_REFRESH_MINUTES: 'soon' })).toThrow(/GROUPS_REFRESH_MINUTES/);
  });

  it('trusts a read session record for 5 s unless told otherwise, 0 (every request) to 60', () => {
    expect(parseConfig({}).auth.sessionCheckSeconds).toBe(5);
    expect(parseConfig({ SESSION_CHECK_SECONDS: '0' }).auth.sessionCheckSeconds).toBe(0);
    expect(() => parseConfig({ SESSION_CHECK_SECONDS: '61' })).toThrow(/SESSION_CHECK_SECONDS/);
  });

  it('requires an audit key in production, of 32 characters or more, and generates one in development', () => {
    const production = { NODE_ENV: 'production', NEXTAUTH_SECRET: 'x'.repeat(40), HANDOVER_KEY: 'h'.repeat(40) };
    expect(() => parseConfig(production)).toThrow(/AUDIT_HMAC_KEY: required in production/);
    const short = 'short-audit-key-value';
    expect(() => parseConfig({ ...production, AUDIT_HMAC_KEY: short })).toThrow(/AUDIT_HMAC_KEY: must be at least 32 characters/);
    expect(() => parseConfig({ ...production, AUDIT_HMAC_KEY: short })).not.toThrow(new RegExp(short));
    const development = parseConfig({});
    expect(development).toMatchObject({ auditHmacKeyGenerated: true, auditHeadLogEvery: 100 });
    expect(development.auditHmacKey.length).toBeGreaterThanOrEqual(32);
    expect(() => parseConfig({ AUDIT_HEAD_LOG_EVERY: '0' })).toThrow(/AUDIT_HEAD_LOG_EVERY/);
  });
});

describe('identity provider settings', () => {
  it('finds discovery under the issuer, leaves algorithm and client authentication to discovery, and ends the IdP session on Sign out', () => {
    expect(parseConfig({ OIDC_ISSUER: 'https://idp.example.com/realms/staff/' }).oidc).toMatchObject({
      discoveryUrl: 'https://idp.example.com/realms/staff/.well-known/openid-configuration',
      idTokenAlg: undefined,
      tokenAuthMethod: undefined,
      groupsSeparator: ',',
      logout: 'idp',
    });
  });

  it('reads the overrides', () => {
    const c = parseConfig({
      OIDC_DISCOVERY_URL: 'http://idp.internal:4593/api/oidc/.well-known/openid-configuration',
      OIDC_ID_TOKEN_ALG: 'ES256',
      OIDC_TOKEN_AUTH_METHOD: 'client_secret_post',
      OIDC_GROUPS_SEPARATOR: ';',
      OIDC_LOGOUT: 'local',
    });
    expect(c.oidc).toMatchObject({
      discoveryUrl: 'http://idp.internal:4593/api/oidc/.well-known/openid-configuration',
      idTokenAlg: 'ES256',
      tokenAuthMethod: 'client_secret_post',
      groupsSeparator: ';',
      logout: 'local',
    });
  });

  it.each([
    ['OIDC_ID_TOKEN_ALG', 'HS256'],
    ['OIDC_TOKEN_AUTH_METHOD', 'private_key_jwt'],
    ['OIDC_LOGOUT', 'everywhere'],
    ['OIDC_DISCOVERY_URL', 'idp/.well-known'],
  ])('stops on a bad %s with a message naming it', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });
});

describe('hand-over and notice settings', () => {
  const production = { NODE_ENV: 'production', NEXTAUTH_SECRET: 'x'.repeat(40), AUDIT_HMAC_KEY: 'k'.repeat(40) };

  it('defaults to both ways of handing over, links for 24 hours, and no mail', () => {
    const c = parseConfig({});
    expect(c.handover).toMatchObject({ mode: 'both', ttlHours: 24, keyGenerated: true });
    expect(c.handover.key.length).toBeGreaterThanOrEqual(32);
    expect(c.notify).toEqual({
      smtpUrl: undefined,
      from: 'WorkMail Reset Portal <no-reply@localhost>',
      adminsTo: [],
      itContact: 'your IT service desk',
    });
  });

  it('requires a hand-over key in production, of 32 characters or more, and never prints it', () => {
    expect(() => parseConfig(production)).toThrow(/HANDOVER_KEY: required in production/);
    const short = 'short-handover-key';
    expect(() => parseConfig({ ...production, HANDOVER_KEY: short })).toThrow(/HANDOVER_KEY: must be at least 32 characters/);
    expect(() => parseConfig({ ...production, HANDOVER_KEY: short })).not.toThrow(new RegExp(short));
    expect(parseConfig({ ...production, HANDOVER_KEY: 'h'.repeat(40) }).handover).toMatchObject({
      key: 'h'.repeat(40),
      keyGenerated: false,
    });
  });

  it('reads the mode, the lifetime, SMTP and the people to tell', () => {
    const c = parseConfig({
      HANDOVER_MODE: 'link',
      HANDOVER_TTL_HOURS: '168',
      SMTP_URL: 'smtps://portal:secret@mail.example.com:465',
      NOTIFY_FROM: 'IT <it@example.com>',
      NOTIFY_ADMINS_TO: 'sec@example.com, it@example.com',
      IT_CONTACT: 'the IT desk, extension 4242',
    });
    expect(c.handover).toMatchObject({ mode: 'link', ttlHours: 168 });
    expect(c.notify).toEqual({
      smtpUrl: 'smtps://portal:secret@mail.example.com:465',
      from: 'IT <it@example.com>',
      adminsTo: ['sec@example.com', 'it@example.com'],
      itContact: 'the IT desk, extension 4242',
    });
  });

  it.each([
    ['HANDOVER_TTL_HOURS', '169', /HANDOVER_TTL_HOURS: expected a whole number from 1 to 168/],
    ['HANDOVER_TTL_HOURS', '0', /HANDOVER_TTL_HOURS: expected a whole number from 1 to 168/],
    ['HANDOVER_TTL_HOURS', 'a day', /HANDOVER_TTL_HOURS/],
    ['HANDOVER_MODE', 'email', /HANDOVER_MODE: expected one of show, link, both/],
    ['SMTP_URL', 'mail.example.com', /SMTP_URL: expected smtp:/],
    ['NOTIFY_ADMINS_TO', 'security team', /NOTIFY_ADMINS_TO: expected comma-separated email addresses/],
  ])('stops on a bad %s (%s) with a message naming it', (name, value, message) => {
    expect(() => parseConfig({ [name]: value })).toThrow(message);
  });

  it('never prints an SMTP password from a bad SMTP_URL', () => {
    expect(() => parseConfig({ SMTP_URL: 'http://portal:hunter2-secret@mail' })).not.toThrow(/hunter2/);
  });
});

describe('migration waves', () => {
  it('defaults to 500 people, a 60-minute export and 5 resets a second', () => {
    expect(parseConfig({}).waves).toMatchObject({ maxPeople: 500, exportTtlMinutes: 60, resetsPerSecond: 5, keyGenerated: true });
    expect(parseConfig({ WAVE_MAX_PEOPLE: '20', WAVE_EXPORT_TTL_MINUTES: '5' }).waves).toMatchObject({
      maxPeople: 20,
      exportTtlMinutes: 5,
    });
    expect(() => parseConfig({ WAVE_MAX_PEOPLE: '0' })).toThrow(/WAVE_MAX_PEOPLE/);
  });

  it('requires a hand-over key of 32 characters or more in production, and generates one in development', () => {
    const production = { NODE_ENV: 'production', NEXTAUTH_SECRET: 'x'.repeat(40), AUDIT_HMAC_KEY: 'k'.repeat(40) };
    expect(() => parseConfig(production)).toThrow(/HANDOVER_KEY: required in production/);
    expect(() => parseConfig({ ...production, HANDOVER_KEY: 'short' })).toThrow(/HANDOVER_KEY: must be at least 32 characters/);
    expect(parseConfig({ ...production, HANDOVER_KEY: 'h'.repeat(40) }).waves).toMatchObject({ key: 'h'.repeat(40), keyGenerated: false });
    expect(parseConfig({}).waves.key.length).toBeGreaterThanOrEqual(32);
  });
});

describe('help for people who came for their own password', () => {
  it('is absent by default, read when set, and refused when HELP_URL is not an http(s) address', () => {
    expect(parseConfig({}).help).toEqual({ url: undefined, text: undefined });
    expect(parseConfig({ HELP_URL: 'https://help.example.com/password', HELP_TEXT: '  Call 1234.  ' }).help).toEqual({
      url: 'https://help.example.com/password',
      text: 'Call 1234.',
    });
    expect(() => parseConfig({ HELP_URL: 'javascript:alert(1)' })).toThrow(/HELP_URL: expected an http\(s\) URL/);
    expect(() => parseConfig({ HELP_TEXT: 'x'.repeat(501) })).toThrow(/HELP_TEXT: at most 500 characters/);
  });
});
