'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The strength score of `password`, computed by a Web Worker that is created on first use.
 * A reply counts only while it still matches the current text, so the meter never lags.
 */
export function useStrength(password: string, words: readonly string[]) {
  const worker = useRef<Worker | undefined>(undefined);
  const [result, setResult] = useState<{ password: string; score: number } | undefined>(undefined);

  const start = useCallback(() => {
    if (worker.current) return;
    worker.current = new Worker(new URL('./strength.worker.ts', import.meta.url), { type: 'module' });
    worker.current.onmessage = (event: MessageEvent<{ password: string; score: number }>) => setResult(event.data);
  }, []);

  useEffect(() => {
    if (!password) return;
    start();
    worker.current!.postMessage({ password, words: [...words] });
  }, [password, words, start]);

  useEffect(() => () => worker.current?.terminate(), []);

  return { score: password && result?.password === password ? result.score : undefined, start };
}
