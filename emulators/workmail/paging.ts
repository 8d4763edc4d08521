/**
 * NextToken paging. Tokens are opaque to clients, distinct on every page and absent on the last
 * one: AWS CLI v1 aborts when it sees the same token twice (docs/workmail.md, "Operations the portal calls").
 * A token carries the offset and a digest of the query, so a token from one query is refused
 * by another instead of silently returning the wrong page.
 */
import { createHash } from 'node:crypto';
import { invalidParameter } from './errors';

const DEFAULT_MAX_RESULTS = 100;

export interface PageRequest {
  NextToken?: unknown;
  MaxResults?: unknown;
}

export function paginate<T>(items: readonly T[], request: PageRequest, query: string): { page: T[]; nextToken?: string } {
  const digest = createHash('sha256').update(query).digest('base64url').slice(0, 12);
  const offset = request.NextToken === undefined ? 0 : readToken(String(request.NextToken), digest, items.length);
  const size = typeof request.MaxResults === 'number' ? request.MaxResults : DEFAULT_MAX_RESULTS;
  const end = offset + size;
  return {
    page: items.slice(offset, end),
    nextToken: end < items.length ? Buffer.from(JSON.stringify({ o: end, q: digest })).toString('base64') : undefined,
  };
}

function readToken(token: string, digest: string, length: number): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const { o, q } = parsed as { o?: unknown; q?: unknown };
      if (q === digest && typeof o === 'number' && Number.isInteger(o) && o >= 0 && o <= length) return o;
    }
  } catch {
    // fall through: any unreadable token is the caller's mistake
  }
  throw invalidParameter('The NextToken is invalid, expired, or belongs to a different request.');
}
