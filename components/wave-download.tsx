'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/**
 * The wave's one download: a same-origin fetch (a plain form POST carries `Origin: null` under the
 * portal's no-referrer policy, which the proxy refuses), saved from memory as a file; the text is
 * let go at once. A refusal (already downloaded, expired) is shown in its words.
 */
export function WaveDownload({ waveId, fileName, until }: { waveId: string; fileName: string; until: string }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  async function download() {
    setBusy(true);
    try {
      const res = await fetch(`/migrations/${waveId}/export`, { method: 'POST' });
      if (!res.ok) {
        setError(((await res.json().catch(() => ({}))) as { message?: string }).message ?? 'The download failed; reload the page.');
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      {error ? (
        <div role="alert" className="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <button type="button" className="button primary" onClick={download} disabled={busy}>
        Download CSV
      </button>
      <span className="muted"> Once only, until {until}</span>
    </div>
  );
}
