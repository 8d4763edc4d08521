'use client';

import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useTransition, type ReactNode } from 'react';
import { SkeletonRows } from './skeleton-rows';

interface SearchContextValue {
  /** Goes to another search (a new query, organization or page) and shows the loading state until it has arrived. */
  navigate: (href: string) => void;
  /** What the polite live region says: the new results' count, heard by screen readers when results change. */
  announce: (text: string) => void;
}

const SearchContext = createContext<SearchContextValue | null>(null);

/**
 * The search page's moving parts: the controls (`children`) and the results. While a search is in
 * flight the previous results are hidden behind the loading rows, so a slow directory never shows
 * old results under a new query. The live region stays in the page across searches, which is
 * what makes screen readers announce its new text.
 */
export function SearchArea({ children, results }: { children: ReactNode; results: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState('');
  const navigate = useCallback((href: string) => startTransition(() => router.replace(href)), [router]);
  const value = useMemo(() => ({ navigate, announce: setMessage }), [navigate]);
  return (
    <SearchContext value={value}>
      {children}
      <p role="status" aria-live="polite" className="visually-hidden">
        {pending ? '' : message}
      </p>
      {pending ? <SkeletonRows /> : null}
      <div hidden={pending}>{results}</div>
    </SearchContext>
  );
}

/** The search's navigation; outside a SearchArea, a plain replace. */
export function useSearchNavigate(): (href: string) => void {
  const router = useRouter();
  const navigate = useContext(SearchContext)?.navigate;
  return navigate ?? ((href: string) => router.replace(href));
}

/** Puts `text` into the search's live region once these results are on the page. */
export function Announce({ text }: { text: string }) {
  const announce = useContext(SearchContext)?.announce;
  useEffect(() => announce?.(text), [announce, text]);
  return null;
}
