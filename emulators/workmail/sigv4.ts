/**
 * SigV4 verification: the emulator re-signs the request with the caller's secret using the
 * maintained @smithy/signature-v4 signer (the one the AWS SDK signs with) and compares. Errors
 * and their wording follow what AWS JSON services answer.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { WorkMailError } from './errors';

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** A label for the IAM principal, used in AccessDenied messages. */
  principal?: string;
  /** Operations this key may call; all when absent (models an IAM policy's Action list). */
  operations?: string[];
  /** Temporary keys from AssumeRole (emulators/workmail/sts.ts): the token that must come with them, and when they end. */
  session?: { token: string; expiresAt: number };
}

/** Where the verifier finds a key: the configured keys, or those plus the sessions STS issued. */
export interface KeyLookup {
  get(accessKeyId: string): AccessKey | undefined;
}

export const DEMO_KEYS: AccessKey[] = [
  { accessKeyId: 'AKIAEMULATORDEMO0001', secretAccessKey: 'emulator-demo-secret-key-0001', principal: 'portal' },
  {
    accessKeyId: 'AKIAEMULATORREAD0001',
    secretAccessKey: 'emulator-read-secret-key-0001',
    principal: 'portal-read-only',
    operations: [
      'ListUsers',
      'DescribeUser',
      'ListGroups',
      'ListGroupMembers',
      'ListGroupsForEntity',
      'ListOrganizations',
      'DescribeOrganization',
      'DescribeGroup',
      'ListAliases',
    ],
  },
];

const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

export interface VerifiedCaller {
  key: AccessKey;
  region: string;
}

const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

const signers = new Map<string, SignatureV4>();

/** One signer per key and region: it caches its derived signing keys between requests. */
function signerFor(key: AccessKey, region: string, service: string): SignatureV4 {
  const id = `${key.accessKeyId}\u0000${key.secretAccessKey}\u0000${region}\u0000${service}`;
  let signer = signers.get(id);
  if (!signer) {
    // Temporary keys are many and short-lived: not kept, so the map cannot grow with every session.
    const keep = !key.session;
    signer = new SignatureV4({
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      region,
      service,
      sha256: Hash.bind(null, 'sha256'),
      // Sign exactly the caller's SignedHeaders: botocore does not sign x-amz-content-sha256.
      applyChecksum: false,
    });
    if (keep) signers.set(id, signer);
  }
  return signer;
}

export async function verifySignature(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  keys: KeyLookup,
  now = new Date(),
  service = 'workmail',
): Promise<VerifiedCaller> {
  const authorization = header(headers, 'authorization');
  if (!authorization) throw new WorkMailError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = AUTH_PATTERN.exec(authorization);
  if (!m)
    throw new WorkMailError(
      'IncompleteSignatureException',
      'Authorization header requires Credential, SignedHeaders and Signature parameters for AWS4-HMAC-SHA256.',
    );
  const [, accessKeyId, scopeDate, region, scopedService, signedHeaderList, signature] = m as unknown as string[];
  const key = keys.get(accessKeyId!);
  if (!key) throw new WorkMailError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (scopedService !== service)
    throw new WorkMailError('InvalidSignatureException', `Credential should be scoped to correct service: '${service}'.`);
  if (key.session) {
    // Temporary keys come with their session token (X-Amz-Security-Token), as AWS requires.
    if (header(headers, 'x-amz-security-token') !== key.session.token)
      throw new WorkMailError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    if (now.getTime() >= key.session.expiresAt)
      throw new WorkMailError('ExpiredTokenException', 'The security token included in the request is expired');
  }

  const dateValue = header(headers, 'x-amz-date') ?? '';
  const signingDate = parseAmzDate(dateValue);
  if (!signingDate || !dateValue.startsWith(scopeDate!))
    throw new WorkMailError('IncompleteSignatureException', 'X-Amz-Date must be present and match the credential scope date.');
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new WorkMailError(
      'InvalidSignatureException',
      `Signature expired: ${dateValue} is now earlier than ${amzDate(new Date(now.getTime() - MAX_SKEW_MS))} ` +
        `(${amzDate(now)} - 15 min.)`,
    );
  }

  const bodyHash = createHash('sha256').update(body).digest('hex');
  const claimedHash = header(headers, 'x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== bodyHash)
    throw new WorkMailError('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match the body.');

  const signedNames = signedHeaderList!.split(';');
  const signedHeaders: Record<string, string> = {};
  for (const name of signedNames) {
    const value = header(headers, name);
    if (value === undefined) throw new WorkMailError('InvalidSignatureException', `Signed header ${name} is missing.`);
    signedHeaders[name] = value;
  }
  const signer = signerFor(key, region!, service);
  const request = new HttpRequest({ method, path, hostname: '', headers: signedHeaders, body });
  const signed = await signer.sign(request, { signingDate, signableHeaders: new Set(signedNames) });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
  if (expected.length !== signature!.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) {
    throw new WorkMailError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { key, region: region! };
}
