/**
 * WorkMail's settings: per organization in the access policy (its id and region), and for the
 * whole portal from the environment (AWS_REGION, WORKMAIL_ENDPOINT; docs/configuration.md). A
 * provider reads its own variables, so lib/config.ts knows nothing of WorkMail.
 */
import { z } from 'zod';

/** WorkMail runs in these regions only (AWS's regional endpoints for WorkMail). */
export const WORKMAIL_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

/** An organization's own keys in the access policy, besides `alias` and `provider`. */
export const organizationSettings = z
  .object({
    id: z.string().regex(/^m-[0-9a-f]{32}$/, 'must be a WorkMail organization id (m- and 32 hex digits)'),
    region: z.enum(WORKMAIL_REGIONS),
    /**
     * An IAM role that each reset in this organization runs under, with the operator as its
     * SourceIdentity, so CloudTrail names them (docs/cloudtrail.md). Absent: the portal's own credentials.
     */
    roleArn: z
      .string()
      .regex(
        /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
        'must be an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)',
      )
      .optional(),
  })
  .strict();

export type WorkMailSettings = z.output<typeof organizationSettings>;

/** An optional http(s) endpoint (an emulator, a VPC endpoint), without a trailing slash. */
const endpoint = () =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim();
      if (!value) return undefined;
      if (!/^https?:\/\/[^/]/.test(value) || !URL.canParse(value)) {
        ctx.addIssue({ code: 'custom', message: `expected an http(s) URL, got "${value}"` });
        return z.NEVER;
      }
      return value.replace(/\/+$/, '');
    });

const environment = z.object({
  AWS_REGION: z.enum(WORKMAIL_REGIONS).default('us-east-1'),
  WORKMAIL_ENDPOINT: endpoint(),
  STS_ENDPOINT: endpoint(),
});

export interface WorkMailOptions {
  /** The region of calls that name no organization (none today; the SDK needs one). */
  region: (typeof WORKMAIL_REGIONS)[number];
  /** Points the SDK at another endpoint: the local emulator in the demo and tests. */
  endpoint?: string;
  /** Where AssumeRole goes for organizations with a roleArn: STS_ENDPOINT, else WORKMAIL_ENDPOINT (the emulator serves both), else STS's regional endpoint. */
  stsEndpoint?: string;
}

let cached: WorkMailOptions | undefined;

/** The environment's WorkMail options; a bad value throws a message naming the variable. */
export function workmailOptions(env: NodeJS.ProcessEnv = process.env): WorkMailOptions {
  if (env === process.env && cached) return cached;
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${String(issue.path[0])}: ${issue.message}`);
  }
  const options = {
    region: parsed.data.AWS_REGION,
    endpoint: parsed.data.WORKMAIL_ENDPOINT,
    stsEndpoint: parsed.data.STS_ENDPOINT ?? parsed.data.WORKMAIL_ENDPOINT,
  };
  if (env === process.env) cached = options;
  return options;
}
