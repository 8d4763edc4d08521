import 'server-only';
/**
 * One WorkMail SDK client per region (WorkMail runs in us-east-1, us-west-2 and eu-west-1), with
 * the endpoint override that points the portal at the local emulator. Retries are the SDK's
 * standard mode, bounded so that no request waits more than about ten seconds.
 */
import { WorkMailClient } from '@aws-sdk/client-workmail';
import type { AwsCredentialIdentity } from '@smithy/types';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { workmailOptions } from './options';

const clients = new Map<string, WorkMailClient>();

/** Three attempts of at most 2.5 s each, plus backoff: no reset waits more than about 8 s. */
export const BOUNDED_REQUESTS = {
  maxAttempts: 3,
  requestHandler: () => new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 2_500, throwOnRequestTimeout: true }),
};

export function workmailClient(region: string): WorkMailClient {
  let client = clients.get(region);
  if (!client) {
    client = workmailClientWith(region);
    clients.set(region, client);
  }
  return client;
}

/** A client with the given credentials (a role session's, lib/providers/workmail/role-sessions.ts), or the default chain's. */
export function workmailClientWith(region: string, credentials?: AwsCredentialIdentity): WorkMailClient {
  return new WorkMailClient({
    region,
    endpoint: workmailOptions().endpoint,
    maxAttempts: BOUNDED_REQUESTS.maxAttempts,
    requestHandler: BOUNDED_REQUESTS.requestHandler(),
    ...(credentials ? { credentials } : {}),
  });
}
