/**
 * What a directory provider brings besides its Directory (docs/architecture.md): its own words for
 * its failures and refusals, its password limits, and what it can do. The composition root
 * (lib/portal.ts) names the providers; nothing else in the portal knows which one it talks to.
 */
import type { z } from 'zod';
import type { DirectoryErrorCode } from './errors';
import type { Directory } from './types';

/** One failure in words an operator can act on: what happened, and what to do now. */
export interface ErrorText {
  title: string;
  action: string;
}

/**
 * The characters a directory accepts in a password, as data (it crosses to the browser's
 * checklist): inclusive code point ranges, and how to say them in a sentence.
 */
export interface PasswordLimits {
  maxLength: number;
  /**
   * What the directory counts as one character: Unicode characters (the default), or UTF-16 code
   * units, as Active Directory does (unicodePwd is UTF-16): there an emoji counts as two.
   */
  countsIn?: 'characters' | 'utf16-units';
  allowedRanges: ReadonlyArray<readonly [number, number]>;
  /** Completes "<directory> accepts only …", e.g. "Latin-1 letters, digits, symbols and spaces". */
  allowedDescription: string;
}

export interface ProviderCapabilities {
  /** The directory can make the person choose a new password at their next sign-in. */
  canForceChangeAtNextSignIn: boolean;
  /** Every call answers with a request id that the vendor's support can trace. */
  hasRequestIds: boolean;
  /**
   * The directory's own activity log (wording.activityLog) names the operator of a reset, not only
   * the portal (a provider may say so per organization, e.g. when a reset role is configured).
   */
  namesOperatorInActivityLog?: boolean;
}

export interface ProviderWording {
  /** The directory's name in sentences ("… cannot force a change at next sign-in"). */
  name: string;
  /** What its request ids are called, for IT to quote to the vendor. */
  requestIdLabel: string;
  /** The source that owns an externally managed person's password, by name. */
  externalIdentitySource: string;
  errors: Record<DirectoryErrorCode, ErrorText>;
  /** Refusals whose advice depends on the directory (the rest are the portal's own words). */
  refusals: { disabled: string; externallyManaged: string };
  /** The name of the log where the vendor records who called it (the provider names it), where there is one a security team reads. */
  activityLog?: string;
}

/** An organization as the access policy names it: the portal's id, and the provider's own settings. */
export interface OrganizationSettings {
  id: string;
  settings: Readonly<Record<string, unknown>>;
}

export interface DirectoryProvider<Settings = unknown> {
  /** The access policy's `"provider"` value. */
  id: string;
  wording: ProviderWording;
  passwordLimits: PasswordLimits;
  capabilities: ProviderCapabilities;
  /** Validates an organization's own keys in the access policy (its id included). */
  settings: z.ZodType<Settings>;
  /** What one organization's settings add to or change in `capabilities` (e.g. a reset role). */
  organizationCapabilities?(settings: Settings): Partial<ProviderCapabilities>;
  /** A Directory serving the given organizations, each with its validated settings. */
  connect(organizations: ReadonlyMap<string, Settings>): Directory;
}
