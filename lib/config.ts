/**
 * The portal's configuration: the only reader of `process.env` besides each directory provider's own options
 * (lib/providers/<name>/options.ts; docs/configuration.md). Validated with zod
 * at start (instrumentation.ts); a bad value stops the portal with a message naming the variable.
 * Defaults are the embedded demo's, except the session secret, which production must set.
 */
import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { PRODUCT_ID, PRODUCT_NAME } from './product';

/** Asymmetric ID token signatures only: HS256 would need the client secret as a key (docs/identity-providers.md). */
export const ID_TOKEN_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
export const TOKEN_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'] as const;
/** How the password reaches the person after a reset (docs/handover.md): shown once, a one-time link, or a choice of both. */
export const HANDOVER_MODES = ['show', 'link', 'both'] as const;
export type HandoverMode = (typeof HANDOVER_MODES)[number];

const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const url = (fallback?: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim() || fallback;
      if (value === undefined) return undefined;
      try {
        const parsed = new URL(value);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
        return value.replace(/\/+$/, '');
      } catch {
        ctx.addIssue({ code: 'custom', message: `expected an http(s) URL, got "${value}"` });
        return z.NEVER;
      }
    });

const text = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() || fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  NEXTAUTH_URL: url('http://localhost:3000'),
  NEXTAUTH_SECRET: z.string().optional(),
  OIDC_ISSUER: url('http://localhost:4011'),
  OIDC_CLIENT_ID: text(PRODUCT_ID),
  OIDC_CLIENT_SECRET: text('demo-portal-client-secret'),
  OIDC_GROUPS_CLAIM: text('groups'),
  OIDC_SCOPES: text('openid email profile groups'),
  OIDC_PROVIDER_NAME: text('your company account'),
  ACCESS_POLICY_FILE: text('config/access-policy.demo.json'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || 'file:./data/portal.db')
    .refine((v) => /^(file:.+|postgres(ql)?:\/\/.+)$/.test(v), {
      message: 'expected file:<path> (SQLite) or postgres://user:password@host:port/database (PostgreSQL)',
    }),
  AUDIT_RETENTION_DAYS: int(0, 36_500, 0),
  PASSWORD_MIN_LENGTH: int(8, 256, 12),
  PASSWORD_MIN_SCORE: int(0, 4, 3),
  PASSWORD_REQUIRED_CLASSES: int(0, 4, 3),
  RESET_LIMIT_PER_ACTOR: int(1, 10_000, 20),
  RESET_LIMIT_PER_TARGET: int(1, 1_000, 3),
  SESSION_MAX_AGE_HOURS: int(1, 8, 8),
  SESSION_IDLE_MINUTES: int(1, 480, 30),
  GROUPS_REFRESH_MINUTES: int(1, 480, 10),
  SESSION_CHECK_SECONDS: int(0, 60, 5),
  PEOPLE_INDEX_REFRESH_SECONDS: int(10, 86_400, 300),
  SCOPE_CACHE_SECONDS: int(0, 3_600, 60),
  ALLOWED_ORIGINS: z.string().optional(),
  TRUSTED_PROXY_HOPS: int(0, 10, 0),
  AUDIT_HMAC_KEY: z.string().optional(),
  AUDIT_HEAD_LOG_EVERY: int(1, 1_000_000, 100),
  OIDC_DISCOVERY_URL: url(),
  OIDC_ID_TOKEN_ALG: z.enum(ID_TOKEN_ALGS).optional(),
  OIDC_TOKEN_AUTH_METHOD: z.enum(TOKEN_AUTH_METHODS).optional(),
  // Not trimmed: the separator is taken as written; empty means the default.
  OIDC_GROUPS_SEPARATOR: z
    .string()
    .optional()
    .transform((v) => v || ','),
  OIDC_LOGOUT: z.enum(['idp', 'local']).default('idp'),
  REAUTH_MAX_AGE_MINUTES: int(0, 480, 15),
  REQUIRED_ACR: z.string().optional(),
  REQUIRED_AMR: z.string().optional(),
  HANDOVER_KEY: z.string().optional(),
  HANDOVER_TTL_HOURS: int(1, 168, 24),
  HANDOVER_MODE: z
    .string()
    .optional()
    .transform((v) => v?.trim() || 'both')
    .pipe(z.enum(HANDOVER_MODES, { message: `expected one of ${HANDOVER_MODES.join(', ')}` })),
  // Never echoed: the URL may carry the SMTP password.
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || /^smtps?:\/\/[^\s/]+/.test(v), {
      message: 'expected smtp://[user:password@]host[:port] or smtps://…',
    }),
  NOTIFY_FROM: text(`${PRODUCT_NAME} <no-reply@localhost>`),
  NOTIFY_ADMINS_TO: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((a) => z.email().safeParse(a).success), { message: 'expected comma-separated email addresses' }),
  IT_CONTACT: text('your IT service desk'),
  WAVE_MAX_PEOPLE: int(1, 100_000, 500),
  WAVE_EXPORT_TTL_MINUTES: int(1, 10_080, 60),
  WAVE_RESETS_PER_SECOND: int(1, 100, 5),
  HELP_URL: url(),
  HELP_TEXT: z
    .string()
    .max(500, 'at most 500 characters')
    .optional()
    .transform((v) => v?.trim() || undefined),
});

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export interface Config {
  production: boolean;
  auth: {
    url: string;
    secret: string;
    secureCookies: boolean;
    sessionMaxAgeSeconds: number;
    /** A session unused this long ends (lib/sessions), on top of the absolute limit. */
    sessionIdleMinutes: number;
    /** How often a session's groups are read again from the identity provider's userinfo. */
    groupsRefreshMinutes: number;
    /** How long one instance trusts its last read of a session record (lib/sessions/live.ts). */
    sessionCheckSeconds: number;
  };
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    groupsClaim: string;
    scopes: string;
    providerName: string;
    /** Where the discovery document lives: OIDC_DISCOVERY_URL, or `<issuer>/.well-known/openid-configuration`. */
    discoveryUrl: string;
    /** Overrides the ID token algorithm chosen from discovery. */
    idTokenAlg?: (typeof ID_TOKEN_ALGS)[number];
    /** Overrides the token endpoint authentication chosen from discovery. */
    tokenAuthMethod?: (typeof TOKEN_AUTH_METHODS)[number];
    /** Splits a groups claim sent as one string; never whitespace unless set so. */
    groupsSeparator: string;
    /** `idp`: Sign out ends the identity provider's session too; `local`: only the portal's. */
    logout: 'idp' | 'local';
  };
  accessPolicyFile: string;
  databaseUrl: string;
  /** Audit events older than this many days are removed by `npm run audit:purge`; 0 keeps them all. */
  auditRetentionDays: number;
  password: { minLength: number; minScore: number; requiredClasses: number };
  rateLimit: { perActor: number; perTarget: number };
  /** How often each organization's in-memory word index is rebuilt, and how long a lead's scope is reused. */
  search: { indexRefreshSeconds: number; scopeCacheSeconds: number };
  /** Origins (host[:port]) allowed to post server actions besides NEXTAUTH_URL's, e.g. behind a proxy. */
  allowedOrigins: string[];
  /** Reverse proxies in front that append to X-Forwarded-For; 0 uses the connection's own address (lib/request-client.ts). */
  trustedProxyHops: number;
  /** The secret that keys the audit hash chain (lib/audit/hash.ts); generated per start outside production. */
  auditHmacKey: string;
  /** True when auditHmacKey was generated because AUDIT_HMAC_KEY is unset (development only). */
  auditHmacKeyGenerated: boolean;
  /** The audit chain's head hash is logged every this many events, for a copy outside the database. */
  auditHeadLogEvery: number;
  /**
   * Step-up before a reset (lib/auth/step-up.ts): the sign-in must be at most `maxAgeSeconds` old
   * (0: no limit), and carry one of `acr` (when any) and every one of `amr`.
   */
  stepUp: { maxAgeSeconds: number; acr: string[]; amr: string[] };
  /** The one-time link (lib/handover, docs/handover.md). */
  handover: {
    /** Encrypts stored passwords (AES-256-GCM under a key derived from it); generated per start outside production. */
    key: string;
    keyGenerated: boolean;
    ttlHours: number;
    mode: HandoverMode;
  };
  /** The notice to the person after a reset (lib/notify); no smtpUrl: nothing is sent. */
  notify: { smtpUrl?: string; from: string; adminsTo: string[]; itContact: string };
  /** Migration waves (docs/migrations.md). */
  waves: {
    maxPeople: number;
    exportTtlMinutes: number;
    resetsPerSecond: number;
    /** HANDOVER_KEY: encrypts a wave's passwords until their one download; generated per start outside production. */
    key: string;
    keyGenerated: boolean;
  };
  /** For people who land here for their own password (the no-access page): where to go, and what to say. */
  help: { url?: string; text?: string };
}

export class ConfigError extends Error {}

/** Parses an environment; pure, so tests can feed it any record. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.data;
  const production = e.NODE_ENV === 'production';
  let secret = e.NEXTAUTH_SECRET?.trim();
  if (!secret) {
    if (production)
      throw new ConfigError('Invalid configuration:\n  NEXTAUTH_SECRET: required in production (32 or more random characters)');
    // Development only: sessions then end when the process restarts.
    secret = randomBytes(32).toString('base64url');
  } else if (secret.length < 32) {
    throw new ConfigError('Invalid configuration:\n  NEXTAUTH_SECRET: must be at least 32 characters');
  }
  const auditHmacKey = e.AUDIT_HMAC_KEY?.trim();
  if (!auditHmacKey) {
    if (production)
      throw new ConfigError('Invalid configuration:\n  AUDIT_HMAC_KEY: required in production (32 or more random characters)');
  } else if (auditHmacKey.length < 32) {
    throw new ConfigError('Invalid configuration:\n  AUDIT_HMAC_KEY: must be at least 32 characters');
  }
  const handoverKey = e.HANDOVER_KEY?.trim();
  if (!handoverKey) {
    if (production) throw new ConfigError('Invalid configuration:\n  HANDOVER_KEY: required in production (32 or more random characters)');
  } else if (handoverKey.length < 32) {
    throw new ConfigError('Invalid configuration:\n  HANDOVER_KEY: must be at least 32 characters');
  }
  const handoverSecret = handoverKey || randomBytes(32).toString('base64url');
  return Object.freeze({
    production,
    auth: {
      url: e.NEXTAUTH_URL!,
      secret,
      secureCookies: e.NEXTAUTH_URL!.startsWith('https://'),
      sessionMaxAgeSeconds: e.SESSION_MAX_AGE_HOURS * 3600,
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      groupsRefreshMinutes: e.GROUPS_REFRESH_MINUTES,
      sessionCheckSeconds: e.SESSION_CHECK_SECONDS,
    },
    oidc: {
      issuer: e.OIDC_ISSUER!,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      groupsClaim: e.OIDC_GROUPS_CLAIM,
      scopes: e.OIDC_SCOPES,
      providerName: e.OIDC_PROVIDER_NAME,
      discoveryUrl: e.OIDC_DISCOVERY_URL ?? `${e.OIDC_ISSUER!}/.well-known/openid-configuration`,
      idTokenAlg: e.OIDC_ID_TOKEN_ALG,
      tokenAuthMethod: e.OIDC_TOKEN_AUTH_METHOD,
      groupsSeparator: e.OIDC_GROUPS_SEPARATOR,
      logout: e.OIDC_LOGOUT,
    },
    accessPolicyFile: e.ACCESS_POLICY_FILE,
    databaseUrl: e.DATABASE_URL,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    password: { minLength: e.PASSWORD_MIN_LENGTH, minScore: e.PASSWORD_MIN_SCORE, requiredClasses: e.PASSWORD_REQUIRED_CLASSES },
    rateLimit: { perActor: e.RESET_LIMIT_PER_ACTOR, perTarget: e.RESET_LIMIT_PER_TARGET },
    search: { indexRefreshSeconds: e.PEOPLE_INDEX_REFRESH_SECONDS, scopeCacheSeconds: e.SCOPE_CACHE_SECONDS },
    allowedOrigins: (e.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    // Development only: events written now verify only in this process (lib/audit/key.ts warns).
    auditHmacKey: auditHmacKey || randomBytes(32).toString('base64url'),
    auditHmacKeyGenerated: !auditHmacKey,
    auditHeadLogEvery: e.AUDIT_HEAD_LOG_EVERY,
    stepUp: { maxAgeSeconds: e.REAUTH_MAX_AGE_MINUTES * 60, acr: list(e.REQUIRED_ACR), amr: list(e.REQUIRED_AMR) },
    handover: {
      // Development only: links made by this process cannot be opened after it restarts.
      key: handoverSecret,
      keyGenerated: !handoverKey,
      ttlHours: e.HANDOVER_TTL_HOURS,
      mode: e.HANDOVER_MODE,
    },
    notify: { smtpUrl: e.SMTP_URL, from: e.NOTIFY_FROM, adminsTo: e.NOTIFY_ADMINS_TO, itContact: e.IT_CONTACT },
    waves: {
      maxPeople: e.WAVE_MAX_PEOPLE,
      exportTtlMinutes: e.WAVE_EXPORT_TTL_MINUTES,
      resetsPerSecond: e.WAVE_RESETS_PER_SECOND,
      // The hand-over key (development only: a restart then cannot decrypt the passwords of a wave run before it).
      key: handoverSecret,
      keyGenerated: !handoverKey,
    },
    help: { url: e.HELP_URL, text: e.HELP_TEXT },
  });
}

let cached: Config | undefined;

/** How the password is handed over after a reset (HANDOVER_MODE): `show`, `link` or `both`. */
export const handoverMode = (): HandoverMode => config().handover.mode;

/** The process's configuration, parsed once. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
