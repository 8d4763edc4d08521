import type { DirectoryError } from '@/lib/directory/errors';
import type { ProviderWording } from '@/lib/directory/provider';

/** A failure in plain words: what happened, what to do, and the request id IT can quote (named as its directory names it). */
export function ErrorAlert({
  title,
  action,
  requestId,
  requestIdLabel = 'Request id',
}: {
  title: string;
  action: string;
  requestId?: string;
  requestIdLabel?: string;
}) {
  return (
    <div role="alert" className="alert">
      <p>
        <strong>{title}</strong> {action}
      </p>
      {requestId ? (
        <p className="muted">
          {requestIdLabel}: {requestId}
        </p>
      ) : null}
    </div>
  );
}

/** A directory's failure in its provider's words (`wording` from lib/portal.ts's wordingFor). */
export function DirectoryErrorAlert({ error, wording }: { error: DirectoryError; wording: ProviderWording }) {
  return <ErrorAlert {...wording.errors[error.code]} requestId={error.requestId} requestIdLabel={wording.requestIdLabel} />;
}
