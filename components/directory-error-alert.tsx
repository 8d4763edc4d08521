import { DIRECTORY_ERROR_TEXT } from '@/lib/directory/error-text';
import type { DirectoryError } from '@/lib/directory/errors';

/** A directory failure in plain words, with the request id IT can quote. */
export function DirectoryErrorAlert({ error }: { error: DirectoryError }) {
  const text = DIRECTORY_ERROR_TEXT[error.code];
  return (
    <div role="alert" className="alert">
      <p>
        <strong>{text.title}</strong> {text.action}
      </p>
      {error.requestId ? <p className="muted">AWS request id: {error.requestId}</p> : null}
    </div>
  );
}
