'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useSearchNavigate } from './search-area';
import { useEarlyValue } from './use-early-value';

const DEBOUNCE_MS = 300;

/** The search field: the query lives in the URL (?q=), so a search can be shared as a link. */
export function SearchBox() {
  const replace = useSearchNavigate();
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
    replace(`${pathname}${next.size ? `?${next}` : ''}`);
  };

  // Typed before the page's script ran: search for it rather than ignore it.
  useEarlyValue(input, value, (typed) => {
    setValue(typed);
    navigate(typed);
  });

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
