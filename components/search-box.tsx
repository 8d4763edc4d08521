'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

const DEBOUNCE_MS = 300;

/** The search field: the query lives in the URL (?q=), so a search can be shared as a link. */
export function SearchBox() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [value, setValue] = useState(params.get('q') ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => () => clearTimeout(timer.current), []);

  const navigate = (q: string) => {
    const next = new URLSearchParams(params);
    if (q.trim()) next.set('q', q.trim());
    else next.delete('q');
    next.delete('page');
    next.delete('cursor');
    router.replace(`${pathname}${next.size ? `?${next}` : ''}`);
  };

  // Text typed before the page's script ran (a slow phone, a quick typist) sits in the field
  // unseen by React: search for it once the script runs, rather than ignore it.
  useEffect(() => {
    const typed = input.current?.value ?? '';
    if (typed !== value) {
      setValue(typed);
      navigate(typed);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page becomes interactive
  }, []);

  return (
    <form
      role="search"
      className="search"
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(timer.current);
        navigate(value);
      }}
    >
      <label htmlFor="search-users">Search users</label>
      <input
        ref={input}
        id="search-users"
        type="search"
        name="q"
        value={value}
        maxLength={256}
        autoComplete="off"
        spellCheck={false}
        placeholder="Name, username or email"
        onChange={(event) => {
          const q = event.target.value;
          setValue(q);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => navigate(q), DEBOUNCE_MS);
        }}
      />
    </form>
  );
}
