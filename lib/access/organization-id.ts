/**
 * The portal's id for an organization, as the access policy, URLs and audit rows carry it. Each
 * provider narrows it further (lib/providers/<name>/options.ts); this is what every id shares, so
 * it is safe in a URL path and a log line.
 */
export const ORGANIZATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
