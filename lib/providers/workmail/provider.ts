import 'server-only';
/**
 * Amazon WorkMail as a directory provider (docs/architecture.md): its adapter, its words, its
 * limits. The composition root (lib/portal.ts) is the only importer of this file.
 */
import type { DirectoryProvider } from '../../directory/provider';
import { WorkMailDirectory } from './directory';
import { WORKMAIL_ERROR_TEXT } from './error-text';
import { organizationSettings, workmailOptions, type WorkMailSettings } from './options';

export const workmailProvider: DirectoryProvider<WorkMailSettings> = {
  id: 'workmail',
  wording: {
    name: 'WorkMail',
    requestIdLabel: 'AWS request id',
    externalIdentitySource: 'IAM Identity Center',
    activityLog: 'CloudTrail',
    errors: WORKMAIL_ERROR_TEXT,
    refusals: {
      disabled: 'This mailbox is disabled. An admin must enable it in WorkMail first.',
      externallyManaged: 'This person signs in through IAM Identity Center: reset their password there.',
    },
  },
  // ResetPassword takes at most 256 characters, each in U+0020–U+00FF (the API reference's pattern).
  passwordLimits: {
    maxLength: 256,
    allowedRanges: [[0x20, 0xff]],
    allowedDescription: 'Latin-1 letters, digits, symbols and spaces',
  },
  // WorkMail has no "change at next sign-in" flag; every response carries an AWS request id.
  capabilities: { canForceChangeAtNextSignIn: false, hasRequestIds: true },
  settings: organizationSettings,
  // With a roleArn each reset runs as the operator's own role session (docs/cloudtrail.md); without, CloudTrail shows only the portal.
  organizationCapabilities: (settings) => ({ namesOperatorInActivityLog: settings.roleArn !== undefined }),
  connect(organizations) {
    workmailOptions(); // a bad AWS_REGION or WORKMAIL_ENDPOINT stops the start, naming the variable
    return new WorkMailDirectory(
      (organizationId) => organizations.get(organizationId)?.region ?? workmailOptions().region,
      (organizationId) => organizations.get(organizationId)?.roleArn,
    );
  },
};
