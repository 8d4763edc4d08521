'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { WaveProgress as Progress } from '@/lib/migrations/types';

/** How often a running wave's page asks for its counts: a person takes about this long at the default pace. */
const POLL_MS = 1000;

/**
 * The run's live counts, polled from /migrations/<id>/progress while it runs; when it ends, the
 * page is refreshed from the server (the download button, the failed list).
 */
export function WaveProgress({ waveId, initial }: { waveId: string; initial: Progress }) {
  const [progress, setProgress] = useState(initial);
  const router = useRouter();
  useEffect(() => {
    if (progress.state !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/migrations/${waveId}/progress`, { cache: 'no-store' });
        const next = res.ok ? ((await res.json()) as Progress) : progress;
        setProgress({ ...next });
        if (next.state !== 'running') router.refresh();
      } catch {
        setProgress({ ...progress });
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [progress, router, waveId]);
  const total = progress.done + progress.failed + progress.remaining;
  return (
    <div className="panel">
      <progress aria-label="Wave progress" max={total} value={progress.done + progress.failed} />
      <p role="status">
        Done {progress.done}, failed {progress.failed}, remaining {progress.remaining}
      </p>
    </div>
  );
}
