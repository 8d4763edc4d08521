import 'server-only';
/**
 * One WorkMail SDK client per region (WorkMail runs in us-east-1, us-west-2 and eu-west-1), with
 * the endpoint override that points the portal at the local emulator. Retries are the SDK's
 * standard mode, bounded so that no request waits more than about ten seconds.
 */
import { WorkMailClient } from '@aws-sdk/client-workmail';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { workmailOptions } from './options';

const clients = new Map<string, WorkMailClient>();

export function workmailClient(region: string): WorkMailClient {
  let client = clients.get(region);
  if (!client) {
    client = new WorkMailClient({
      region,
      endpoint: workmailOptions().endpoint,
      maxAttempts: 3,
      // Three attempts of at most 2.5 s each, plus backoff: no reset waits more than about 8 s.
      requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 2_500, throwOnRequestTimeout: true }),
    });
    clients.set(region, client);
  }
  return client;
}
