/**
 * What the confirmation says about the directory's own log (docs/cloudtrail.md): where it names
 * only the portal, the operator should know that the portal's audit log is the one that names them.
 */
import type { ProviderCapabilities, ProviderWording } from '../directory/provider';

export function activityLogNotice(wording: Pick<ProviderWording, 'activityLog'>, capabilities: ProviderCapabilities): string | undefined {
  if (!wording.activityLog || capabilities.namesOperatorInActivityLog) return undefined;
  return `${wording.activityLog} will show only the portal as having made this change; the portal’s audit log records that it was you.`;
}
