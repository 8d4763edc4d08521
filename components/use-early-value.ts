'use client';

import { useEffect, type RefObject } from 'react';

/**
 * Input made before the page's script ran (a slow phone, a quick typist, a password manager's
 * fill) sits in the field unseen by React, which would then act as if it were empty. Once the
 * script runs, hand whatever the field holds to `take`, if it differs from React's `value`.
 */
export function useEarlyValue(field: RefObject<HTMLInputElement | HTMLSelectElement | null>, value: string, take: (early: string) => void) {
  useEffect(() => {
    const early = field.current?.value;
    if (early !== undefined && early !== value) take(early);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page becomes interactive
  }, []);
}
