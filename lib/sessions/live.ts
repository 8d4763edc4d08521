import 'server-only';
/**
 * The per-request session check (lib/auth/current-actor.ts calls it): is this session still live, and
 * with which groups? The answer is cached in memory for SESSION_CHECK_SECONDS (5 by default) at
 * most, so a sign-out or a revocation on another instance takes effect within that time; a sign-out
 * here takes effect at once. Activity is written at most once a minute; groups are read again from the identity
 * provider every GROUPS_REFRESH_MINUTES (after an outage, at most once a RETRY_MS), and a provider
 * that disowns the sign-in ends the session.
 */
import { config } from '../config';
import { log } from '../log';
import { groupsClaimStatus, readGroups } from '../auth/groups';
import { fetchUserinfo, IDP_TIMEOUT_MS, refreshAccessToken } from '../auth/userinfo';
import { PRODUCT_ID } from '../product';
import { roleFor } from './role';
import { endSession, readSession, saveGroups, touchSession, type EndReason, type IdpTokens, type SessionRecord } from './store';
import { sessionVerdict } from './verdict';

/** How long this instance trusts its last read of a session record (SESSION_CHECK_SECONDS). */
const checkCacheMs = () => config().auth.sessionCheckSeconds * 1000;
/** After the provider could not be asked, how long a session waits before asking again. */
export const RETRY_MS = 60_000;
const MAX_CACHED = 10_000;

interface ProcessState {
  cache: Map<string, { record: SessionRecord; readAt: number }>;
  refreshing: Map<string, Promise<SessionRecord | undefined>>;
  /** Per session, when the provider may be asked again after it could not be (epoch ms). */
  retryAt: Map<string, number>;
}
// One per process, not per module copy: Next.js bundles route handlers (next-auth's sign-out
// endpoint) apart from pages and actions, and an ending seen by one must reach the others' cache.
const STATE = Symbol.for(`${PRODUCT_ID}.sessions`);
const shared = globalThis as typeof globalThis & { [STATE]?: ProcessState };
const { cache, refreshing, retryAt } = (shared[STATE] ??= { cache: new Map(), refreshing: new Map(), retryAt: new Map() });

export interface LiveSession {
  subject: string;
  email: string;
  name: string;
  groups: string[];
}

async function cachedRecord(sessionId: string, now: number): Promise<SessionRecord | undefined> {
  const hit = cache.get(sessionId);
  const ttl = checkCacheMs();
  if (hit && now - hit.readAt < ttl) return hit.record;
  const record = await readSession(sessionId);
  if (cache.size >= MAX_CACHED) for (const [id, entry] of cache) if (now - entry.readAt >= ttl) cache.delete(id);
  if (record) cache.set(sessionId, { record, readAt: now });
  else cache.delete(sessionId);
  return record;
}

/** Ends a session here and in the database; this instance forgets it at once. */
export async function endLiveSession(sessionId: string, reason: EndReason): Promise<void> {
  cache.delete(sessionId);
  retryAt.delete(sessionId);
  await endSession(sessionId, reason);
}

/**
 * The groups the provider holds now: from userinfo when it carries the claim; otherwise (Entra ID,
 * Cognito, Okta with the claim on the ID token only: docs/identity-providers.md) from the ID token
 * a refresh returned, else the ones read last time. A missing claim is not "no groups".
 */
function currentGroups(userinfo: Record<string, unknown>, idClaims: Record<string, unknown> | undefined, last: string[]): string[] {
  const { groupsClaim, groupsSeparator } = config().oidc;
  for (const claims of [userinfo, idClaims]) {
    if (claims && groupsClaimStatus(claims, groupsClaim) === 'present') return readGroups(claims, groupsClaim, groupsSeparator);
  }
  return last;
}

/** Reads the groups again; undefined when the provider says the sign-in is gone (the session is then ended). */
async function refreshGroups(sessionId: string, record: SessionRecord, now: number): Promise<SessionRecord | undefined> {
  // One deadline for the whole look at the provider, however many calls it takes.
  const signal = AbortSignal.timeout(IDP_TIMEOUT_MS);
  let tokens: IdpTokens | undefined;
  let idClaims: Record<string, unknown> | undefined;
  let accessToken = record.accessToken;
  const expired = record.accessTokenExpiresAt !== undefined && record.accessTokenExpiresAt <= now;
  if ((!accessToken || expired) && record.refreshToken) {
    const renewed = await refreshAccessToken(record.refreshToken, { signal });
    if (renewed.kind === 'gone') return gone(sessionId, renewed.why);
    if (renewed.kind === 'unavailable') return later(sessionId, record, now, renewed.why);
    const { idClaims: claims, ...fresh } = renewed.value;
    tokens = { ...fresh, refreshToken: fresh.refreshToken ?? record.refreshToken };
    idClaims = claims;
    accessToken = fresh.accessToken;
    if (idClaims && idClaims.sub !== record.subject) return gone(sessionId, 'the refreshed ID token names another subject');
  }
  // No token that could still work: the provider can no longer vouch for this sign-in.
  if (!accessToken || (expired && !tokens)) return gone(sessionId, 'the access token expired and there is no refresh token');
  const answer = await fetchUserinfo(accessToken, { signal });
  if (answer.kind === 'gone') return gone(sessionId, answer.why);
  if (answer.kind === 'unavailable') {
    // Renewed tokens are kept even so: the provider may have rotated the refresh token, and the old
    // one no longer works. The groups stay as read at groupsRefreshedAt.
    if (tokens) await saveGroups(sessionId, record.groups, record.role, tokens, undefined, record.groupsRefreshedAt);
    return later(sessionId, { ...record, ...tokens }, now, answer.why);
  }
  if (answer.value.sub !== record.subject) return gone(sessionId, 'userinfo names another subject');
  const groups = currentGroups(answer.value, idClaims, record.groups);
  const role = roleFor({ ...record, groups }, config().accessPolicyFile);
  await saveGroups(sessionId, groups, role, tokens, undefined, now);
  retryAt.delete(sessionId);
  const updated: SessionRecord = { ...record, ...tokens, groups, role, groupsRefreshedAt: now };
  cache.set(sessionId, { record: updated, readAt: now });
  return updated;
}

async function gone(sessionId: string, why: string): Promise<undefined> {
  log.info({ why }, 'session ended: the identity provider no longer stands behind the sign-in');
  retryAt.delete(sessionId);
  await endLiveSession(sessionId, 'ended-at-idp');
  return undefined;
}

/**
 * The provider could not be asked: keep the groups read last time, and ask again no sooner than
 * RETRY_MS from now, so an outage does not cost every request a timeout.
 */
function later(sessionId: string, record: SessionRecord, now: number, why: string): SessionRecord {
  log.warn({ why }, 'session groups not refreshed: the identity provider could not be asked');
  if (retryAt.size >= MAX_CACHED) for (const [id, at] of retryAt) if (at <= now) retryAt.delete(id);
  retryAt.set(sessionId, now + RETRY_MS);
  const hit = cache.get(sessionId);
  if (hit) hit.record = record;
  return record;
}

/** The session's current identity and groups, or null when it has ended (by sign-out, revocation, idle time, age or the provider). */
export async function liveSession(sessionId: string, now = Date.now()): Promise<LiveSession | null> {
  let record = await cachedRecord(sessionId, now);
  if (!record) return null;
  const c = config().auth;
  const verdict = sessionVerdict(record, now, { idleMs: c.sessionIdleMinutes * 60_000, refreshMs: c.groupsRefreshMinutes * 60_000 });
  if (verdict.kind === 'ended') return null;
  if (verdict.kind === 'end') {
    await endLiveSession(sessionId, verdict.reason);
    return null;
  }
  if (verdict.touch) {
    // Best effort: a busy or unavailable database must not fail the request (a reset then refuses
    // with its own words when it cannot write the audit log); the next request tries again.
    const touched = record;
    await touchSession(sessionId, undefined, now).then(
      () => (touched.lastSeenAt = now),
      (err: unknown) => log.warn({ err: (err as Error).message }, 'session activity not recorded'),
    );
  }
  if (verdict.refreshGroups && (retryAt.get(sessionId) ?? 0) <= now) {
    // One refresh per session at a time, however many requests arrive together.
    let pending = refreshing.get(sessionId);
    if (!pending) {
      pending = refreshGroups(sessionId, record, now).finally(() => refreshing.delete(sessionId));
      refreshing.set(sessionId, pending);
    }
    record = await pending;
    if (!record) return null;
  }
  return { subject: record.subject, email: record.email, name: record.name, groups: record.groups };
}
