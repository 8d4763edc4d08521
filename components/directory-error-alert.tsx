import { DIRECTORY_ERROR_TEXT } from '@/lib/providers/workmail/error-text';
import type { DirectoryError } from '@/lib/directory/errors';

/** A failure in plain words: what happened, what to do, and the request id IT can quote. */
export function ErrorAlert({ title, action, requestId }: { title: string; action: string; requestId?: string }) {
  return (
    <div role="alert" className="alert">
      <p>
        <strong>{title}</strong> {action}
      </p>
      {requestId ? <p className="muted">AWS request id: {requestId}</p> : null}
    </div>
  );
}

export function DirectoryErrorAlert({ error }: { error: DirectoryError }) {
  return <ErrorAlert {...DIRECTORY_ERROR_TEXT[error.code]} requestId={error.requestId} />;
}
