import { groupsClaimStatusOfSession } from '@/lib/auth/groups-status';
import { config } from '@/lib/config';

/**
 * On the no-access page: when the identity provider sent no groups at all, the cause is at the
 * provider, not in the access policy, so say so (docs/identity-providers.md has each provider's fix).
 */
export async function GroupsClaimNotice() {
  const status = await groupsClaimStatusOfSession();
  const claim = config().oidc.groupsClaim;
  if (status === 'missing') {
    return (
      <p role="note">
        Your identity provider sent no groups: ask IT to grant the <code>{claim}</code> scope / claim to this portal.
      </p>
    );
  }
  if (status === 'overage') {
    return (
      <p role="note">
        Your identity provider left your groups out because you belong to more groups than fit in a sign-in token (Entra ID&apos;s
        &ldquo;groups overage&rdquo;): ask IT to make the portal&apos;s app registration send only the groups assigned to the application.
      </p>
    );
  }
  return null;
}
